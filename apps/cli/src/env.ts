import { loadEnv, platformEnv } from "@koban/config";
import { createPool, type Pool } from "@koban/db";

/** Commands that work on an installation need its database; nothing else. */
export function connect(): Pool {
  const env = loadEnv({ DATABASE_URL: platformEnv.DATABASE_URL });
  return createPool(env.DATABASE_URL, { max: 2, name: "koban-cli" });
}

export async function withPool<T>(run: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = connect();
  try {
    return await run(pool);
  } finally {
    await pool.end();
  }
}
