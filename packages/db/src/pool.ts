import { createHash } from "node:crypto";
import pg from "pg";

export type Pool = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that runs a query: a pool, or a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, "query">;

const INT8 = 20;

/** bigint columns (positions, amounts in minor units) as numbers, refusing silent precision loss. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** At most this many statements are kept prepared on one connection; later ones are sent unnamed. */
const MAX_PREPARED = 500;
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    if (names.size >= 10_000) names.clear();
    name = `k${createHash("sha1").update(text).digest("base64url")}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Makes a connection prepare each parameterized statement once, named after its text: Postgres
 * then parses and plans it once per connection instead of at every call, and the client sends
 * only Bind and Execute. Statements with no parameters (BEGIN, COMMIT, several statements in one
 * text) are left as they are.
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  const named = (text: string): string | undefined => {
    const name = statementName(text);
    if (prepared.has(name)) return name;
    if (prepared.size >= MAX_PREPARED) return undefined;
    prepared.add(name);
    return name;
  };
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === "string" && Array.isArray(values) && values.length > 0) {
      const name = named(config);
      if (name) return query({ text: config, values, name }, callback);
    } else if (
      config !== null &&
      typeof config === "object" &&
      !("submit" in config) &&
      !("name" in config) &&
      typeof (config as pg.QueryConfig).text === "string" &&
      Array.isArray((config as pg.QueryConfig).values) &&
      ((config as pg.QueryConfig).values?.length ?? 0) > 0
    ) {
      const name = named((config as pg.QueryConfig).text);
      if (name) return query({ ...(config as pg.QueryConfig), name }, values, callback);
    }
    return query(config, values, callback);
  }) as typeof client.query;
}

/**
 * One small pool per process, shared by everything in it: the cluster allows 100
 * connections in all, so pools stay small. Parameterized statements are prepared once per
 * connection (see prepareStatements).
 */
export function createPool(
  connectionString: string,
  options: { max?: number; name?: string; searchPath?: string } = {},
): Pool {
  const pool = new pg.Pool({
    connectionString,
    // For a library that names its tables unqualified (the console's better-auth).
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    max: options.max ?? 8,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: options.name ?? "koban",
    types,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  pool.on("connect", prepareStatements);
  return pool;
}
