import type { Envelope } from "@koban/contracts";
import { Queue } from "bullmq";
import type { Delivery } from "./consumer.ts";
import type { BusNames } from "./names.ts";
import type { Redis } from "./redis.ts";

export interface Outgoing {
  queue: string;
  envelope: Envelope;
  attempt: number;
  /** Unique per queue: BullMQ ignores a second add while the first job still exists. */
  jobId: string;
}

/**
 * BullMQ's own retries only cover infrastructure failures (Postgres unreachable while a
 * failure is being recorded); handler failures are retried from Postgres rows.
 */
export const busJobOptions = {
  attempts: 50,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: true,
  removeOnFail: 10_000,
} as const;

/** At most this many messages ride in one job. */
const MAX_BATCH = 100;

/** Adds jobs to queues. */
export class Publisher {
  private readonly queues = new Map<string, Queue<Delivery>>();

  constructor(
    private readonly connection: Redis,
    private readonly names: BusNames,
  ) {}

  queue(name: string): Queue<Delivery> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<Delivery>(name, { connection: this.connection, prefix: this.names.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  knownQueues(): string[] {
    return [...this.queues.keys()];
  }

  /**
   * One round trip per queue. Messages for the same queue and attempt travel together, up to
   * MAX_BATCH in a job, so a busy bus moves batches while a quiet one still sends each at once.
   */
  async publish(outgoing: readonly Outgoing[]): Promise<void> {
    const byQueue = new Map<string, Outgoing[][]>();
    for (const item of outgoing) {
      const jobs = byQueue.get(item.queue) ?? [];
      const last = jobs.at(-1);
      if (last && last.length < MAX_BATCH && last[0]?.attempt === item.attempt) last.push(item);
      else jobs.push([item]);
      byQueue.set(item.queue, jobs);
    }
    await Promise.all(
      [...byQueue].map(([name, jobs]) =>
        this.queue(name).addBulk(
          jobs.map((items) => {
            const first = items[0] as Outgoing;
            const last = items.at(-1) as Outgoing;
            return {
              name: items.length === 1 ? first.envelope.type : "batch",
              data: { envelopes: items.map((item) => item.envelope), attempt: first.attempt },
              opts: { ...busJobOptions, jobId: items.length === 1 ? first.jobId : `${first.jobId}..${last.jobId}` },
            };
          }),
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
