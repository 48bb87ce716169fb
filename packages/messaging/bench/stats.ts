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
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/** CPU used while a phase ran: by this process (% of one core) and by the whole machine (% of all cores). */
export interface CpuUse {
  processPercent: number;
  machinePercent: number;
}

export function cpuMeter(): () => CpuUse {
  const startedAt = performance.now();
  const processStart = process.cpuUsage();
  const machineStart = machineTimes();
  return () => {
    const wallUs = (performance.now() - startedAt) * 1000;
    const used = process.cpuUsage(processStart);
    const machine = machineTimes();
    const total = machine.total - machineStart.total;
    return {
      processPercent: (100 * (used.user + used.system)) / wallUs,
      machinePercent: total > 0 ? (100 * (machine.busy - machineStart.busy)) / total : Number.NaN,
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

export const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(2));
export const rate = (value: number) => Math.round(value).toLocaleString("en-US");
export const percent = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(0)}%`);

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
