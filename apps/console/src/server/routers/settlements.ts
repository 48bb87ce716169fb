import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

const settlementId = z.object({ id: z.string().min(1).max(64) });

const list = partnerProcedure(["funding", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: z.string().max(64).optional(),
      date: z.iso.date().optional(),
    }),
  )
  .query(({ ctx, input }) => ctx.query.settlements.list.query({ tenant: ctx.tenant, ...input }));

const get = partnerProcedure(["funding", "read"])
  .input(settlementId)
  .query(async ({ ctx, input }) =>
    found(await ctx.query.settlements.get.query({ tenant: ctx.tenant, id: input.id }), "settlement"),
  );

/**
 * The settlement's transactions as the API's CSV, with the file name the browser saves it under.
 * Audited: it is the partner's accounting leaving the console.
 */
const csv = partnerProcedure(["funding", "read"])
  .input(settlementId)
  .query(async ({ ctx, input }) => {
    const settlement = found(await ctx.query.settlements.get.query({ tenant: ctx.tenant, id: input.id }), "settlement");
    const content = await ctx.query.settlements.csv.query({ tenant: ctx.tenant, id: settlement.id });
    await ctx.audit({ action: "settlement.download_csv", target: settlement.id, outcome: "succeeded" });
    return { filename: `settlement-${settlement.date}-${settlement.currency}.csv`, content };
  });

export const settlementsRouter = router({ list, get, csv });
