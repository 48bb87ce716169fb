/**
 * What the machine does while a step runs, measured rather than guessed: CPU by process (from
 * /proc), BullMQ queue depths (from Redis), and Postgres sessions of the bench's database (from
 * pg_stat_activity and pg_locks): who holds connections, who waits on a lock, and on which rows.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import type { Pool } from "@koban/db";
import type { Redis } from "@koban/messaging";

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

/** A process group measured apart: the stack's apps by pid, Postgres and Redis by name. */
export type ProcessGroups = Record<string, number[]>;

interface CpuSnapshot {
  at: number;
  byPid: Map<number, { command: string; ms: number; systemMs: number; database: boolean }>;
  machineBusyMs: number;
}

function snapshot(database: string): CpuSnapshot {
  const byPid = new Map<number, { command: string; ms: number; systemMs: number; database: boolean }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // Fields after the command: state is the 1st, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
      const ofDatabase =
        command === "postgres" && readFileSync(`/proc/${name}/cmdline`, "utf8").includes(` ${database} `);
      byPid.set(Number(name), { command, ms, systemMs: Number(fields[12]) * MS_PER_TICK, database: ofDatabase });
    } catch {
      // The process ended meanwhile.
    }
  }
  let machineBusyMs = 0;
  for (const { times } of os.cpus()) machineBusyMs += times.user + times.nice + times.sys + times.irq;
  return { at: performance.now(), byPid, machineBusyMs };
}

/** % of one core each group used between two snapshots; "others" is the rest of the machine. */
function cpuBetween(
  start: CpuSnapshot,
  end: CpuSnapshot,
  groups: ProcessGroups,
  systemShare: Record<string, number>,
): Record<string, number> {
  const wall = end.at - start.at;
  const used = (pid: number) => {
    const after = end.byPid.get(pid);
    return after ? after.ms - (start.byPid.get(pid)?.ms ?? 0) : 0;
  };
  const result: Record<string, number> = {};
  const counted = new Set<number>();
  for (const [name, pids] of Object.entries(groups)) {
    result[name] = pids.reduce((sum, pid) => sum + used(pid), 0);
    for (const pid of pids) counted.add(pid);
  }
  let postgresBench = 0;
  let postgresOther = 0;
  let redis = 0;
  for (const [pid, process] of end.byPid) {
    if (counted.has(pid)) continue;
    if (process.command === "postgres") {
      if (process.database) postgresBench += used(pid);
      else postgresOther += used(pid);
      counted.add(pid);
    } else if (process.command === "redis-server") {
      redis += used(pid);
      counted.add(pid);
    }
  }
  Object.assign(result, { "pg backends": postgresBench, "pg other": postgresOther, redis });
  for (const [name, pids] of Object.entries(groups)) {
    const total = pids.reduce((sum, pid) => sum + used(pid), 0);
    const system = pids.reduce(
      (sum, pid) => sum + (end.byPid.get(pid)?.systemMs ?? 0) - (start.byPid.get(pid)?.systemMs ?? 0),
      0,
    );
    systemShare[name] = total > 0 ? system / total : Number.NaN;
  }
  const ours = Object.values(result).reduce((sum, ms) => sum + ms, 0);
  result.others = Math.max(0, end.machineBusyMs - start.machineBusyMs - ours);
  for (const key of Object.keys(result)) result[key] = (100 * (result[key] ?? 0)) / wall;
  return result;
}

/** Counters that only go up: BullMQ jobs ever added under the prefix, the bench database's commits, Redis's commands. */
interface Counters {
  /** Transactions Postgres rolled back, and deadlocks it detected (each after deadlock_timeout, 1 s by default). */
  rollbacks: number;
  deadlocks: number;
  jobs: number;
  /** Inbox entries, every context's: one per message a handler took (several may share a job and a transaction). */
  handled: number;
  commits: number;
  redisCommands: number;
}

async function counters(pool: Pool, redis: Redis, prefix: string, database: string): Promise<Counters> {
  const queues = await queueNames(redis, prefix);
  const ids = queues.length ? await redis.mget(...queues.map((queue) => `${prefix}:${queue}:id`)) : [];
  const info = await redis.info("stats");
  const inboxes = (
    await pool.query<{ schema: string }>(
      "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'inbox' ORDER BY 1",
    )
  ).rows.map((row) => `(SELECT count(*) FROM "${row.schema}".inbox)`);
  const handled = inboxes.length
    ? Number((await pool.query(`SELECT (${inboxes.join(" + ")})::int AS n`)).rows[0]?.n ?? 0)
    : 0;
  const { rows } = await pool.query<{ commits: string; rollbacks: string; deadlocks: string }>(
    "SELECT xact_commit AS commits, xact_rollback AS rollbacks, deadlocks FROM pg_stat_database WHERE datname = $1",
    [database],
  );
  return {
    jobs: ids.reduce((sum, id) => sum + Number(id ?? 0), 0),
    handled,
    commits: Number(rows[0]?.commits ?? 0),
    rollbacks: Number(rows[0]?.rollbacks ?? 0),
    deadlocks: Number(rows[0]?.deadlocks ?? 0),
    redisCommands: Number(info.match(/total_commands_processed:(\d+)/)?.[1] ?? 0),
  };
}

/** What a process's main thread was doing, from /proc/<pid>/syscall (x86-64 syscall numbers). */
function threadState(pid: number): string {
  try {
    const first = readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ")[0]?.trim() ?? "";
    if (first === "running") return "running";
    const names: Record<string, string> = {
      "232": "epoll_wait (idle, waiting for I/O)",
      "281": "epoll_wait (idle, waiting for I/O)",
      "202": "futex (blocked: Atomics.wait or a lock)",
      "1": "write",
      "20": "write",
      "0": "read",
    };
    return names[first] ?? `syscall ${first}`;
  } catch {
    return "unknown";
  }
}

export interface Probe {
  /** % of one core by group over the step. */
  cpu: Record<string, number>;
  /** Each app's main thread, sampled every 20 ms: the share of samples in each state. */
  threads: Record<string, Record<string, number>>;
  /** The share of each named group's CPU spent in the kernel (system time). */
  systemShare: Record<string, number>;
  /** How much the counters moved over the step (Redis's commands are the whole server's, whoever sent them). */
  counted: Counters;
  samples: number;
  /** Jobs waiting (wait + prioritized) summed over every queue: mean and max over the samples. */
  queued: { mean: number; max: number; byQueueMax: Record<string, number> };
  /** Outbox rows not yet relayed, over every context's outbox: mean and max. */
  unrelayed: { mean: number; max: number };
  /** Bench database sessions by application: connections, and mean busy (active or in a transaction). */
  sessions: Record<
    string,
    { connections: number; busyMean: number; idleInTransactionMean: number; allBusyShare: number }
  >;
  /** Sessions waiting on a lock: mean per sample, what they run, and on which relation's rows. */
  lockWaits: { mean: number; max: number; byQuery: Record<string, number>; tupleLocksOn: Record<string, number> };
  loadBefore: string;
}

export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** A query's text, short and without its parameters, to group the waiters by. */
const shortQuery = (query: string) => query.replace(/\s+/g, " ").trim().slice(0, 90);

/** The BullMQ queues under a prefix (each has a meta key once a worker or producer opened it). */
async function queueNames(redis: Redis, prefix: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*:meta`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) found.add(key.slice(prefix.length + 1, -":meta".length));
  } while (cursor !== "0");
  return [...found].sort();
}

async function outboxSchemas(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ schema: string }>(
    "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1",
  );
  return rows.map((row) => row.schema);
}

async function unrelayedRows(pool: Pool, schemas: readonly string[]): Promise<number> {
  if (schemas.length === 0) return 0;
  const counts = schemas.map((schema) => `(SELECT count(*) FROM "${schema}".outbox WHERE published_at IS NULL)`);
  const { rows } = await pool.query<{ n: number }>(`SELECT (${counts.join(" + ")})::int AS n`);
  return rows[0]?.n ?? 0;
}

/** Work not done yet: jobs waiting, running or delayed (retries) in every queue, and outbox rows not relayed. */
export async function backlog(pool: Pool, redis: Redis, prefix: string): Promise<{ jobs: number; unrelayed: number }> {
  const queues = await queueNames(redis, prefix);
  const pipeline = redis.pipeline();
  for (const queue of queues) {
    pipeline.llen(`${prefix}:${queue}:wait`);
    pipeline.llen(`${prefix}:${queue}:active`);
    pipeline.zcard(`${prefix}:${queue}:prioritized`);
    pipeline.zcard(`${prefix}:${queue}:delayed`);
  }
  const counts = ((await pipeline.exec()) ?? []).map(([, value]) => Number(value ?? 0));
  return { jobs: counts.reduce((a, b) => a + b, 0), unrelayed: await unrelayedRows(pool, await outboxSchemas(pool)) };
}

/**
 * Samples every `everyMs` until stopped. The probe's own queries are a few per sample and run on
 * their own connection (application "bench-probe"), left out of the session figures.
 */
export function startProbe(deps: {
  pool: Pool;
  redis: Redis;
  prefix: string;
  database: string;
  groups: ProcessGroups;
  everyMs?: number;
}): { stop(): Promise<Probe> } {
  const loadBefore = loadAverage();
  const cpuStart = snapshot(deps.database);
  const queuedTotals: number[] = [];
  const byQueueMax: Record<string, number> = {};
  const unrelayed: number[] = [];
  const sessionSamples: Record<
    string,
    { connections: number; busy: number[]; idleInTransaction: number[]; allBusy: number }
  > = {};
  const lockWaiters: number[] = [];
  const byQuery: Record<string, number> = {};
  const tupleLocksOn: Record<string, number> = {};
  let queues: string[] = [];
  let outboxes: string[] = [];
  let running = true;

  const discover = async () => {
    queues = await queueNames(deps.redis, deps.prefix);
    outboxes = await outboxSchemas(deps.pool);
  };

  const sample = async () => {
    const pipeline = deps.redis.pipeline();
    for (const queue of queues) {
      pipeline.llen(`${deps.prefix}:${queue}:wait`);
      pipeline.zcard(`${deps.prefix}:${queue}:prioritized`);
    }
    const counts = ((await pipeline.exec()) ?? []).map(([, value]) => Number(value ?? 0));
    let total = 0;
    queues.forEach((queue, i) => {
      const waiting = (counts[2 * i] ?? 0) + (counts[2 * i + 1] ?? 0);
      total += waiting;
      byQueueMax[queue] = Math.max(byQueueMax[queue] ?? 0, waiting);
    });
    queuedTotals.push(total);

    unrelayed.push(await unrelayedRows(deps.pool, outboxes));

    const { rows: sessions } = await deps.pool.query<{
      app: string;
      state: string | null;
      wait_event_type: string | null;
      query: string;
    }>(
      `SELECT application_name AS app, state, wait_event_type, query FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> 'bench-probe'`,
      [deps.database],
    );
    const perApp: Record<string, { connections: number; busy: number; idleInTransaction: number }> = {};
    let waiting = 0;
    for (const session of sessions) {
      const app = session.app || "(none)";
      const entry = perApp[app] ?? { connections: 0, busy: 0, idleInTransaction: 0 };
      perApp[app] = entry;
      entry.connections++;
      if (session.state !== "idle") entry.busy++;
      if (session.state === "idle in transaction") entry.idleInTransaction++;
      if (session.wait_event_type === "Lock") {
        waiting++;
        const key = shortQuery(session.query);
        byQuery[key] = (byQuery[key] ?? 0) + 1;
      }
    }
    for (const [app, { connections, busy, idleInTransaction }] of Object.entries(perApp)) {
      const entry = sessionSamples[app] ?? { connections: 0, busy: [], idleInTransaction: [], allBusy: 0 };
      sessionSamples[app] = entry;
      entry.connections = Math.max(entry.connections, connections);
      entry.busy.push(busy);
      entry.idleInTransaction.push(idleInTransaction);
      if (busy === connections) entry.allBusy++;
    }
    lockWaiters.push(waiting);
    if (waiting > 0) {
      const { rows } = await deps.pool.query<{ relation: string; n: number }>(
        `SELECT l.relation::regclass::text AS relation, count(*)::int AS n FROM pg_locks l
         JOIN pg_database d ON d.oid = l.database AND d.datname = $1
         WHERE l.locktype = 'tuple' GROUP BY 1`,
        [deps.database],
      );
      for (const row of rows) tupleLocksOn[row.relation] = (tupleLocksOn[row.relation] ?? 0) + row.n;
    }
  };

  const countersAtStart = counters(deps.pool, deps.redis, deps.prefix, deps.database);
  const threadSamples: Record<string, Record<string, number>> = {};
  const apps = Object.entries(deps.groups).filter(([, pids]) => !pids.includes(process.pid));
  const threadTimer = setInterval(() => {
    for (const [name, pids] of apps) {
      const states = threadSamples[name] ?? {};
      threadSamples[name] = states;
      for (const pid of pids) {
        const state = threadState(pid);
        states[state] = (states[state] ?? 0) + 1;
      }
    }
  }, 20);
  const loop = (async () => {
    await discover();
    let lastDiscovery = performance.now();
    while (running) {
      const started = performance.now();
      if (started - lastDiscovery > 2_000) {
        await discover();
        lastDiscovery = started;
      }
      await sample().catch((error: unknown) => console.error("probe sample failed:", error));
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, (deps.everyMs ?? 500) - (performance.now() - started))),
      );
    }
  })();

  const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    async stop() {
      running = false;
      clearInterval(threadTimer);
      await loop;
      const systemShare: Record<string, number> = {};
      const cpu = cpuBetween(cpuStart, snapshot(deps.database), deps.groups, systemShare);
      const [before, after] = [
        await countersAtStart,
        await counters(deps.pool, deps.redis, deps.prefix, deps.database),
      ];
      // Postgres reports its statistics every so often, not at once: a lower bound, then.
      const counted = {
        jobs: after.jobs - before.jobs,
        handled: after.handled - before.handled,
        commits: after.commits - before.commits,
        rollbacks: after.rollbacks - before.rollbacks,
        deadlocks: after.deadlocks - before.deadlocks,
        redisCommands: after.redisCommands - before.redisCommands,
      };
      const samples = queuedTotals.length;
      const threads = Object.fromEntries(
        Object.entries(threadSamples).map(([name, states]) => {
          const total = Object.values(states).reduce((a, b) => a + b, 0);
          return [name, Object.fromEntries(Object.entries(states).map(([state, n]) => [state, n / total]))];
        }),
      );
      return {
        cpu,
        threads,
        systemShare,
        counted,
        samples,
        queued: { mean: mean(queuedTotals), max: Math.max(0, ...queuedTotals), byQueueMax },
        unrelayed: { mean: mean(unrelayed), max: Math.max(0, ...unrelayed) },
        sessions: Object.fromEntries(
          Object.entries(sessionSamples).map(([app, entry]) => [
            app,
            {
              connections: entry.connections,
              busyMean: mean(entry.busy),
              idleInTransactionMean: mean(entry.idleInTransaction),
              allBusyShare: samples ? entry.allBusy / samples : 0,
            },
          ]),
        ),
        lockWaits: {
          mean: mean(lockWaiters),
          max: Math.max(0, ...lockWaiters),
          byQuery,
          tupleLocksOn,
        },
        loadBefore,
      };
    },
  };
}

const SERVER_LOGS = "/var/log/postgresql";

/**
 * The deadlocks the Postgres server log reports for this database, by the relation whose row the
 * victim was locking (its CONTEXT line). Only where the log is a readable local file (Debian's
 * layout); undefined elsewhere.
 */
export function deadlocksInServerLog(database: string): Record<string, number> | undefined {
  if (!existsSync(SERVER_LOGS)) return undefined;
  const byRelation: Record<string, number> = {};
  try {
    for (const name of readdirSync(SERVER_LOGS).filter((file) => file.endsWith(".log"))) {
      const lines = readFileSync(`${SERVER_LOGS}/${name}`, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (!line.includes(`@${database} ERROR:  deadlock detected`)) return;
        const context = lines.slice(i + 1, i + 30).find((next) => next.includes(`@${database} CONTEXT:`));
        const relation = context?.match(/in relation "([^"]+)"/)?.[1] ?? "(unknown)";
        byRelation[relation] = (byRelation[relation] ?? 0) + 1;
      });
    }
  } catch {
    return undefined;
  }
  return byRelation;
}
