import { parseArgs } from "node:util";

/** Every knob of the bench: a CLI flag (`--rate 500`) or an env variable (`BENCH_RATE=500`). */
export interface BenchOptions {
  /** Which path a message takes: an event to a subscriber, or a command to its owner (which answers with a document). */
  message: "event" | "command";
  /** Latency phase: messages per second, on a fixed schedule (open loop). */
  rate: number;
  /** Latency phase: how long the schedule runs (s). */
  seconds: number;
  /** Messages sent (at the same rate) before measuring, to warm connections and the JIT. */
  warmup: number;
  /** Throughput phase: messages in all. */
  messages: number;
  /** Throughput phase: messages per producer transaction. */
  batch: number;
  /** Throughput phase: producer transactions in flight. */
  producers: number;
  /** Worker concurrency per queue (as WORKER_CONCURRENCY). */
  concurrency: number;
  /** The worker's pool, shared by the relay and the handlers (as DB_POOL_MAX). */
  pool: number;
  /** The relay's batch size. */
  relayBatch: number;
  /** Raw BullMQ baseline: jobs in all. */
  bullmqJobs: number;
  /** Raw Postgres baseline: how long it runs (s), and with how many clients. */
  pgSeconds: number;
  pgClients: number;
  /** Gives up waiting for a phase to drain after this long (s). */
  drainTimeout: number;
}

const defaults: BenchOptions = {
  message: "event",
  rate: 200,
  seconds: 10,
  warmup: 300,
  messages: 10_000,
  batch: 10,
  producers: 4,
  concurrency: 16,
  pool: 8,
  relayBatch: 500,
  bullmqJobs: 20_000,
  pgSeconds: 5,
  pgClients: 4,
  drainTimeout: 30,
};

const usage = `Usage: npm run bench -- [--flag value]...
Flags (or env BENCH_<FLAG>, e.g. BENCH_RELAY_BATCH=100):
${Object.entries(defaults)
  .map(([key, value]) => `  --${kebab(key).padEnd(15)} default ${value}`)
  .join("\n")}
  LOG_LEVEL=info           keeps the bus's per-message logs (the bench silences them below warn by default)`;

export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: "boolean" },
      ...Object.fromEntries(Object.keys(defaults).map((key) => [kebab(key), { type: "string" as const }])),
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const flags = values as Record<string, string | boolean | undefined>;
  const options: BenchOptions = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof BenchOptions>) {
    const flag = flags[kebab(key)];
    const raw = typeof flag === "string" ? flag : env[`BENCH_${kebab(key).replaceAll("-", "_").toUpperCase()}`];
    if (raw === undefined) continue;
    if (key === "message") {
      if (raw !== "event" && raw !== "command") throw new Error(`--message must be event or command, not ${raw}`);
      options.message = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${kebab(key)} must be a positive number, not ${raw}`);
    options[key] = value;
  }
  return options;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
