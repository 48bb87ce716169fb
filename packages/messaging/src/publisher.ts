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
const jobOptions = {
  attempts: 50,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: true,
  removeOnFail: 10_000,
} as const;

/** Adds jobs to queues, one round trip per queue. */
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

  async publish(outgoing: readonly Outgoing[]): Promise<void> {
    const byQueue = new Map<string, Outgoing[]>();
    for (const item of outgoing) {
      const list = byQueue.get(item.queue) ?? [];
      list.push(item);
      byQueue.set(item.queue, list);
    }
    await Promise.all(
      [...byQueue].map(([name, items]) =>
        this.queue(name).addBulk(
          items.map((item) => ({
            name: item.envelope.type,
            data: { envelope: item.envelope, attempt: item.attempt },
            opts: { ...jobOptions, jobId: item.jobId },
          })),
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
