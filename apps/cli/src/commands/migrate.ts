import { loadEnv } from "@koban/config";
import { migrateAll } from "@koban/system";
import { Command } from "commander";
import { z } from "zod";
import { withPool } from "../env.ts";

export function migrateCommand(): Command {
  return new Command("migrate").description("Bring every schema up to date").action(() =>
    withPool(async (pool) => {
      await migrateAll(pool, {
        onSchema: (schema) => process.stderr.write(`migrating ${schema}\n`),
        queryReaderPassword: loadEnv({ QUERY_DB_PASSWORD: z.string().min(8).optional() }).QUERY_DB_PASSWORD,
      });
      process.stderr.write("migrations done\n");
    }),
  );
}
