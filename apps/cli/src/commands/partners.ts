import { Command } from "commander";
import { withPool } from "../env.ts";
import { createPartnerWithKey } from "../partners.ts";

export function partnerCommands(): Command {
  const partners = new Command("partner").description("Partners and their API keys");
  partners
    .command("create")
    .description(
      "Create a partner with a test API key and a test program; prints them as JSON (the key is shown only this once)",
    )
    .requiredOption("--name <name>", "the partner's name")
    .action((options: { name: string }) =>
      withPool(async (pool) => {
        const created = await createPartnerWithKey(pool, options.name);
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      }),
    );
  return partners;
}
