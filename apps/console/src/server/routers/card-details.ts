import { readCardDetails } from "@koban/card";
import { DomainError } from "@koban/contracts";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

/**
 * A card's number, expiry and security code for an admin to read once: `card`'s own audited read
 * (the one the API's `/cards/{id}/details` makes), never over the bus. The console's audit line
 * names the card, never its number.
 */
const reveal = partnerProcedure(["card", "reveal"])
  .input(z.object({ id: z.string().min(1).max(64) }))
  .mutation(async ({ ctx, input }) => {
    found(await ctx.query.cards.get.query({ tenant: ctx.tenant, id: input.id }), "card");
    const actor = { type: "console_member" as const, id: ctx.user.id, requestId: null };
    try {
      const details = await readCardDetails(ctx.pool, ctx.tenant, input.id, actor);
      await ctx.audit({ action: "card.reveal", target: input.id, outcome: "succeeded" });
      return details;
    } catch (error) {
      await ctx.audit({ action: "card.reveal", target: input.id, outcome: "failed" });
      if (error instanceof DomainError && error.details.status === 404) {
        throw new TRPCError({ code: "NOT_FOUND", message: "No such card." });
      }
      throw error;
    }
  });

export const cardDetailsRouter = router({ reveal });
