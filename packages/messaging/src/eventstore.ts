import type { Envelope } from "@koban/contracts";
import type { Queryable } from "@koban/db";

export interface StoredEvent {
  position: number;
  envelope: Envelope;
}

/** Events in global order after `after`, optionally of some types only: for replays and rebuilds. */
export async function readAll(
  db: Queryable,
  options: { after?: number; limit?: number; types?: readonly string[] } = {},
): Promise<StoredEvent[]> {
  const { rows } = await db.query<StoredEvent>(
    `SELECT position, envelope FROM eventstore.events
     WHERE position > $1 AND ($3::text[] IS NULL OR type = ANY($3::text[]))
     ORDER BY position LIMIT $2`,
    [options.after ?? 0, options.limit ?? 1_000, options.types ?? null],
  );
  return rows;
}

/** One stream's events in version order: enough to rebuild that aggregate's state. */
export async function readStream(db: Queryable, streamId: string): Promise<Envelope[]> {
  const { rows } = await db.query<{ envelope: Envelope }>(
    "SELECT envelope FROM eventstore.events WHERE stream_id = $1 ORDER BY stream_version",
    [streamId],
  );
  return rows.map((row) => row.envelope);
}

export async function headPosition(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: number }>(
    "SELECT coalesce(max(position), 0)::bigint AS head FROM eventstore.events",
  );
  return rows[0]?.head ?? 0;
}

/**
 * A saga's events across every context, in the order they were recorded: staff follow one
 * business process from its correlation id. (No index on the correlation id yet: a scan.)
 */
export async function readCorrelation(db: Queryable, correlationId: string, limit = 500): Promise<StoredEvent[]> {
  const { rows } = await db.query<StoredEvent>(
    `SELECT position, envelope FROM eventstore.events
     WHERE envelope->>'correlationId' = $1 ORDER BY position LIMIT $2`,
    [correlationId, limit],
  );
  return rows;
}
