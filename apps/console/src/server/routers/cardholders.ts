import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

const list = partnerProcedure(["cardholder", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: z.string().max(64).optional(),
      search: z.string().trim().max(100).optional(),
      status: z.enum(["active", "suspended", "closed"]).optional(),
      kycStatus: z.enum(["pending", "verified", "rejected", "needs_review"]).optional(),
      type: z.enum(["individual", "business"]).optional(),
    }),
  )
  .query(({ ctx, input }) =>
    ctx.query.cardholders.list.query({
      tenant: ctx.tenant,
      limit: input.limit,
      startingAfter: input.startingAfter,
      search: input.search || undefined,
      status: input.status,
      kycStatus: input.kycStatus,
      type: input.type,
    }),
  );

/** The cardholder with its cards and its latest events. */
const get = partnerProcedure(["cardholder", "read"])
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ ctx, input }) => {
    const cardholder = found(await ctx.query.cardholders.get.query({ tenant: ctx.tenant, id: input.id }), "cardholder");
    const [cards, authorizations] = await Promise.all([
      ctx.query.cards.list.query({ tenant: ctx.tenant, limit: 100, cardholderId: cardholder.id }),
      ctx.query.authorizations.list.query({ tenant: ctx.tenant, limit: 10, cardholderId: cardholder.id }),
    ]);
    return { cardholder, cards: cards.data, authorizations: authorizations.data };
  });

export const cardholdersRouter = router({ list, get });
