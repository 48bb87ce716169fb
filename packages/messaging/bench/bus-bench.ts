/**
 * Bus benchmark: hop latency and throughput of the message bus (outbox → relay → BullMQ →
 * handler with inbox), against raw BullMQ and raw Postgres measured in the same run, on a
 * fresh database and Redis prefix. Run: `npm run bench` (`npm run bench -- --help` for knobs).
 */
import os from "node:os";
import { initTelemetry, logger } from "@koban/observability";
import { createTestBus, createTestDatabase } from "@koban/testing";
import { rawBullmq, rawPostgres, type Throughput } from "./baselines.ts";
import { migrateBenchSchemas, newMessage, type RunningBus, sleep, startBus, type Timeline } from "./harness.ts";
import { type BenchOptions, readOptions } from "./options.ts";
import { type CpuUse, cpuMeter, distribution, ms, percent, rate, table } from "./stats.ts";

const HOP_P99_GOAL_MS = 10;
const THROUGHPUT_GOAL_RATIO = 0.5;
/** Above this, other processes on the machine compete enough to skew a phase. */
const OTHERS_WARN_PERCENT = 25;

interface Phase {
  timeline: Timeline;
  failures: number;
  drained: boolean;
  cpu: CpuUse;
}

/**
 * Sends one message per transaction on a fixed schedule, whatever the bus does (open loop):
 * a slow hop can't hold back the next send and hide its own delay.
 */
async function openLoop(bus: RunningBus, options: BenchOptions, count: number): Promise<Phase> {
  const timeline = bus.track();
  const cpu = cpuMeter(bus.database);
  const interval = 1000 / options.rate;
  const sends: Promise<void>[] = [];
  let failures = 0;
  const start = performance.now() + 5;
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const envelope = newMessage(options.message);
    timeline.expect(envelope.id, due);
    sends.push(
      bus.produce([envelope]).then(
        () => timeline.mark(envelope.id, "committed"),
        () => {
          failures++;
          timeline.forget(envelope.id);
        },
      ),
    );
  }
  await Promise.all(sends);
  const drained = await timeline.drained(options.drainTimeout * 1000);
  return { timeline, failures, drained, cpu: cpu() };
}

/** Sends `messages` as fast as `producers` concurrent transactions of `batch` messages can. */
async function burst(
  bus: RunningBus,
  options: BenchOptions,
): Promise<Phase & { startedAt: number; producedAt: number }> {
  const timeline = bus.track();
  const cpu = cpuMeter(bus.database);
  let next = 0;
  let failures = 0;
  const startedAt = performance.now();
  const producer = async () => {
    while (next < options.messages) {
      const size = Math.min(options.batch, options.messages - next);
      next += size;
      const envelopes = Array.from({ length: size }, () => newMessage(options.message));
      for (const envelope of envelopes) timeline.expect(envelope.id);
      try {
        await bus.produce(envelopes);
        const now = performance.now();
        for (const envelope of envelopes) timeline.mark(envelope.id, "committed", now);
      } catch {
        failures += size;
        for (const envelope of envelopes) timeline.forget(envelope.id);
      }
    }
  };
  await Promise.all(Array.from({ length: options.producers }, producer));
  const producedAt = performance.now();
  const drained = await timeline.drained(options.drainTimeout * 1000);
  return { timeline, failures, drained, cpu: cpu(), startedAt, producedAt };
}

function stageRow(label: string, sample: readonly number[]): string[] {
  const d = distribution(sample);
  return [label, ms(d?.p50), ms(d?.p95), ms(d?.p99), ms(d?.max), ms(d?.mean), String(d?.count ?? 0)];
}

function phaseNotes(phase: Phase): string {
  const { timeline, failures, drained } = phase;
  const batches = timeline.relayBatches;
  const waits = distribution(timeline.poolWaits);
  const meanBatch = batches.length ? batches.reduce((a, b) => a + b, 0) / batches.length : Number.NaN;
  return [
    `handled ${timeline.handled}/${timeline.expected}${drained ? "" : " (gave up waiting: NOT DRAINED)"}`,
    failures ? `${failures} sends failed` : "",
    `relay pickups ${batches.length} (mean ${meanBatch.toFixed(1)} rows)`,
    `worker pool wait p50/p99/max ${ms(waits?.p50)}/${ms(waits?.p99)}/${ms(waits?.max)} ms over ${waits?.count ?? 0} transactions`,
  ]
    .filter(Boolean)
    .join("; ");
}

/** CPU time (µs) each operation (message, job, transaction) cost, by who spent it. */
function cpuPerOp(cpu: CpuUse, ops: number) {
  const per = (percentOfCore: number) => ((percentOfCore / 100) * cpu.wallMs * 1000) / ops;
  const [bench, postgres, redis] = [per(cpu.bench), per(cpu.postgresBench + cpu.postgresOther), per(cpu.redis)];
  return { bench, postgres, redis, total: bench + postgres + redis };
}

function cpuReport(phases: ReadonlyArray<readonly [string, CpuUse, number]>): void {
  console.log();
  console.log(`CPU by phase (% of one core; the machine has ${os.cpus().length} cores)`);
  console.log(
    table(
      [
        "phase",
        "bench",
        "postgres",
        "pg shared/other",
        "redis",
        "other procs",
        "machine busy",
        "CPU µs/op (bench+pg+redis)",
      ],
      phases.map(([name, cpu, ops]) => {
        const per = cpuPerOp(cpu, ops);
        return [
          name,
          percent(cpu.bench),
          percent(cpu.postgresBench),
          percent(cpu.postgresOther),
          percent(cpu.redis),
          percent(cpu.others),
          percent(cpu.machine),
          `${per.total.toFixed(0)} = ${per.bench.toFixed(0)} + ${per.postgres.toFixed(0)} + ${per.redis.toFixed(0)}`,
        ];
      }),
    ),
  );
  console.log(
    "  bench = this process (producer, relay, handlers, BullMQ client); postgres = backends of the bench database",
  );
  const disturbed = phases.filter(([, cpu]) => cpu.others > OTHERS_WARN_PERCENT).map(([name]) => name);
  if (disturbed.length > 0) {
    console.log(
      `  WARNING: other processes used > ${OTHERS_WARN_PERCENT}% of a core during: ${disturbed.join(", ")}; ` +
        "those figures are low and the ratios skewed (run again on a quiet machine).",
    );
  }
}

function verdict(met: boolean, text: string): string {
  return `${met ? "MET    " : "NOT MET"}  ${text}`;
}

async function main(): Promise<void> {
  const options = readOptions();
  initTelemetry();
  // The consumer logs one info line per message; production pays that too (LOG_LEVEL=info keeps it).
  logger.level = process.env.LOG_LEVEL ?? "warn";
  const progress = (text: string) => console.error(`… ${text}`);

  progress("creating a fresh database and Redis prefix");
  const db = await createTestDatabase();
  const testBus = createTestBus();
  let bus: RunningBus | undefined;
  try {
    await migrateBenchSchemas(db.pool);
    const sample = newMessage(options.message);

    progress(`raw Postgres: BEGIN; INSERT; COMMIT from ${options.pgClients} clients for ${options.pgSeconds} s`);
    const database = new URL(db.url).pathname.slice(1);
    const pg = await rawPostgres(db.url, { clients: options.pgClients, seconds: options.pgSeconds, database });
    progress(
      `raw BullMQ: ${options.bullmqJobs} jobs, addBulk(${options.relayBatch}), worker concurrency ${options.concurrency}`,
    );
    const bullmq = await rawBullmq(testBus.redisUrl, testBus.names, {
      jobs: options.bullmqJobs,
      chunk: options.relayBatch,
      concurrency: options.concurrency,
      sample,
      timeoutMs: options.drainTimeout * 1000,
      database,
    });

    progress("starting the relay and the bench context (the relay warns that the bus state is new: expected)");
    bus = await startBus(db, testBus, options);
    progress(`bus warm-up: ${options.warmup} messages`);
    await openLoop(bus, options, options.warmup);
    const count = Math.round(options.rate * options.seconds);
    progress(`bus latency: ${count} messages at ${options.rate}/s, one per transaction`);
    const latency = await openLoop(bus, options, count);
    progress(
      `bus throughput: ${options.messages} messages, ${options.batch} per transaction, ${options.producers} producers`,
    );
    const throughput = await burst(bus, options);

    report(options, { pg, bullmq, latency, throughput });
  } finally {
    progress("cleaning up");
    await bus?.stop().catch((error) => console.error("stopping the bus failed:", error));
    await testBus.close().catch((error) => console.error("deleting the Redis keys failed:", error));
    await db.drop().catch((error) => console.error("dropping the database failed:", error));
  }
}

function report(
  options: BenchOptions,
  results: {
    pg: Throughput;
    bullmq: Throughput;
    latency: Phase;
    throughput: Phase & { startedAt: number; producedAt: number };
  },
): void {
  const { pg, bullmq, latency, throughput } = results;
  const out = (text = "") => console.log(text);

  out();
  out(
    `Koban bus bench — ${options.message}s (${options.message === "event" ? "CardholderRegistered → subscriber" : "RegisterCardholder → owner, result document"}), ` +
      `worker pool ${options.pool} shared by relay and handlers, concurrency ${options.concurrency}, relay batch ${options.relayBatch}; ` +
      `node ${process.version}, ${os.cpus().length} cores`,
  );

  out();
  out(
    `Hop latency — ${latency.timeline.expected} messages at ${options.rate}/s, open loop, one per producer transaction (ms)`,
  );
  const t = latency.timeline;
  out(
    table(
      ["stage", "p50", "p95", "p99", "max", "mean", "n"],
      [
        stageRow("hop: producer commit → handler committed", t.between("committed", "handled")),
        stageRow("  1. commit → relay picks the row up", t.between("committed", "pickedUp")),
        stageRow("  2. pickup → handler's inbox claim", t.between("pickedUp", "claimed")),
        stageRow("  3. inbox claim → handler committed", t.between("claimed", "handled")),
        stageRow("  (relay tx: pickup → relay commit)", t.between("pickedUp", "relayed")),
        stageRow("producer: scheduled → committed", t.between("scheduled", "committed")),
        stageRow("scheduled → handler committed", t.between("scheduled", "handled")),
      ],
    ),
  );
  out(`  ${phaseNotes(latency)}`);
  out(
    "  2. = relay tx rest (event store, mark published, addBulk) + BullMQ delivery + worker + parse + pool wait + BEGIN",
  );

  const tt = throughput.timeline;
  const busSeconds = (tt.lastHandledAt() - throughput.startedAt) / 1000;
  const busRate = tt.handled / busSeconds;
  const produceRate = tt.expected / ((throughput.producedAt - throughput.startedAt) / 1000);
  const queued = distribution(tt.between("committed", "handled"));
  const handlerTx = distribution(tt.between("claimed", "handled"));
  out();
  out(
    `Throughput — ${tt.expected} messages, ${options.batch} per transaction, ${options.producers} producers in flight`,
  );
  out(
    `  end to end ${rate(busRate)} msgs/s (${busSeconds.toFixed(2)} s); producers alone committed ${rate(produceRate)} msgs/s`,
  );
  out(
    `  commit → handled p50/p99 ${ms(queued?.p50)}/${ms(queued?.p99)} ms (mostly queueing once producers outpace handlers); ` +
      `handler tx (inbox claim → commit) p50/p99 ${ms(handlerTx?.p50)}/${ms(handlerTx?.p99)} ms`,
  );
  out(`  ${phaseNotes(throughput)}`);

  cpuReport([
    ["raw Postgres", pg.cpu, pg.count],
    ["raw BullMQ", bullmq.cpu, bullmq.count],
    ["bus latency", latency.cpu, latency.timeline.handled],
    ["bus throughput", throughput.cpu, throughput.timeline.handled],
  ]);

  const hop = distribution(t.between("committed", "handled"));
  const busCpu = cpuPerOp(throughput.cpu, tt.handled).total;
  const rawCpu = cpuPerOp(bullmq.cpu, bullmq.count).total + cpuPerOp(pg.cpu, pg.count).total;
  out();
  out("Summary");
  out(
    table(
      ["measure", "value"],
      [
        ["bus hop p50 / p95 / p99 / max", `${ms(hop?.p50)} / ${ms(hop?.p95)} / ${ms(hop?.p99)} / ${ms(hop?.max)} ms`],
        ["bus throughput", `${rate(busRate)} msgs/s`],
        [
          `raw BullMQ (addBulk ${options.relayBatch}, concurrency ${options.concurrency}, empty processor)`,
          `${rate(bullmq.perSecond)} jobs/s`,
        ],
        [`raw Postgres (BEGIN; INSERT; COMMIT, ${options.pgClients} clients)`, `${rate(pg.perSecond)} tx/s`],
        ["bus ÷ raw BullMQ", (busRate / bullmq.perSecond).toFixed(3)],
        ["bus ÷ raw Postgres tx", (busRate / pg.perSecond).toFixed(3)],
        [
          "CPU per bus message vs raw BullMQ job + raw Postgres tx",
          `${busCpu.toFixed(0)} µs vs ${rawCpu.toFixed(0)} µs (${(busCpu / rawCpu).toFixed(2)}×)`,
        ],
      ],
    ),
  );

  out();
  out("Goals");
  const p99 = hop?.p99 ?? Number.POSITIVE_INFINITY;
  out(
    verdict(
      p99 <= HOP_P99_GOAL_MS,
      `hop p99 ≤ ${HOP_P99_GOAL_MS} ms: p99 ${ms(hop?.p99)} ms, ` +
        (p99 <= HOP_P99_GOAL_MS
          ? `${(HOP_P99_GOAL_MS - p99).toFixed(2)} ms under the goal`
          : `${(p99 - HOP_P99_GOAL_MS).toFixed(2)} ms over (${(p99 / HOP_P99_GOAL_MS).toFixed(1)}× the goal)`),
    ),
  );
  const ratio = busRate / bullmq.perSecond;
  const needed = THROUGHPUT_GOAL_RATIO * bullmq.perSecond;
  out(
    verdict(
      ratio >= THROUGHPUT_GOAL_RATIO,
      `throughput ≥ ${THROUGHPUT_GOAL_RATIO} × raw BullMQ: ${ratio.toFixed(3)}× (${rate(busRate)} of ${rate(needed)} msgs/s), ` +
        (ratio >= THROUGHPUT_GOAL_RATIO
          ? `${(ratio / THROUGHPUT_GOAL_RATIO).toFixed(2)}× the goal`
          : `${(needed / busRate).toFixed(1)}× short`),
    ),
  );
  if (!latency.drained || !throughput.drained || latency.failures || throughput.failures) {
    out("WARNING: some messages failed or were not handled in time; figures cover only those that were.");
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
