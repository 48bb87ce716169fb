import type pg from "pg";
import type { Pool, Tx } from "./pool.ts";

/** Runs fn in one transaction: committed if it returns, rolled back if it throws. */
export async function transaction<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, fn);
  } finally {
    client.release();
  }
}

/** The same on a connection the caller holds (one that must stay its own, like a lock holder's). */
export async function inTransaction<C extends pg.ClientBase, T>(client: C, fn: (tx: C) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
