import type { Queryable } from "./pool.ts";
import { transactionNotes } from "./transaction.ts";

/**
 * Whether a row lock of `kind` should wait, in a transaction that may handle several messages (a
 * batched delivery): the first one waits; later ones fail at once (`NOWAIT`) rather than wait in
 * an order another batch may take the other way round, a deadlock Postgres only breaks after
 * `deadlock_timeout`. The batch then rolls back and each message is handled on its own, where
 * its one lock waits. Append the result to the `FOR … UPDATE` clause.
 */
export async function lockWait(tx: Queryable, kind: string): Promise<"" | " NOWAIT"> {
  // A transaction begun by `transaction`/`inTransaction` keeps the note in memory: no round trip.
  const notes = transactionNotes(tx);
  if (notes) {
    const held = notes.has(`lock:${kind}`);
    notes.add(`lock:${kind}`);
    return held ? " NOWAIT" : "";
  }
  const setting = `koban.locks_${kind}`;
  const { rows } = await tx.query<{ held: string | null }>(
    "SELECT current_setting($1, true) AS held, set_config($1, 'on', true)",
    [setting],
  );
  return rows[0]?.held === "on" ? " NOWAIT" : "";
}
