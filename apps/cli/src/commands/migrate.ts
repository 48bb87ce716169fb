import { migrateAll } from "@koban/system";
import { Command } from "commander";
import { withPool } from "../env.ts";

export function migrateCommand(): Command {
  return new Command("migrate").description("Bring every schema up to date").action(() =>
    withPool(async (pool) => {
      await migrateAll(pool, (schema) => process.stderr.write(`migrating ${schema}\n`));
      process.stderr.write("migrations done\n");
    }),
  );
}
