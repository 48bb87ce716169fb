/**
 * Where the worker's CPU goes: the stack with a V8 sampling profiler preloaded in its worker
 * (Node refuses `--cpu-prof` in NODE_OPTIONS, so a small `--import` hook runs the inspector and
 * toggles on SIGUSR2), the simulator's traffic at a rate the saga sustains, profiled from its
 * start to its end only, then the worker's self time summed by owner (package) and by function.
 *
 *   npx tsx apps/gateway/bench/worker-profile.ts [rate=10] [seconds=30] [cards=50]
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { table } from "../../../packages/messaging/bench/stats.ts";
import { loadAverage } from "./probe.ts";
import { runTraffic, startSagaStack } from "./saga.ts";

const rate = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 30);
const cards = Number(process.argv[4] ?? 50);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Who a frame belongs to: a dependency, a Koban package or app, Node itself, or V8's own work. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName || "(anonymous)";
  const dependency = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1] as string;
  const koban = url.match(/\/(packages|apps)\/([^/]+)\//);
  if (koban) return `${koban[1]}/${koban[2]}`;
  if (url.startsWith("node:")) return "node (built-in)";
  return url;
}

/** Preloaded in the worker: the first SIGUSR2 starts the profiler, the second writes the profile. */
const hook = (file: string) => `
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
const session = new Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    return;
  }
  session.post("Profiler.stop", (error, result) => {
    if (!error) writeFileSync(${JSON.stringify(file)}, JSON.stringify(result.profile));
  });
});
`;

const dir = mkdtempSync(join(os.tmpdir(), "koban-worker-profile-"));
const file = join(dir, "worker.cpuprofile");
writeFileSync(join(dir, "hook.mjs"), hook(file));
const saga = await startSagaStack({
  cards,
  poolMax: 4,
  workerEnv: { NODE_OPTIONS: `--import ${join(dir, "hook.mjs")}` },
});
try {
  await runTraffic(saga, 10, 3);
  console.error(`… ${rate}/s for ${seconds} s (load ${loadAverage()})`);
  saga.stack.worker.child.kill("SIGUSR2");
  const report = await runTraffic(saga, rate, seconds);
  saga.stack.worker.child.kill("SIGUSR2");
  console.log(
    `traffic: ${report.answered} answered at ${report.throughput}/s, p50/p99 ${report.latency.p50}/${report.latency.p99} ms, codes ${JSON.stringify(report.byResponseCode)}`,
  );
  for (let i = 0; i < 50 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
} finally {
  await saga.stack.stop();
}

if (!existsSync(file)) throw new Error(`the worker wrote no profile at ${file}`);
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
};
const msPerSample = (profile.endTime - profile.startTime) / 1_000 / profile.samples.length;
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const ms = (node.hitCount ?? 0) * msPerSample;
  if (functionName === "(idle)" || ms === 0) continue;
  busy += ms;
  const who = owner(url, functionName);
  byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
  const name = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*\/(node_modules|packages|apps)\//, "$1/")}:${lineNumber + 1}` : ""}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, n)
    .map(([name, ms]) => [name, ms.toFixed(0), `${((100 * ms) / busy).toFixed(1)}%`]);
console.log(
  `worker profile: ${(busy / 1_000).toFixed(1)} s busy of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s (${file})`,
);
console.log(table(["self time by owner", "ms", "share"], top(byOwner, 20)));
console.log();
console.log(table(["self time by function", "ms", "share"], top(byFunction, 25)));
