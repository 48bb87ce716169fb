import { settle } from "@koban/clearing";
import { Command } from "commander";
import { withPool } from "../env.ts";

export function settleCommand(): Command {
  return new Command("settle")
    .description(
      "Settle a day (in each program's time zone): one settlement per partner, mode and currency, posted in the ledger; idempotent. Prints the day's settlements as JSON",
    )
    .requiredOption("--date <YYYY-MM-DD>", "the day to settle")
    .action((options: { date: string }) =>
      withPool(async (pool) => {
        const settlements = await settle(pool, options.date);
        const shown = settlements.map((s) => ({
          id: s.id,
          partner_id: s.tenant.partnerId,
          livemode: s.tenant.livemode,
          date: s.date,
          currency: s.currency,
          time_zone: s.timeZone,
          transaction_count: s.transactionCount,
          ...s.totals,
          status: s.status,
        }));
        process.stdout.write(`${JSON.stringify({ date: options.date, settlements: shown }, null, 2)}\n`);
      }),
    );
}
