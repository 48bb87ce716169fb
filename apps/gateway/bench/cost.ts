/**
 * What one authorization costs, per process, in figures that do not depend on how busy the rest
 * of the machine is: CPU ms by process, BullMQ jobs, Postgres commits, messages handled and Redis
 * commands per authorization, at a rate low enough that the stack keeps up (no backlog, so no
 * batching hides a cost). The CPU at rest over as long a time is subtracted.
 *
 *   npx tsx apps/gateway/bench/cost.ts [rate=10] [seconds=20] [cards=50]
 *   npx tsx apps/gateway/bench/cost.ts serial [count=200] [cards=50]
 *
 * `serial` sends one authorization at a time, the next once the last is answered: nothing is
 * batched and the stack never queues, so the figures are the cost of one authorization alone
 * (and the latency is the saga's own, whatever the load), on a machine other people share.
 */
import os from "node:os";
import { createPool } from "@koban/db";
import { sendAuthorization, type TrafficReport } from "@koban/network";
import { table } from "../../../packages/messaging/bench/stats.ts";
import { backlog, loadAverage, startProbe } from "./probe.ts";
import { discardLogs, runTraffic, startSagaStack } from "./saga.ts";

const serial = process.argv[2] === "serial";
const args = process.argv.slice(serial ? 3 : 2);
const rate = serial ? 0 : Number(args[0] ?? 10);
const seconds = serial ? 0 : Number(args[1] ?? 20);
const count = serial ? Number(args[0] ?? 200) : 0;
const cards = Number(args[serial ? 1 : 2] ?? 50);

const saga = await startSagaStack({ cards, poolMax: 4 });
const { stack } = saga;
discardLogs(stack);
const database = new URL(stack.db.url).pathname.slice(1);
const probePool = createPool(stack.db.url, { max: 2, name: "bench-probe" });
const pidOf = (app: { child: { pid?: number | undefined } }) => (app.child.pid ? [app.child.pid] : []);
const groups = {
  gateway: pidOf(stack.gateway),
  worker: pidOf(stack.worker),
  query: pidOf(stack.query),
  api: stack.apis.flatMap(pidOf),
};
const probe = () =>
  startProbe({ pool: probePool, redis: stack.bus.redis, prefix: stack.bus.names.prefix, database, groups });

async function drain(): Promise<void> {
  const startedAt = performance.now();
  for (;;) {
    const left = await backlog(probePool, stack.bus.redis, stack.bus.names.prefix);
    if (left.jobs + left.unrelayed === 0 || performance.now() - startedAt > 30_000) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

/** Authorizations sent one after another, each once the last was answered. */
async function oneAtATime(n: number): Promise<TrafficReport> {
  const latencies: number[] = [];
  const byResponseCode: Record<string, number> = {};
  let timeouts = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const card = saga.cards[i % saga.cards.length] as (typeof saga.cards)[number];
    const result = await sendAuthorization({
      gatewayUrl: stack.gatewayUrl,
      pan: card.pan,
      expiry: card.expiry,
      cvv2: card.cvv2 ?? null,
      amount: 100,
      currency: "JPY",
      merchant: { name: "Bench Cafe", mcc: "5814", country: "JP" },
    });
    if (result.outcome === "answered") {
      latencies.push(result.latencyMs);
      byResponseCode[result.responseCode] = (byResponseCode[result.responseCode] ?? 0) + 1;
    } else timeouts++;
  }
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    sent: n,
    skipped: 0,
    answered: latencies.length,
    timeouts,
    errors: 0,
    elapsedMs,
    throughput: (1_000 * latencies.length) / elapsedMs,
    byResponseCode,
    latency: {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
    },
  };
}

try {
  await runTraffic(saga, 10, 3);
  await drain();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idleProbe = probe();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idle = await idleProbe.stop();

  const loadBefore = loadAverage();
  const runProbe = probe();
  const runStart = performance.now();
  const report = serial ? await oneAtATime(count) : await runTraffic(saga, rate, seconds);
  await drain();
  // Postgres flushes its commit counters about once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const run = await runProbe.stop();
  const runMs = performance.now() - runStart;
  const n = report.answered;

  const columns = ["gateway", "worker", "query", "api", "pg backends", "redis"];
  const msPerAuth = (column: string) => (((run.cpu[column] ?? 0) - (idle.cpu[column] ?? 0)) / 100) * (runMs / n);
  const perAuth = Object.fromEntries(columns.map((column) => [column, msPerAuth(column)]));
  const stackMs = Object.values(perAuth).reduce((a, b) => a + b, 0);
  console.log(
    `cost ${serial ? `of ${count} authorizations one at a time` : `at ${rate}/s for ${seconds} s`} — ${os.cpus().length} cores, load before ${loadBefore}, after ${loadAverage()}`,
  );
  console.log(
    `answered ${n} (${report.throughput.toFixed(1)}/s), p50/p95/p99 ${report.latency.p50.toFixed(0)}/${report.latency.p95.toFixed(0)}/${report.latency.p99.toFixed(0)} ms, codes ${JSON.stringify(report.byResponseCode)}, timeouts ${report.timeouts}`,
  );
  console.log(
    table(
      ["CPU ms per authorization", ...columns, "stack"],
      [["", ...columns.map((c) => (perAuth[c] ?? 0).toFixed(2)), stackMs.toFixed(2)]],
    ),
  );
  console.log(
    table(
      ["per authorization", "messages handled", "BullMQ jobs", "Postgres commits", "Redis commands", "rollbacks"],
      [
        [
          "",
          (run.counted.handled / n).toFixed(1),
          (run.counted.jobs / n).toFixed(1),
          (run.counted.commits / n).toFixed(1),
          (run.counted.redisCommands / n).toFixed(0),
          String(run.counted.rollbacks),
        ],
      ],
    ),
  );
  console.log(`(idle: ${columns.map((c) => `${c} ${(idle.cpu[c] ?? 0).toFixed(1)}%`).join(", ")})`);
} finally {
  await probePool.end();
  await stack.stop();
}
