import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a sample (ms). */
export function distribution(sample: readonly number[]): Distribution | undefined {
  if (sample.length === 0) return undefined;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/** CPU used while a phase ran, in % of one core, by who used it. */
export interface CpuUse {
  bench: number;
  /** Postgres backends connected to the bench's database. */
  postgresBench: number;
  /** Other Postgres processes: background (WAL writer, checkpointer) and other databases' backends. */
  postgresOther: number;
  redis: number;
  /** Everything else on the machine (another test run, say): it competes for the same cores. */
  others: number;
  /** The whole machine, in % of all its cores. */
  machine: number;
  wallMs: number;
}

/**
 * Starts measuring CPU; the returned function tells what was used since. Reads /proc (Linux);
 * elsewhere only the bench process and the machine are known.
 */
export function cpuMeter(database: string): () => CpuUse {
  const startedAt = performance.now();
  const processStart = process.cpuUsage();
  const machineStart = machineTimes();
  const groupsStart = groupTimes(database);
  return () => {
    const wallMs = performance.now() - startedAt;
    const used = process.cpuUsage(processStart);
    const machine = machineTimes();
    const groups = groupTimes(database);
    const delta = (group: Group) => {
      let sum = 0;
      // A process that wasn't there at the start started during the phase: all its time counts.
      for (const [pid, end] of groups[group]) sum += end - (groupsStart[group].get(pid) ?? 0);
      return sum;
    };
    const bench = (used.user + used.system) / 1000;
    const postgresBench = delta("postgresBench");
    const postgresOther = delta("postgresOther");
    const redis = delta("redis");
    const busy = machine.busy - machineStart.busy;
    const total = machine.total - machineStart.total;
    const share = (cpuMs: number) => (100 * cpuMs) / wallMs;
    return {
      bench: share(bench),
      postgresBench: share(postgresBench),
      postgresOther: share(postgresOther),
      redis: share(redis),
      others: share(Math.max(0, busy - bench - postgresBench - postgresOther - redis)),
      machine: total > 0 ? (100 * busy) / total : Number.NaN,
      wallMs,
    };
  };
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, idle, irq } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + idle + irq;
  }
  return { busy, total };
}

type Group = "postgresBench" | "postgresOther" | "redis";
const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

/** CPU time (ms) of each Postgres and Redis process, by pid. */
function groupTimes(database: string): Record<Group, Map<number, number>> {
  const groups: Record<Group, Map<number, number>> = {
    postgresBench: new Map(),
    postgresOther: new Map(),
    redis: new Map(),
  };
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return groups;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const group: Group | undefined =
        command === "redis-server"
          ? "redis"
          : command === "postgres"
            ? readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${database} `)
              ? "postgresBench"
              : "postgresOther"
            : undefined;
      if (!group) continue;
      // Fields after the command: state is the 1st, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      groups[group].set(Number(pid), (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      // The process ended meanwhile.
    }
  }
  return groups;
}

export const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(2);
export const rate = (value: number) => Math.round(value).toLocaleString("en-US");
export const percent = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(0)}%`);

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
