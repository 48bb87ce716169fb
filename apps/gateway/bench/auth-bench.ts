/**
 * `npm run bench:auth`: the authorization saga under sustained simulated traffic, beside two
 * baselines measured in the same run (the same checks in one process and one transaction per
 * authorization; raw BullMQ), with where the time goes and what limits it. `--help` for knobs.
 *
 * Order: the saga's step search (rising rates, then bisection) and its sustained run on a live
 * stack; then the stack's processes are killed and the baselines run on the quieter machine,
 * against the same Postgres and Redis.
 */
import os from "node:os";
import { createPool } from "@koban/db";
import type { TrafficReport } from "@koban/network";
import { rawBullmq } from "../../../packages/messaging/bench/baselines.ts";
import { newMessage } from "../../../packages/messaging/bench/harness.ts";
import { table } from "../../../packages/messaging/bench/stats.ts";
import { type BaselineRun, closedLoop, openLoop, seedBaseline } from "./in-process.ts";
import { readOptions } from "./options.ts";
import { backlog, deadlocksInServerLog, loadAverage, type Probe, startProbe } from "./probe.ts";
import { breakdown, decisions, discardLogs, forgetLogs, runTraffic, startSagaStack } from "./saga.ts";

const GOAL_RATE = 500;
const GOAL_P99_MS = 50;
const GOAL_THROUGHPUT_RATIO = 0.5;

const options = readOptions();
const out = (text = "") => console.log(text);
const progress = (text: string) => console.error(`… [${new Date().toISOString().slice(11, 19)}] ${text}`);
const f0 = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(0));
const f1 = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(1));
const codes = (byCode: Record<string, number>) =>
  Object.entries(byCode)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code}:${n}`)
    .join(" ");

interface Step {
  rate: number;
  seconds: number;
  report: TrafficReport;
  probe: Probe;
  timing: Awaited<ReturnType<typeof breakdown>>;
  decided: Awaited<ReturnType<typeof decisions>>;
  drain: { seconds: number; drained: boolean; left: { jobs: number; unrelayed: number } };
}

const benchStartedAt = performance.now();
out(
  `Koban bench:auth — node ${process.version}, ${os.cpus().length} cores, load ${loadAverage()} at start; ` +
    `options ${JSON.stringify(options)}`,
);

progress(
  `starting the stack (worker, query, api, gateway; DB_POOL_MAX=${options.poolMax}) and issuing ${options.cards} funded cards`,
);
const saga = await startSagaStack({ cards: options.cards, poolMax: options.poolMax });
const { stack } = saga;
if (options.logs === "discard") discardLogs(stack);
const database = new URL(stack.db.url).pathname.slice(1);
const probePool = createPool(stack.db.url, { max: 2, name: "bench-probe" });
try {
  const pidOf = (app: { child: { pid?: number | undefined } }) => (app.child.pid ? [app.child.pid] : []);
  const groups = {
    gateway: pidOf(stack.gateway),
    worker: pidOf(stack.worker),
    query: pidOf(stack.query),
    api: stack.apis.flatMap(pidOf),
    "bench (simulator)": [process.pid],
  };

  async function drain(): Promise<Step["drain"]> {
    const startedAt = performance.now();
    let left = await backlog(probePool, stack.bus.redis, stack.bus.names.prefix);
    while (left.jobs + left.unrelayed > 0 && performance.now() - startedAt < options.drainSeconds * 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = await backlog(probePool, stack.bus.redis, stack.bus.names.prefix);
    }
    return {
      seconds: (performance.now() - startedAt) / 1_000,
      drained: left.jobs + left.unrelayed === 0,
      left,
    };
  }

  async function step(rate: number, seconds: number, settle = true): Promise<Step> {
    forgetLogs(stack);
    progress(`saga at ${rate}/s for ${seconds} s (load ${loadAverage()})`);
    const since = new Date();
    const probe = startProbe({
      pool: probePool,
      redis: stack.bus.redis,
      prefix: stack.bus.names.prefix,
      database,
      groups,
    });
    const report = await runTraffic(saga, rate, seconds);
    const measured = await probe.stop();
    const timing = await breakdown(probePool, since);
    const decided = await decisions(probePool, since);
    const drained = settle ? await drain() : { seconds: 0, drained: false, left: { jobs: -1, unrelayed: -1 } };
    return { rate, seconds, report, probe: measured, timing, decided, drain: drained };
  }

  /** Sustained: every request answered (no timeout, no skip), the pace kept, and p99 under the bar. */
  const sustained = (s: Step) =>
    s.report.timeouts === 0 &&
    s.report.errors === 0 &&
    s.report.skipped === 0 &&
    s.report.throughput >= 0.95 * s.rate &&
    s.report.latency.p99 < options.p99UnderMs;

  // ---- the saga ----
  progress("warm-up: 10/s for 3 s");
  await runTraffic(saga, 10, 3);
  await drain();

  progress("idle: 5 s without traffic, for what the stack costs at rest");
  const idle = startProbe({
    pool: probePool,
    redis: stack.bus.redis,
    prefix: stack.bus.names.prefix,
    database,
    groups,
  });
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const atRest = await idle.stop();

  const steps: Step[] = [];
  let good: Step | undefined;
  let bad: Step | undefined;
  for (let rate = options.searchFrom; rate <= 10_000; rate *= 2) {
    const s = await step(rate, options.stepSeconds);
    steps.push(s);
    if (!sustained(s)) {
      bad = s;
      break;
    }
    good = s;
  }
  for (let i = 0; i < options.bisections && bad; i++) {
    const low = good?.rate ?? 0;
    const rate = Math.round((low + bad.rate) / 2);
    if (rate <= low || rate >= bad.rate) break;
    const s = await step(rate, options.stepSeconds);
    steps.push(s);
    if (sustained(s)) good = s;
    else bad = s;
  }

  const runRates = [...new Set([options.rate, 200])];
  const runs: Step[] = [];
  for (const [i, rate] of runRates.entries()) runs.push(await step(rate, options.seconds, i < runRates.length - 1));

  const deadlocks = deadlocksInServerLog(database);
  progress("stopping the stack's processes (SIGKILL) so the baselines run on a quieter machine");
  await Promise.all([stack.worker, stack.query, stack.gateway, ...stack.apis].map((app) => app.kill()));

  // ---- baselines ----
  progress(`raw BullMQ: ${options.bullmqJobs} jobs (load ${loadAverage()})`);
  const bullmqLoad = loadAverage();
  const bullmq = await rawBullmq(stack.bus.redisUrl, stack.bus.names, {
    jobs: options.bullmqJobs,
    chunk: 500,
    concurrency: options.bullmqConcurrency,
    sample: newMessage("event"),
    timeoutMs: 120_000,
    database,
  });

  progress("in-process baseline: seeding its scratch schema");
  const baselineCards = await seedBaseline(stack.db.pool, options.cards);
  const closed: Array<BaselineRun & { load: string }> = [];
  for (const concurrency of options.baselineConcurrency.split(",").map(Number)) {
    const load = loadAverage();
    progress(`in-process, closed loop, ${concurrency} callers for ${options.baselineSeconds} s (load ${load})`);
    closed.push({ ...(await closedLoop(stack.db.url, baselineCards, concurrency, options.baselineSeconds)), load });
  }
  const best = closed.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const openRates = [...new Set([...steps.map((s) => s.rate), ...runRates, GOAL_RATE])].sort((a, b) => a - b);
  const open: Array<BaselineRun & { rate: number; load: string }> = [];
  for (const rate of openRates) {
    const load = loadAverage();
    progress(
      `in-process, open loop, ${rate}/s for ${options.baselineSeconds} s, pool ${best.concurrency} (load ${load})`,
    );
    open.push({
      ...(await openLoop(stack.db.url, baselineCards, rate, options.baselineSeconds, best.concurrency)),
      rate,
      load,
    });
  }

  // ---- report ----
  const cpuColumns = [
    "gateway",
    "worker",
    "query",
    "api",
    "pg backends",
    "pg other",
    "redis",
    "bench (simulator)",
    "others",
  ];
  const stackColumns = ["gateway", "worker", "query", "api", "pg backends", "redis"];
  /** CPU time (ms) the named processes spent per authorization answered in the step. */
  const cpuPerAuthorization = (s: Step, columns: readonly string[]) =>
    (columns.reduce((sum, column) => sum + (s.probe.cpu[column] ?? 0), 0) / 100) *
    (s.report.elapsedMs / s.report.answered);
  const decidedBy = (s: Step) => s.decided.map((d) => `${d.decided_by ?? "still pending"}:${d.n}`).join(" ");

  out();
  out(
    `The saga: step search for the highest rate with p99 < ${options.p99UnderMs} ms (${options.stepSeconds} s a step)`,
  );
  out(
    table(
      [
        "rate/s",
        "load before",
        "sent",
        "answered/s",
        "p50",
        "p95",
        "p99",
        "max",
        "to/err/skip",
        "codes",
        "decided by",
        "drain s",
      ],
      steps.map((s) => [
        String(s.rate),
        s.probe.loadBefore,
        String(s.report.sent),
        f1(s.report.throughput),
        f0(s.report.latency.p50),
        f0(s.report.latency.p95),
        f0(s.report.latency.p99),
        f0(s.report.latency.max),
        `${s.report.timeouts}/${s.report.errors}/${s.report.skipped}`,
        codes(s.report.byResponseCode),
        decidedBy(s),
        `${f1(s.drain.seconds)}${s.drain.drained ? "" : " (NOT drained)"}`,
      ]),
    ),
  );
  out(
    "  latency = the simulator's network round trip (ms); decided by: results (all three in) or deadline (2 s, answered 96)",
  );
  out();
  out("CPU during each step (% of one core; 200% = the whole machine) and the backlog it built");
  out(
    table(
      [
        "rate/s",
        ...cpuColumns,
        "worker ms/auth",
        "stack ms/auth",
        "queued max",
        "unrelayed max",
        "lock waiters mean/max",
      ],
      [
        ["idle", ...cpuColumns.map((column) => f0(atRest.cpu[column])), "", "", "", "", ""],
        ...[...steps, ...runs].map((s) => [
          String(s.rate),
          ...cpuColumns.map((column) => f0(s.probe.cpu[column])),
          f1(cpuPerAuthorization(s, ["worker"])),
          f1(cpuPerAuthorization(s, stackColumns)),
          f0(s.probe.queued.max),
          f0(s.probe.unrelayed.max),
          `${f1(s.probe.lockWaits.mean)}/${s.probe.lockWaits.max}`,
        ]),
      ],
    ),
  );

  const highest = steps
    .filter(sustained)
    .reduce<Step | undefined>((a, b) => (!a || b.rate > a.rate ? b : a), undefined);
  const firstFailing = steps
    .filter((s) => !sustained(s))
    .reduce<Step | undefined>((a, b) => (!a || b.rate < a.rate ? b : a), undefined);
  out();
  out(
    "  ms/auth = CPU time per answered authorization; stack = gateway + worker + query + api + Postgres backends + Redis",
  );
  out();
  out("What one authorization costs, counted over each step (per answered authorization)");
  out(
    table(
      [
        "rate/s",
        "messages handled",
        "BullMQ jobs",
        "Postgres commits",
        "Redis commands (whole server)",
        "worker kernel share",
        "gateway kernel share",
        "rollbacks / deadlocks (step)",
      ],
      [...steps, ...runs].map((s) => [
        String(s.rate),
        f1(s.probe.counted.handled / s.report.answered),
        f1(s.probe.counted.jobs / s.report.answered),
        f1(s.probe.counted.commits / s.report.answered),
        f0(s.probe.counted.redisCommands / s.report.answered),
        `${f0(100 * (s.probe.systemShare.worker ?? Number.NaN))}%`,
        `${f0(100 * (s.probe.systemShare.gateway ?? Number.NaN))}%`,
        `${s.probe.counted.rollbacks} / ${s.probe.counted.deadlocks}`,
      ]),
    ),
  );
  out(
    "  messages handled = inbox entries written (a job may carry several); kernel share = the process's system time ÷ its CPU time",
  );
  out(
    "  commits are a lower bound (Postgres flushes its counters about once a second); Redis commands count every client of the server",
  );
  out();
  out(
    deadlocks
      ? `Deadlocks the Postgres server log reports for the saga's database, by the table whose row the victim was locking: ${
          Object.entries(deadlocks)
            .map(([relation, n]) => `${relation}=${n}`)
            .join(", ") || "none"
        }`
      : "(the Postgres server log is not readable here: no deadlock detail)",
  );
  out();
  out(
    `Highest sustained rate with p99 < ${options.p99UnderMs} ms: ${highest ? `${highest.rate}/s (p99 ${f0(highest.report.latency.p99)} ms)` : "none of the rates tried"}; ` +
      `lowest failing: ${firstFailing ? `${firstFailing.rate}/s (p99 ${f0(firstFailing.report.latency.p99)} ms)` : "none"}`,
  );

  function whereTheTimeGoes(s: Step) {
    out(
      table(
        ["participant", "published p50", "p95", "→ processing p50", "p95", "decided p50"],
        s.timing.map((t) => [
          t.participant,
          f0(t.published_p50),
          f0(t.published_p95),
          f0(t.to_processing_p50),
          f0(t.to_processing_p95),
          f0(t.decided_p50),
        ]),
      ),
    );
    out(
      "  published = request recorded → the participant's result; → processing = its hop back into processing's inbox (ms)",
    );
    const missing = s.decided.filter((d) => d.decided_by !== "results" && d.decided_by !== "unknown_card");
    for (const d of missing) {
      out(
        `  decided by ${d.decided_by ?? "nobody yet (still pending)"}: ${d.n}, missing card ${d.no_card}, cardholder ${d.no_cardholder}, money ${d.no_money}`,
      );
    }
  }

  function diagnosis(s: Step) {
    const p = s.probe;
    out(`  sessions on the bench database (${p.samples} samples, every 500 ms):`);
    out(
      table(
        ["    application", "connections", "busy mean", "of which idle in tx", "all busy (share of samples)"],
        Object.entries(p.sessions)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([app, v]) => [
            `    ${app}`,
            String(v.connections),
            f1(v.busyMean),
            f1(v.idleInTransactionMean),
            `${f0(100 * v.allBusyShare)}%`,
          ]),
      ),
    );
    const topQueues = Object.entries(p.queued.byQueueMax)
      .filter(([, n]) => n > 0)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 8);
    out(
      "    busy = active or in a transaction; idle in tx = the transaction waits on its Node process (event loop, Redis)",
    );
    out(
      `  jobs waiting, all queues: mean ${f0(p.queued.mean)}, max ${f0(p.queued.max)}; by queue (max): ${topQueues.map(([q, n]) => `${q}=${n}`).join(", ") || "none"}`,
    );
    out("  main thread of each app (sampled every 20 ms from /proc/<pid>/syscall):");
    for (const [app, states] of Object.entries(p.threads)) {
      const shares = Object.entries(states)
        .sort(([, a], [, b]) => b - a)
        .map(([state, share]) => `${state} ${f0(100 * share)}%`);
      out(`    ${app}: ${shares.join(", ")}`);
    }
    out(`  outbox rows not yet relayed: mean ${f0(p.unrelayed.mean)}, max ${f0(p.unrelayed.max)}`);
    out(`  sessions waiting on a lock: mean ${f1(p.lockWaits.mean)}, max ${p.lockWaits.max}`);
    for (const [query, n] of Object.entries(p.lockWaits.byQuery)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5)) {
      out(`    ${n} samples× waiting in: ${query}`);
    }
    const tuples = Object.entries(p.lockWaits.tupleLocksOn).sort(([, a], [, b]) => b - a);
    if (tuples.length) out(`    row (tuple) locks queued on: ${tuples.map(([r, n]) => `${r}=${n}`).join(", ")}`);
  }

  for (const run of runs) {
    out();
    out(`Sustained run: ${run.rate}/s for ${run.seconds} s (load before ${run.probe.loadBefore})`);
    const r = run.report;
    out(
      `  sent ${r.sent}, answered ${r.answered} (${f1(r.throughput)}/s), timeouts ${r.timeouts}, errors ${r.errors}, skipped ${r.skipped}; ` +
        `p50/p95/p99/max ${f0(r.latency.p50)}/${f0(r.latency.p95)}/${f0(r.latency.p99)}/${f0(r.latency.max)} ms`,
    );
    out(`  answers by code: ${codes(r.byResponseCode)}; decided by: ${decidedBy(run)}`);
    whereTheTimeGoes(run);
    diagnosis(run);
  }

  if (firstFailing) {
    out();
    out(`At the collapse point: ${firstFailing.rate}/s (the lowest failing step)`);
    whereTheTimeGoes(firstFailing);
    diagnosis(firstFailing);
  }
  if (highest) {
    out();
    out(`Below it: ${highest.rate}/s (the highest sustained step), for comparison`);
    whereTheTimeGoes(highest);
    diagnosis(highest);
  }

  out();
  out(
    `Baseline 2: raw BullMQ on the same Redis (addBulk 500, concurrency ${options.bullmqConcurrency}, empty processor; load before ${bullmqLoad})`,
  );
  out(`  ${bullmq.count} jobs in ${bullmq.seconds.toFixed(2)} s: ${f0(bullmq.perSecond)} jobs/s`);

  out();
  out(
    "Baseline 1: the same checks in one process, one Postgres transaction per authorization (latency: call → commit, no HTTP hop)",
  );
  out(
    table(
      ["closed loop callers", "load before", "auth/s", "p50", "p95", "p99", "errors", "codes"],
      closed.map((c) => [
        String(c.concurrency),
        c.load,
        f0(c.perSecond),
        f1(c.latency?.p50),
        f1(c.latency?.p95),
        f1(c.latency?.p99),
        String(c.errors),
        codes(c.byResponseCode),
      ]),
    ),
  );
  out(
    table(
      ["open loop rate/s", "load before", "achieved/s", "p50", "p95", "p99", "max", "errors"],
      open.map((o) => [
        String(o.rate),
        o.load,
        f0(o.perSecond),
        f1(o.latency?.p50),
        f1(o.latency?.p95),
        f1(o.latency?.p99),
        f1(o.latency?.max),
        String(o.errors),
      ]),
    ),
  );
  out(`  open loop: pool ${best.concurrency} (the best closed-loop concurrency); latency timed from when each was due`);

  const at200 = runs.find((s) => s.rate === 200);
  const atGoal = runs.find((s) => s.rate === GOAL_RATE);
  const within50 = steps
    .filter((s) => sustained(s) && s.report.latency.p99 <= GOAL_P99_MS)
    .reduce((max, s) => Math.max(max, s.rate), 0);
  const decidedPerSecond = (s: Step) => (s.decided.find((d) => d.decided_by === "results")?.n ?? 0) / s.seconds;
  const sagaBest = Math.max(0, ...[...steps, ...runs].map(decidedPerSecond));
  const baseline500 = open.find((o) => o.rate === GOAL_RATE);
  out();
  out("Against the goals of issue 4 (figures, not pass/fail)");
  out(
    table(
      ["measure", "value"],
      [
        [
          `saga p99 at 200/s`,
          at200
            ? `${f0(at200.report.latency.p99)} ms (${f1(at200.report.latency.p99 / GOAL_P99_MS)}× the ${GOAL_P99_MS} ms goal)`
            : "n/a",
        ],
        [
          `saga p99 at ${GOAL_RATE}/s`,
          atGoal ? `${f0(atGoal.report.latency.p99)} ms` : `not run (BENCH_AUTH_RATE=${GOAL_RATE} runs it)`,
        ],
        [
          `highest sustained rate, p99 < ${options.p99UnderMs} ms`,
          `${highest?.rate ?? 0}/s = ${f1((100 * (highest?.rate ?? 0)) / GOAL_RATE)}% of ${GOAL_RATE}/s`,
        ],
        [
          `highest step rate with p99 ≤ ${GOAL_P99_MS} ms`,
          `${within50}/s = ${f1((100 * within50) / GOAL_RATE)}% of ${GOAL_RATE}/s`,
        ],
        ["saga: most authorizations/s decided from their results (any step)", `${f1(sagaBest)}/s`],
        ["in-process baseline: max throughput", `${f0(best.perSecond)}/s (${best.concurrency} callers)`],
        [
          `saga ÷ in-process throughput (goal ≥ ${GOAL_THROUGHPUT_RATIO})`,
          `${(sagaBest / best.perSecond).toFixed(3)} (decided/s); ${((highest?.rate ?? 0) / best.perSecond).toFixed(3)} (sustained p99 < ${options.p99UnderMs} ms)`,
        ],
        [`in-process p99 at ${GOAL_RATE}/s`, baseline500 ? `${f1(baseline500.latency?.p99)} ms` : "n/a"],
        ["raw BullMQ", `${f0(bullmq.perSecond)} jobs/s`],
      ],
    ),
  );
  out();
  out(`bench:auth took ${f0((performance.now() - benchStartedAt) / 1_000)} s; load at the end ${loadAverage()}`);
} finally {
  progress("cleaning up (dropping the database and the Redis keys)");
  await probePool.end().catch((error: unknown) => console.error("closing the probe's pool failed:", error));
  await stack.stop().catch((error: unknown) => console.error("stopping the stack failed:", error));
}
