import type { Envelope } from "@koban/contracts";
import { type Queryable, quoteIdent } from "@koban/db";

export const OUTBOX_CHANNEL = "koban_outbox";

/**
 * Writes messages to a context's outbox inside the caller's transaction: they are
 * published if and only if that transaction commits. The notification wakes the relay
 * at commit time.
 */
export async function appendToOutbox(tx: Queryable, schema: string, messages: readonly Envelope[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.query(
    `INSERT INTO ${quoteIdent(schema)}.outbox (message_id, envelope)
     SELECT (m->>'id')::uuid, m FROM jsonb_array_elements($1::jsonb) AS m`,
    [JSON.stringify(messages)],
  );
  await tx.query("SELECT pg_notify($1, $2)", [OUTBOX_CHANNEL, schema]);
}
