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

/**
 * One small pool per process, shared by everything in it: the cluster allows 100
 * connections in all, so pools stay small.
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
  return pool;
}
