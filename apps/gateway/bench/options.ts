import { parseArgs } from "node:util";

/** Every knob of `npm run bench:auth`: a flag (`--rate 300`) or an env variable (`BENCH_AUTH_RATE=300`). */
export interface AuthBenchOptions {
  /** The sustained run: authorizations per second, and for how long (s). */
  rate: number;
  seconds: number;
  /** Step search: the first rate, each step's length (s), how many bisections after the first step over the goal. */
  searchFrom: number;
  stepSeconds: number;
  bisections: number;
  /** The latency goal the search is for: the highest rate whose p99 stays under it (ms). */
  p99UnderMs: number;
  /** Between steps, wait this long at most (s) for the queues and outboxes to empty. */
  drainSeconds: number;
  /** Cards issued (each to its own cardholder) and used at random by the traffic. */
  cards: number;
  /** The in-process baseline: concurrencies tried for its max throughput, and each one's length (s). */
  baselineConcurrency: string;
  baselineSeconds: number;
  /** Raw BullMQ baseline: jobs in all, and the worker's concurrency. */
  bullmqJobs: number;
  bullmqConcurrency: number;
  /** The stack's pool per process (startStack's default is 4), e.g. to see what a bigger one changes. */
  poolMax: number;
  /**
   * The stack's output once it is up: "discard" reads and drops it (as a log shipper takes it);
   * "parse" keeps startStack's reader, which parses every line in this process.
   */
  logs: "discard" | "parse";
}

const defaults: AuthBenchOptions = {
  rate: 200,
  seconds: 10,
  searchFrom: 10,
  stepSeconds: 10,
  bisections: 3,
  p99UnderMs: 100,
  drainSeconds: 25,
  cards: 50,
  baselineConcurrency: "1,2,4,8,16,32",
  baselineSeconds: 3,
  bullmqJobs: 20_000,
  bullmqConcurrency: 16,
  poolMax: 4,
  logs: "discard",
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const envName = (key: string) => `BENCH_AUTH_${kebab(key).replaceAll("-", "_").toUpperCase()}`;

const usage = `Usage: npm run bench:auth -- [--flag value]...
Flags (or env, e.g. BENCH_AUTH_STEP_SECONDS=5):
${Object.entries(defaults)
  .map(([key, value]) => `  --${kebab(key).padEnd(20)} ${envName(key).padEnd(32)} default ${value}`)
  .join("\n")}`;

export function readOptions(argv = process.argv.slice(2), env = process.env): AuthBenchOptions {
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
  const options = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof AuthBenchOptions>) {
    const flag = flags[kebab(key)];
    const raw = typeof flag === "string" ? flag : env[envName(key)];
    if (raw === undefined) continue;
    if (key === "logs") {
      if (raw !== "discard" && raw !== "parse") throw new Error(`--logs must be discard or parse, not ${raw}`);
      options.logs = raw;
      continue;
    }
    if (key === "baselineConcurrency") {
      if (!/^\d+(,\d+)*$/.test(raw)) throw new Error(`--baseline-concurrency must be like 1,2,4, not ${raw}`);
      options.baselineConcurrency = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${kebab(key)} must be a number ≥ 0, not ${raw}`);
    options[key] = value;
  }
  return options;
}
