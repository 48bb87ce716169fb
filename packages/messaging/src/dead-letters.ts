import type { Pool } from "@koban/db";
import { transaction } from "@koban/db";

export interface DeadLetter {
  id: number;
  consumer: string;
  queue: string;
  message_id: string;
  message_type: string;
  attempts: number;
  error: string;
  failed_at: Date;
}

export async function listDeadLetters(pool: Pool, options: { limit?: number } = {}): Promise<DeadLetter[]> {
  const { rows } = await pool.query<DeadLetter>(
    `SELECT id, consumer, queue, message_id, message_type, attempts, error, failed_at
     FROM bus.dead_letters WHERE replayed_at IS NULL ORDER BY failed_at DESC LIMIT $1`,
    [options.limit ?? 100],
  );
  return rows;
}

/**
 * Sends a dead letter to its consumer again, as a fresh first attempt (the relay's scheduler
 * enqueues it). If the consumer already applied it, its inbox makes the replay a no-op.
 */
export async function replayDeadLetter(pool: Pool, id: number): Promise<boolean> {
  return transaction(pool, async (tx) => {
    const { rows } = await tx.query(
      `UPDATE bus.dead_letters SET replayed_at = now()
       WHERE id = $1 AND replayed_at IS NULL RETURNING queue, envelope`,
      [id],
    );
    const letter = rows[0];
    if (!letter) return false;
    await tx.query(
      `INSERT INTO bus.scheduled (queue, envelope, attempt, due_at, reason) VALUES ($1, $2, 1, now(), 'replay')`,
      [letter.queue, letter.envelope],
    );
    return true;
  });
}
