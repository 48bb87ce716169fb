import type { Queryable } from "@koban/db";
import { followedEventTypes } from "@koban/query";
import { eventually } from "./eventually.ts";

/**
 * Waits until the bus has nothing in flight: every outbox relayed, and the read models at the
 * last version of every stream in the event store that the query side follows. A test comparing the live read models with
 * a rebuild must first let the live side finish what earlier tests set going.
 */
export async function waitForQuiescence(db: Queryable, timeoutMs = 20_000): Promise<void> {
  const { rows: outboxes } = await db.query<{ schema: string }>(
    "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'",
  );
  await eventually(async () => {
    for (const { schema } of outboxes) {
      const { rows } = await db.query(`SELECT 1 FROM "${schema}".outbox WHERE published_at IS NULL LIMIT 1`);
      if (rows.length > 0) throw new Error(`${schema}.outbox still has unpublished messages`);
    }
    const { rows: behind } = await db.query(
      `SELECT e.stream_id FROM (
         SELECT stream_id, max(stream_version) AS version FROM eventstore.events
         WHERE type = ANY($1) GROUP BY stream_id
       ) e
       LEFT JOIN query.stream_versions s USING (stream_id)
       WHERE s.version IS DISTINCT FROM e.version LIMIT 1`,
      [followedEventTypes],
    );
    if (behind.length > 0) throw new Error(`the read models are behind on stream ${behind[0]?.stream_id}`);
  }, timeoutMs);
}
