import type { Tenant } from "@koban/contracts";
import { type Pool, type Queryable, transaction } from "@koban/db";
import pg from "pg";

/** Whose eyes a read runs with; row-level security shows nothing else. */
export type ReadScope = { tenant: Tenant } | { staff: { livemode: boolean } } | { apiKeyHash: string };

/**
 * Runs reads in a transaction scoped by `set_config(..., true)`: the scope ends with the
 * transaction, so a connection back in the pool carries no tenant and sees nothing.
 */
export function readAs<T>(pool: Pool, scope: ReadScope, read: (db: Queryable) => Promise<T>): Promise<T> {
  return transaction(pool, async (tx) => {
    await tx.query(
      `SELECT set_config('koban.partner_id', $1, true), set_config('koban.livemode', $2, true),
              set_config('koban.staff', $3, true), set_config('koban.key_hash', $4, true)`,
      [
        "tenant" in scope ? scope.tenant.partnerId : "",
        "tenant" in scope ? String(scope.tenant.livemode) : "staff" in scope ? String(scope.staff.livemode) : "",
        "staff" in scope ? "on" : "",
        "apiKeyHash" in scope ? scope.apiKeyHash : "",
      ],
    );
    return read(tx);
  });
}

/** The read models the query processor may see; nothing else in the schema (not its inbox or outbox). */
const readModels = [
  "partners",
  "api_keys",
  "cardholders",
  "programs",
  "cards",
  "events",
  "webhook_endpoints",
  "webhook_deliveries",
  "funding_sources",
  "accounts",
  "transfers",
  "deposits",
  "authorizations",
  "authorization_timeline",
  "transactions",
  "clearing_postings",
  "settlements",
  "balance_history",
  "stream_versions",
];

export const QUERY_READER_ROLE = "koban_query";

/** The reader's password for a local run; production sets QUERY_DB_PASSWORD. */
export const DEV_QUERY_READER_PASSWORD = "koban_query";

/**
 * The role the query processor logs in as: owns nothing, is no superuser and cannot bypass
 * row-level security. Roles are cluster-wide, so creating it is idempotent and tolerates a
 * concurrent creation by another database's migration.
 */
export async function grantQueryReader(db: Queryable, password: string, options: { resetPassword?: boolean } = {}) {
  const secret = pg.escapeLiteral(password);
  await db.query(`DO $$ BEGIN
      CREATE ROLE ${QUERY_READER_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${secret};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  if (options.resetPassword) await db.query(`ALTER ROLE ${QUERY_READER_ROLE} PASSWORD ${secret}`);
  await db.query(`DO $$ BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${QUERY_READER_ROLE}', current_database());
    END $$`);
  await db.query(`GRANT USAGE ON SCHEMA query TO ${QUERY_READER_ROLE}`);
  await db.query(`GRANT SELECT ON ${readModels.map((table) => `query.${table}`).join(", ")} TO ${QUERY_READER_ROLE}`);
}

/** The query processor's connection: the platform's database, as the reader role. */
export function queryReaderUrl(databaseUrl: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = QUERY_READER_ROLE;
  url.password = password;
  return url.toString();
}
