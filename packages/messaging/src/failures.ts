import type { Envelope } from "@koban/contracts";
import type { Queryable } from "@koban/db";

export interface RetryPolicy {
  /** Deliveries in all, the first included, before a message becomes a dead letter. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/** Exponential backoff with equal jitter (between half the ceiling and the ceiling): spreads retries so a recovering dependency isn't stampeded. */
export function retryDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

interface Failure {
  consumer: string;
  queue: string;
  envelope: Envelope;
  attempt: number;
  error: unknown;
  permanent: boolean;
}

/** Keeps a failed delivery in Postgres: a retry row due later, or a dead letter. */
export async function recordFailure(db: Queryable, policy: RetryPolicy, failure: Failure): Promise<"retry" | "dead"> {
  const reason = describe(failure.error);
  if (failure.permanent || failure.attempt >= policy.maxAttempts) {
    await db.query(
      `INSERT INTO bus.dead_letters (consumer, queue, message_id, message_type, envelope, attempts, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        failure.consumer,
        failure.queue,
        failure.envelope.id,
        failure.envelope.type,
        failure.envelope,
        failure.attempt,
        reason,
      ],
    );
    return "dead";
  }
  await db.query(
    `INSERT INTO bus.scheduled (queue, envelope, attempt, due_at, reason)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000), $5)`,
    [failure.queue, failure.envelope, failure.attempt + 1, retryDelay(policy, failure.attempt), reason],
  );
  return "retry";
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
