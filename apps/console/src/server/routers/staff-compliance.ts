import { FreezeCard, UpdateCardholder } from "@koban/contracts";
import { z } from "zod";
import { suspensionForm } from "../../shared/forms.ts";
import { found, refused, router, staffProcedure } from "../trpc.ts";

const mode = z.enum(["test", "live"]).default("live");
const id = z.string().min(1).max(64);

/** Cardholders of every partner whose id is the text or whose name contains it, in one mode. */
const searchCardholders = staffProcedure(["cardholder", "read"])
  .input(z.object({ mode, text: z.string().trim().min(1).max(100) }))
  .query(({ ctx, input }) =>
    ctx.query.staff.searchCardholders.query({ livemode: input.mode === "live", text: input.text }),
  );

const cardholderCards = staffProcedure(["card", "read"])
  .input(z.object({ mode, cardholderId: id }))
  .query(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    found(await ctx.query.staff.cardholder.query({ livemode, id: input.cardholderId }), "cardholder");
    return ctx.query.staff.cardholderCards.query({ livemode, cardholderId: input.cardholderId });
  });

/**
 * Suspends a cardholder (every card of theirs stops authorizing), in the cardholder's own tenant.
 * The reason is compliance's own record: it goes to the audit log, not to the partner.
 */
const suspendCardholder = staffProcedure(["compliance", "suspend"])
  .input(suspensionForm.extend({ mode, cardholderId: id }))
  .mutation(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    const cardholder = found(
      await ctx.query.staff.cardholder.query({ livemode, id: input.cardholderId }),
      "cardholder",
    );
    const tenant = { partnerId: cardholder.partnerId, livemode };
    const outcome = await ctx.commands.send(
      UpdateCardholder,
      { cardholder_id: cardholder.id, status: "suspended" },
      tenant,
      { type: "cardholder", id: cardholder.id },
    );
    const failed = outcome.status === "rejected";
    await ctx.audit({
      action: "compliance.suspend_cardholder",
      target: cardholder.id,
      tenant,
      outcome: failed ? "failed" : outcome.status === "accepted" ? "succeeded" : "pending",
      detail: { reason: input.reason, ...(failed ? { code: outcome.error.code } : {}) },
    });
    if (failed) throw refused(outcome.error);
    return { cardholderId: cardholder.id, status: "suspended" as const };
  });

/** Freezes one card (it stops authorizing), in the card's own tenant, with the reason in the audit log. */
const suspendCard = staffProcedure(["compliance", "suspend"])
  .input(suspensionForm.extend({ mode, cardId: id }))
  .mutation(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    const card = found(await ctx.query.staff.card.query({ livemode, id: input.cardId }), "card");
    const tenant = { partnerId: card.partnerId, livemode };
    const outcome = await ctx.commands.send(FreezeCard, { card_id: card.id }, tenant, { type: "card", id: card.id });
    const failed = outcome.status === "rejected";
    await ctx.audit({
      action: "compliance.freeze_card",
      target: card.id,
      tenant,
      outcome: failed ? "failed" : outcome.status === "accepted" ? "succeeded" : "pending",
      detail: { reason: input.reason, ...(failed ? { code: outcome.error.code } : {}) },
    });
    if (failed) throw refused(outcome.error);
    return { cardId: card.id, status: "frozen" as const };
  });

export const staffComplianceRouter = router({ searchCardholders, cardholderCards, suspendCardholder, suspendCard });
