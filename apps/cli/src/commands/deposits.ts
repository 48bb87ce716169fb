import { Command } from "commander";
import { recordDeposit } from "../deposits.ts";
import { withPool } from "../env.ts";

interface Options {
  partner: string;
  program: string;
  amount: string;
  description?: string;
  live?: boolean;
}

export function depositCommands(): Command {
  const deposits = new Command("deposit").description("Money reaching partners' programs (recorded by Koban's staff)");
  deposits
    .command("record")
    .description("Record a deposit into a program's funding account; prints it as JSON once the read side shows it")
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .requiredOption("--program <id>", "the program (prg_…) whose funding account receives it")
    .requiredOption("--amount <n>", "in the program currency's minor unit (yen for JPY)")
    .option("--description <text>", "e.g. the bank transfer's reference")
    .option("--live", "a live-mode program (default: test mode)")
    .action((options: Options) =>
      withPool(async (pool) => {
        const recorded = await recordDeposit(pool, {
          partnerId: options.partner,
          programId: options.program,
          livemode: options.live === true,
          amount: Number(options.amount),
          description: options.description ?? null,
        });
        process.stdout.write(`${JSON.stringify(recorded, null, 2)}\n`);
      }),
    );
  return deposits;
}
