import { fileURLToPath } from "node:url";
import { accountContext } from "@koban/account";
import { cardContext } from "@koban/card";
import { cardholderContext } from "@koban/cardholder";
import { clearingContext } from "@koban/clearing";
import { migrateSchema, type Pool } from "@koban/db";
import { fundingContext } from "@koban/funding";
import { type BusNames, buildTopology, migrateBus, migrateMessagingTables, type Topology } from "@koban/messaging";
import { partnerContext } from "@koban/partner";
import { processingContext } from "@koban/processing";
import { DEV_QUERY_READER_PASSWORD, grantQueryReader, queryContext } from "@koban/query";

/** Every bounded context the backend runs. Adding a context starts here. */
export const contexts = [
  partnerContext,
  cardholderContext,
  cardContext,
  accountContext,
  fundingContext,
  processingContext,
  clearingContext,
  queryContext,
] as const;

/** The API facade's schema: its outbox (commands), operations and idempotency keys. */
export const facadeSchema = {
  schema: "api",
  dir: fileURLToPath(new URL("../migrations/api", import.meta.url)),
};

/** The console's schema: its members' identity (better-auth), its outbox (commands), operations and audit log. */
export const consoleSchema = {
  schema: "console",
  dir: fileURLToPath(new URL("../migrations/console", import.meta.url)),
};

export function systemTopology(names: BusNames): Topology {
  return buildTopology(names, contexts, {
    extraOutboxes: [facadeSchema.schema, consoleSchema.schema],
    recordOperations: true,
  });
}

export interface MigrateOptions {
  onSchema?: (schema: string) => void;
  /** The query processor's database password; given explicitly, an existing role takes it. */
  queryReaderPassword?: string;
}

/** Brings every schema up to date: the bus, the event store, each context, the facades (API and console). */
export async function migrateAll(pool: Pool, options: MigrateOptions = {}): Promise<void> {
  const onSchema = options.onSchema ?? (() => {});
  await migrateBus(pool);
  for (const context of contexts) {
    onSchema(context.schema);
    await migrateMessagingTables(pool, context.schema);
    await migrateSchema(pool, { schema: context.schema, dir: context.migrations });
  }
  onSchema(facadeSchema.schema);
  await migrateMessagingTables(pool, facadeSchema.schema);
  await migrateSchema(pool, facadeSchema);
  onSchema(consoleSchema.schema);
  await migrateMessagingTables(pool, consoleSchema.schema);
  await migrateSchema(pool, consoleSchema);
  await grantQueryReader(pool, options.queryReaderPassword ?? DEV_QUERY_READER_PASSWORD, {
    resetPassword: options.queryReaderPassword !== undefined,
  });
}
