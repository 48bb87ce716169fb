import type { Envelope } from "@koban/contracts";
import type { Queryable } from "@koban/db";

/** An event arrived before an earlier one of its stream; its delivery fails and is retried. */
export class StreamGapError extends Error {
  override name = "StreamGapError";
}

/**
 * Records that a stream's event was applied, and says whether to apply it. A version already
 * applied is skipped (a redelivery). A version beyond the next one waits, by failing and being
 * retried, until the ones before it are applied: most events change only some columns, so
 * applying them out of order would lose a change. Hence every event of a stream the query
 * side follows must have a projection, even one that only advances.
 */
export async function advance(db: Queryable, event: Envelope): Promise<boolean> {
  if (!event.stream) return true;
  // The usual case in one round trip: the next version (the first, or one past the row's).
  const { rowCount } = await db.query(
    `INSERT INTO query.stream_versions (stream_id, version, partner_id, livemode)
     SELECT $1::text, $2::int, $3::text, $4::boolean
     WHERE $2 = 1 OR EXISTS (SELECT 1 FROM query.stream_versions WHERE stream_id = $1)
     ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
     WHERE query.stream_versions.version = excluded.version - 1`,
    [event.stream.id, event.stream.version, event.tenant?.partnerId ?? null, event.tenant?.livemode ?? null],
  );
  if (rowCount === 1) return true;
  // Not the next one: already applied (skip it), or ahead of a gap (wait for it).
  const { rows } = await db.query<{ version: number }>(
    "SELECT version FROM query.stream_versions WHERE stream_id = $1 FOR UPDATE",
    [event.stream.id],
  );
  const applied = rows[0]?.version ?? 0;
  if (event.stream.version <= applied) return false;
  throw new StreamGapError(
    `${event.stream.id} is at version ${applied}; ${event.type} is version ${event.stream.version}`,
  );
}
