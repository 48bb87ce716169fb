import { type Queryable, quoteIdent } from "@koban/db";

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
