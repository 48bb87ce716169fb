import { Command } from "commander";
import { withPool } from "../env.ts";
import { createProgram } from "../programs.ts";

interface Options {
  partner: string;
  name: string;
  currency: string;
  timezone: string;
  bin: string;
  live?: boolean;
}

export function programCommands(): Command {
  const programs = new Command("program").description("Card programs (Koban's staff set them up for partners)");
  programs
    .command("create")
    .description("Create a card program for a partner; prints its id as JSON once the query side shows it")
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .requiredOption("--name <name>", "the program's name")
    .requiredOption("--currency <code>", "ISO 4217, e.g. JPY")
    .requiredOption("--timezone <zone>", "IANA time zone of the program's days, e.g. Asia/Tokyo")
    .requiredOption("--bin <digits>", "the BIN prefix of its card numbers, 6 to 8 digits")
    .option("--live", "a live-mode program (default: test mode)")
    .action((options: Options) =>
      withPool(async (pool) => {
        const created = await createProgram(pool, options.partner, {
          livemode: options.live === true,
          name: options.name,
          currency: options.currency,
          timezone: options.timezone,
          binPrefix: options.bin,
        });
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      }),
    );
  return programs;
}
