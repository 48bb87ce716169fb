import type pg from "pg";
import type { Pool, Tx } from "./pool.ts";

interface OpenTransaction {
  /** What the transaction noted about itself (lockWait's kinds of lock taken): in memory, no round trip. */
  notes: Set<string>;
  /** Statements sent with COMMIT, in its round trip; a function is asked for its statement at COMMIT. */
  atCommit: Array<string | (() => string | undefined)>;
  /** What code keeps for the length of the transaction (transactionState). */
  state: Map<symbol, unknown>;
}

const openTransactions = new WeakMap<object, OpenTransaction>();

/** The notes of the transaction `client` is in, if this module began it; undefined otherwise. */
export function transactionNotes(client: object): Set<string> | undefined {
  return openTransactions.get(client)?.notes;
}

/**
 * Sends `statement` (simple protocol: no parameters, values quoted by the caller) with COMMIT, in
 * one round trip: it runs last in the transaction, and if it fails nothing commits. A function is
 * called at COMMIT for the statement (undefined: none), for what is known only then. False when
 * `client` is not in a transaction this module began: the caller then runs it itself.
 */
export function runAtCommit(client: object, statement: string | (() => string | undefined)): boolean {
  const open = openTransactions.get(client);
  if (!open) return false;
  open.atCommit.push(statement);
  return true;
}

/**
 * What `key`'s owner keeps for the length of the transaction `client` is in (made by `init` on
 * first use); undefined when `client` is not in a transaction this module began. Gone with the
 * transaction, committed or not.
 */
export function transactionState<T>(client: object, key: symbol, init: () => T): T | undefined {
  const open = openTransactions.get(client);
  if (!open) return undefined;
  if (!open.state.has(key)) open.state.set(key, init());
  return open.state.get(key) as T;
}

export interface TransactionOptions {
  /**
   * A statement sent with BEGIN in the same round trip (simple protocol, so no parameters: the
   * caller quotes its values with pg's escapeLiteral). Its result is the callback's second argument.
   */
  withBegin?: string;
}

/** Runs fn in one transaction: committed if it returns, rolled back if it throws. */
export async function transaction<T>(
  pool: Pool,
  fn: (tx: Tx, first: pg.QueryResult | undefined) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, fn, options);
  } finally {
    client.release();
  }
}

/** The same on a connection the caller holds (one that must stay its own, like a lock holder's). */
export async function inTransaction<C extends pg.ClientBase, T>(
  client: C,
  fn: (tx: C, first: pg.QueryResult | undefined) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const open: OpenTransaction = { notes: new Set(), atCommit: [], state: new Map() };
  openTransactions.set(client, open);
  try {
    let first: pg.QueryResult | undefined;
    if (options.withBegin) {
      try {
        const results = (await client.query(`BEGIN; ${options.withBegin}`)) as unknown as pg.QueryResult[];
        first = results[1];
      } catch (error) {
        // BEGIN ran, the statement failed: the transaction is aborted and must end.
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } else {
      await client.query("BEGIN");
    }
    try {
      const result = await fn(client, first);
      const atCommit = open.atCommit.map((statement) => (typeof statement === "string" ? statement : statement()));
      await client.query([...atCommit.filter((statement) => statement !== undefined), "COMMIT"].join(";\n"));
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    openTransactions.delete(client);
  }
}
