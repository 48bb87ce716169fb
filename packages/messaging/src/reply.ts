import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Envelope, parseEnvelope } from "@koban/contracts";
import { childLogger } from "@koban/observability";
import { Queue, Worker } from "bullmq";
import { type Delivery, workerLockSettings } from "./consumer.ts";
import type { BusNames } from "./names.ts";
import { createRedis } from "./redis.ts";

/**
 * The address a process gives in its commands' `replyTo`, and the queue where their
 * documents arrive. Unique per process, so two facades never receive each other's replies.
 */
export class ReplyChannel {
  readonly address = `${hostname().replace(/[^a-zA-Z0-9-]/g, "-")}-${process.pid}-${randomBytes(4).toString("hex")}`;
  private readonly log = childLogger({ component: "replies", address: this.address });
  private readonly waiters = new Map<string, (document: Envelope) => void>();
  private readonly connection;
  private readonly worker: Worker<Delivery>;

  constructor(
    private readonly deps: { redisUrl: string; names: BusNames },
    /** Called for every document, awaited or not (a caller that gave up still needs the result kept). */
    onDocument: (document: Envelope) => Promise<void>,
  ) {
    this.connection = createRedis(deps.redisUrl);
    this.worker = new Worker<Delivery>(
      deps.names.replyQueue(this.address),
      async (job) => {
        for (const raw of job.data.envelopes) {
          const document = parseEnvelope(raw);
          await onDocument(document);
          if (document.causationId) this.waiters.get(document.causationId)?.(document);
        }
      },
      { connection: this.connection, prefix: deps.names.prefix, concurrency: 64 },
    );
    this.worker.on("error", (error) => this.log.error({ err: error }, "reply worker error"));
  }

  /**
   * Waits for the document answering `commandId`. Call before sending the command, so a
   * fast reply cannot arrive unawaited. Resolves undefined at the deadline.
   */
  expect(commandId: string, timeoutMs: number): Promise<Envelope | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(commandId, (document) => {
        clearTimeout(timer);
        this.waiters.delete(commandId);
        resolve(document);
      });
    });
  }

  async close(): Promise<void> {
    await this.worker.close();
    const queue = new Queue(this.deps.names.replyQueue(this.address), {
      connection: this.connection,
      prefix: this.deps.names.prefix,
    });
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    this.connection.disconnect();
  }
}

/**
 * The shared consumer of answered documents (see TopologyOptions.recordOperations): any facade
 * process runs one, so an operation completes whichever process asked, alive or not.
 */
export function startOperationRecorder(
  deps: { redisUrl: string; names: BusNames },
  record: (document: Envelope) => Promise<void>,
): { close(): Promise<void> } {
  const log = childLogger({ component: "operations" });
  const connection = createRedis(deps.redisUrl);
  const worker = new Worker<Delivery>(
    deps.names.operationsQueue,
    async (job) => {
      for (const raw of job.data.envelopes) await record(parseEnvelope(raw));
    },
    { connection, prefix: deps.names.prefix, concurrency: 8, ...workerLockSettings },
  );
  worker.on("error", (error) => log.error({ err: error }, "operations worker error"));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
