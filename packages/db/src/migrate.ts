import { runner } from "node-pg-migrate";
import type { Pool } from "./pool.ts";

export interface SchemaMigrations {
  /** The Postgres schema this set of migrations owns, and only touches. */
  schema: string;
  /** Folder of `NNNN_name.sql` files (`-- Up Migration` / `-- Down Migration`). */
  dir: string;
  /** Where the history is kept, when one schema holds several sets (default `schema_migrations`). */
  table?: string;
}

/** Brings one schema up to date. Its migration history lives inside the schema itself. */
export async function migrateSchema(pool: Pool, migrations: SchemaMigrations): Promise<string[]> {
  const client = await pool.connect();
  try {
    const ran = await runner({
      dbClient: client,
      dir: migrations.dir,
      schema: migrations.schema,
      createSchema: true,
      migrationsSchema: migrations.schema,
      migrationsTable: migrations.table ?? "schema_migrations",
      direction: "up",
      count: Number.POSITIVE_INFINITY,
      checkOrder: true,
      advisoryLockMode: "wait",
      log: () => {},
    });
    return ran.map((m) => m.name);
  } finally {
    // The runner changes search_path; a connection with a surprising search_path never goes back to the pool.
    client.release(true);
  }
}
