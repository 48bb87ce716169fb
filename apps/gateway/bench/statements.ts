/**
 * Every Postgres statement the worker and the gateway send per authorization, by the code that
 * sends it: each is a round trip and a socket write, the worker's biggest cost. A small
 * `--import` hook counts `pg.Client#query` calls between two SIGUSR2s.
 *
 *   npx tsx apps/gateway/bench/statements.ts [rate=10] [seconds=10] [cards=50]
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { table } from "../../../packages/messaging/bench/stats.ts";
import { runTraffic, startSagaStack } from "./saga.ts";
import { statementCounterHook } from "./statement-counter.ts";

const rate = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 10);
const cards = Number(process.argv[4] ?? 50);

const dir = mkdtempSync(join(os.tmpdir(), "koban-statements-"));
writeFileSync(join(dir, "hook.mjs"), statementCounterHook);
const env = (name: string) => ({ NODE_OPTIONS: `--import ${join(dir, "hook.mjs")}`, COUNT_FILE: join(dir, name) });
const saga = await startSagaStack({
  cards,
  poolMax: 4,
  workerEnv: env("worker.json"),
  gatewayEnv: env("gateway.json"),
});
const apps = { worker: saga.stack.worker, gateway: saga.stack.gateway };
let answered = 0;
try {
  await runTraffic(saga, 10, 3);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  for (const app of Object.values(apps)) app.child.kill("SIGUSR2");
  answered = (await runTraffic(saga, rate, seconds)).answered;
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  for (const app of Object.values(apps)) app.child.kill("SIGUSR2");
  for (let i = 0; i < 50 && !Object.keys(apps).every((name) => existsSync(join(dir, `${name}.json`))); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const failures = new Map<string, number>();
  for (const line of saga.stack.worker.logs) {
    if (line.level !== "warn" && line.level !== "error") continue;
    const err = line.err as { message?: string } | undefined;
    const key = `${String(line.msg)}: ${String(err?.message ?? "").slice(0, 100)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
  for (const [key, n] of failures) console.log(`worker warned ${n}× ${key}`);
} finally {
  await saga.stack.stop();
}
for (const name of Object.keys(apps)) {
  const counts = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Array<[string, number]>;
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  console.log(`${name}: ${(total / answered).toFixed(1)} statements per authorization (${answered} answered)`);
  console.log(
    table(
      ["sent from | statement", "per auth"],
      counts
        .sort(([, a], [, b]) => b - a)
        .filter(([, n]) => n / answered >= 0.05)
        .map(([key, n]) => [key, (n / answered).toFixed(2)]),
    ),
  );
  console.log();
}
