import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

const transactionTypes = ["purchase", "refund", "force_post"] as const;

/** Posted money movements (what the network cleared), newest first. */
const list = partnerProcedure(["authorization", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: z.string().max(64).optional(),
      type: z.enum(transactionTypes).optional(),
      cardId: z.string().max(64).optional(),
      authorizationId: z.string().max(64).optional(),
    }),
  )
  .query(({ ctx, input }) => ctx.query.transactions.list.query({ tenant: ctx.tenant, ...input }));

const get = partnerProcedure(["authorization", "read"])
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ ctx, input }) =>
    found(await ctx.query.transactions.get.query({ tenant: ctx.tenant, id: input.id }), "transaction"),
  );

export const transactionsRouter = router({ list, get });
