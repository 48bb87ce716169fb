import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

const list = partnerProcedure(["authorization", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: z.string().max(64).optional(),
      status: z.string().max(32).optional(),
      cardId: z.string().max(64).optional(),
      cardholderId: z.string().max(64).optional(),
    }),
  )
  .query(({ ctx, input }) =>
    ctx.query.authorizations.list.query({
      tenant: ctx.tenant,
      limit: input.limit,
      startingAfter: input.startingAfter,
      status: input.status,
      cardId: input.cardId,
      cardholderId: input.cardholderId,
    }),
  );

/** The authorization with its saga's timeline, each participant's part in the decision. */
const get = partnerProcedure(["authorization", "read"])
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ ctx, input }) =>
    found(await ctx.query.authorizations.get.query({ tenant: ctx.tenant, id: input.id }), "authorization"),
  );

export const authorizationsRouter = router({ list, get });
