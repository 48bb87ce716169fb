import {
  isBaseDate,
  partnerLedgerBalances,
  paymentServicesActReport,
  readAs,
  reconciliation,
  settlementTotalsByDay,
} from "@koban/query";
import { Command } from "commander";
import { withPool } from "../env.ts";

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
const mode = (options: { live?: boolean }) => ({ livemode: options.live === true });

/** Accounting staff's reports across partners, one mode at a time (test mode unless --live). */
export function reportCommands(): Command {
  const report = new Command("report").description("Accounting reports across partners (Koban's staff)");
  report
    .command("settlements")
    .description("settlement totals by day and currency")
    .option("--live", "live mode (default: test mode)")
    .option("--from <YYYY-MM-DD>", "first day")
    .option("--to <YYYY-MM-DD>", "last day")
    .action((options: { live?: boolean; from?: string; to?: string }) =>
      withPool(async (pool) => {
        const staff = mode(options);
        const range = { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
        print(await readAs(pool, { staff }, (db) => settlementTotalsByDay(db, staff.livemode, range)));
      }),
    );
  report
    .command("balances")
    .description("each partner's ledger balances by kind of account and currency, and what it owes")
    .option("--live", "live mode (default: test mode)")
    .action((options: { live?: boolean }) =>
      withPool(async (pool) => {
        const staff = mode(options);
        print(await readAs(pool, { staff }, (db) => partnerLedgerBalances(db, staff.livemode)));
      }),
    );
  report
    .command("reconciliation")
    .description("differences between clearing records, ledger postings and settlements (exit 3 when any)")
    .option("--live", "live mode (default: test mode)")
    .option("--settled-through <YYYY-MM-DD>", "the last day settled: postings up to it must be in a settlement")
    .action((options: { live?: boolean; settledThrough?: string }) =>
      withPool(async (pool) => {
        const staff = mode(options);
        const found = await readAs(pool, { staff }, (db) =>
          reconciliation(db, staff.livemode, options.settledThrough ? { settledThrough: options.settledThrough } : {}),
        );
        print({ discrepancies: found });
        if (found.length > 0) process.exitCode = 3;
      }),
    );
  report
    .command("prepaid")
    .description("Payment Services Act: unused prepaid balance per partner at the end of a base date (JST), live mode")
    .requiredOption("--base-date <YYYY-MM-DD>", "31 March or 30 September")
    .action((options: { baseDate: string }) =>
      withPool(async (pool) => {
        if (!isBaseDate(options.baseDate))
          throw new Error(`Invalid base date: ${options.baseDate} (YYYY-03-31 or YYYY-09-30)`);
        print(
          await readAs(pool, { staff: { livemode: true } }, (db) => paymentServicesActReport(db, options.baseDate)),
        );
      }),
    );
  return report;
}
