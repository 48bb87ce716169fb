import { randomUUID } from "node:crypto";
import type { Envelope } from "@koban/contracts";
import { createPool, transaction } from "@koban/db";
import { type BusNames, busJobOptions, createRedis, type Delivery, workerLockSettings } from "@koban/messaging";
import { Queue, Worker } from "bullmq";
import { SINK, sleep } from "./harness.ts";
import { type CpuUse, cpuMeter } from "./stats.ts";

export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
  /** Measured before the baseline's connections close, so their processes are still there to read. */
  cpu: CpuUse;
}

/**
 * BullMQ alone: jobs as the relay adds them (addBulk, the same payload and options, the same
 * prefix) to a worker set up as startContext sets it up, whose processor does nothing.
 */
export async function rawBullmq(
  redisUrl: string,
  names: BusNames,
  options: { jobs: number; chunk: number; concurrency: number; sample: Envelope; timeoutMs: number; database: string },
): Promise<Throughput> {
  const queueName = "bench.raw";
  const queueConnection = createRedis(redisUrl);
  const workerConnection = createRedis(redisUrl);
  const queue = new Queue<Delivery>(queueName, { connection: queueConnection, prefix: names.prefix });
  let completed = 0;
  let lastCompletedAt = 0;
  const worker = new Worker<Delivery>(queueName, async () => {}, {
    connection: workerConnection,
    prefix: names.prefix,
    concurrency: options.concurrency,
    ...workerLockSettings,
  });
  worker.on("completed", () => {
    completed++;
    lastCompletedAt = performance.now();
  });
  await worker.waitUntilReady();

  const data: Delivery = { envelopes: [options.sample], attempt: 1 };
  const cpu = cpuMeter(options.database);
  const startedAt = performance.now();
  for (let first = 0; first < options.jobs; first += options.chunk) {
    const size = Math.min(options.chunk, options.jobs - first);
    await queue.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: options.sample.type,
        data,
        opts: { ...busJobOptions, jobId: `raw-${first + i}` },
      })),
    );
  }
  const deadline = performance.now() + options.timeoutMs;
  while (completed < options.jobs && performance.now() < deadline) await sleep(20);
  if (completed < options.jobs) throw new Error(`raw BullMQ: only ${completed} of ${options.jobs} jobs completed`);
  const seconds = (lastCompletedAt - startedAt) / 1000;
  const used = cpu();

  await worker.close();
  await queue.close();
  workerConnection.disconnect();
  queueConnection.disconnect();
  return { count: completed, seconds, perSecond: completed / seconds, cpu: used };
}

/** Postgres alone: BEGIN; INSERT one row; COMMIT, from a few clients at once, for a while. */
export async function rawPostgres(
  url: string,
  options: { clients: number; seconds: number; database: string },
): Promise<Throughput> {
  const pool = createPool(url, { max: options.clients, name: "bench-baseline" });
  // Connect every client before timing.
  await Promise.all(Array.from({ length: options.clients }, () => pool.connect())).then((clients) =>
    clients.forEach((client) => {
      client.release();
    }),
  );
  let count = 0;
  const cpu = cpuMeter(options.database);
  const startedAt = performance.now();
  const deadline = startedAt + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      await transaction(pool, (tx) =>
        tx.query(`INSERT INTO ${SINK}.baseline (message_id) VALUES ($1)`, [randomUUID()]),
      );
      count++;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (performance.now() - startedAt) / 1000;
  const used = cpu();
  await pool.end();
  return { count, seconds, perSecond: count / seconds, cpu: used };
}
