import { z } from "zod";
import { router, staffProcedure } from "../trpc.ts";

/** Accounting's reports across partners, one mode at a time (live by default): test data never meets live figures. */
const mode = z.enum(["test", "live"]).default("live");
const day = z.iso.date();
const read = staffProcedure(["accounting", "read"]);

const settlementTotals = read
  .input(z.object({ mode, from: day.optional(), to: day.optional() }))
  .query(({ ctx, input }) =>
    ctx.query.staffReports.settlementTotals.query({
      staff: { livemode: input.mode === "live" },
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    }),
  );

const ledgerBalances = read
  .input(z.object({ mode }))
  .query(({ ctx, input }) =>
    ctx.query.staffReports.ledgerBalances.query({ staff: { livemode: input.mode === "live" } }),
  );

const reconciliation = read.input(z.object({ mode, settledThrough: day.optional() })).query(({ ctx, input }) =>
  ctx.query.staffReports.reconciliation.query({
    staff: { livemode: input.mode === "live" },
    ...(input.settledThrough ? { settledThrough: input.settledThrough } : {}),
  }),
);

/** Live only, whoever asks: the regulator's figure is never test money. */
const prepaidBalances = read
  .input(z.object({ baseDate: z.string().regex(/^\d{4}-(03-31|09-30)$/, "A base date is 31 March or 30 September.") }))
  .query(({ ctx, input }) => ctx.query.staffReports.paymentServicesAct.query({ baseDate: input.baseDate }));

export const staffAccountingRouter = router({ settlementTotals, ledgerBalances, reconciliation, prepaidBalances });
