import { fileURLToPath } from "node:url";
import { migrateSchema, type Pool } from "@koban/db";

const dir = (name: string) => fileURLToPath(new URL(`../migrations/${name}`, import.meta.url));

/** The bus's own schemas: `bus` (retries, dead letters, watermarks) and `eventstore`. */
export async function migrateBus(pool: Pool): Promise<void> {
  await migrateSchema(pool, { schema: "bus", dir: dir("bus") });
  await migrateSchema(pool, { schema: "eventstore", dir: dir("eventstore") });
}

/** Outbox and inbox in a context's schema; kept apart from the context's own migration history. */
export async function migrateMessagingTables(pool: Pool, schema: string): Promise<void> {
  await migrateSchema(pool, { schema, dir: dir("context"), table: "messaging_migrations" });
}
