import type { Envelope } from "@koban/contracts";
import { type Queryable, quoteIdent, runAtCommit } from "@koban/db";
import pg from "pg";

export const OUTBOX_CHANNEL = "koban_outbox";

/**
 * Writes messages to a context's outbox inside the caller's transaction: they are
 * published if and only if that transaction commits. The notification wakes the relay
 * at commit time.
 */
export async function appendToOutbox(tx: Queryable, schema: string, messages: readonly Envelope[]): Promise<void> {
  if (messages.length === 0) return;
  // One statement, one round trip: the rows and the notification.
  await tx.query(
    `WITH appended AS (
       INSERT INTO ${quoteIdent(schema)}.outbox (message_id, envelope)
       SELECT (m->>'id')::uuid, m FROM jsonb_array_elements($1::jsonb) AS m
     )
     SELECT pg_notify($2, $3)`,
    [JSON.stringify(messages), OUTBOX_CHANNEL, schema],
  );
}

/**
 * appendToOutbox as the transaction's last act, sent with its COMMIT in one round trip (a
 * transaction begun by @koban/db's helpers; any other runs it at once). The rows are written if
 * and only if the transaction commits, as with appendToOutbox; they are only not visible inside
 * the transaction before it ends.
 */
export async function appendToOutboxAtCommit(
  tx: Queryable,
  schema: string,
  messages: readonly Envelope[],
): Promise<void> {
  if (messages.length === 0) return;
  const statement = `INSERT INTO ${quoteIdent(schema)}.outbox (message_id, envelope)
    SELECT (m->>'id')::uuid, m FROM jsonb_array_elements(${pg.escapeLiteral(JSON.stringify(messages))}::jsonb) AS m;
    SELECT pg_notify(${pg.escapeLiteral(OUTBOX_CHANNEL)}, ${pg.escapeLiteral(schema)})`;
  if (!runAtCommit(tx, statement)) await appendToOutbox(tx, schema, messages);
}
