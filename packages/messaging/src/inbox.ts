import { type Queryable, quoteIdent } from "@koban/db";
import pg from "pg";

/**
 * Records that `consumer` handles this message, in the transaction of its effect. False
 * when it was already handled: the effect is then skipped, so a redelivery changes nothing.
 * A concurrent duplicate waits on the primary key until the first commits or rolls back.
 */
export async function claimInbox(tx: Queryable, schema: string, consumer: string, messageId: string): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO ${quoteIdent(schema)}.inbox (message_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [messageId, consumer],
  );
  return result.rowCount === 1;
}

/** claimInbox for several messages in one statement; returns the ids not handled before. */
export async function claimInboxes(
  tx: Queryable,
  schema: string,
  consumer: string,
  messageIds: readonly string[],
): Promise<Set<string>> {
  // Sorted, so two overlapping batches take their locks in the same order.
  const { rows } = await tx.query<{ message_id: string }>(
    `INSERT INTO ${quoteIdent(schema)}.inbox (message_id, consumer)
     SELECT id, $2 FROM unnest($1::uuid[]) AS id ORDER BY id ON CONFLICT DO NOTHING RETURNING message_id`,
    [[...messageIds].sort(), consumer],
  );
  return new Set(rows.map((row) => row.message_id));
}

/**
 * claimInboxes as SQL text with its values quoted, to be sent with BEGIN in one round trip
 * (`transaction`'s `withBegin`). The claimed ids are the rows it returns.
 */
export function claimInboxesStatement(schema: string, consumer: string, messageIds: readonly string[]): string {
  const ids = [...messageIds].sort().map((id) => pg.escapeLiteral(id));
  return `INSERT INTO ${quoteIdent(schema)}.inbox (message_id, consumer)
    SELECT id, ${pg.escapeLiteral(consumer)} FROM unnest(ARRAY[${ids.join(", ")}]::uuid[]) AS id ORDER BY id
    ON CONFLICT DO NOTHING RETURNING message_id`;
}
