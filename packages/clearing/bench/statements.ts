/**
 * Every Postgres statement the worker sends per cleared record, by the code that sends it
 * (the same preloaded counter as apps/gateway/bench/statements.ts).
 *
 *   npx tsx packages/clearing/bench/statements.ts [records=1000] [cards=20]
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { importClearingFileAt } from "@koban/cli/clearing-import";
import { createPool } from "@koban/db";
import { formatClearingFile, generateClearingRecords } from "@koban/network";
import { discardLogs, startSagaStack } from "../../../apps/gateway/bench/saga.ts";
import { statementCounterHook } from "../../../apps/gateway/bench/statement-counter.ts";
import { table } from "../../messaging/bench/stats.ts";

const records = Number(process.argv[2] ?? 1000);
const cards = Number(process.argv[3] ?? 20);
const dir = mkdtempSync(join(os.tmpdir(), "koban-clearing-statements-"));
writeFileSync(join(dir, "hook.mjs"), statementCounterHook);
const countFile = join(dir, "worker.json");
const saga = await startSagaStack({
  cards,
  poolMax: 8,
  workerEnv: { NODE_OPTIONS: `--import ${join(dir, "hook.mjs")}`, COUNT_FILE: countFile },
});
discardLogs(saga.stack);
const pool = createPool(saga.stack.db.url, { max: 2, name: "clearing-statements" });
const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
try {
  while ((await count("SELECT count(*)::int AS n FROM clearing.cards")) < cards) await sleep(250);
  await sleep(2_000);
  const path = join(dir, "clearing.txt");
  writeFileSync(
    path,
    formatClearingFile(generateClearingRecords({ cards: saga.cards, records, amounts: { min: 100, max: 2_000 } })),
  );
  saga.stack.worker.child.kill("SIGUSR2");
  const started = performance.now();
  await importClearingFileAt(pool, path);
  const posted = () => count("SELECT count(*)::int AS n FROM clearing.transactions WHERE status <> 'cleared'");
  while ((await posted()) < records) await sleep(250);
  console.log(`${records} posted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await sleep(3_000);
  saga.stack.worker.child.kill("SIGUSR2");
  for (let i = 0; i < 50 && !existsSync(countFile); i++) await sleep(100);
} finally {
  await pool.end();
  await saga.stack.stop();
}
const counts = JSON.parse(readFileSync(countFile, "utf8")) as Array<[string, number, number]>;
const total = counts.reduce((sum, [, n]) => sum + n, 0);
const totalMs = counts.reduce((sum, [, , ms]) => sum + ms, 0);
console.log(
  `worker: ${(total / records).toFixed(1)} statements and ${(totalMs / records).toFixed(1)} ms waiting on Postgres per cleared record`,
);
console.log(
  table(
    ["sent from | statement", "per record", "ms per record", "ms each"],
    counts
      .sort(([, , a], [, , b]) => b - a)
      .filter(([, n]) => n / records >= 0.05)
      .map(([key, n, ms]) => [key, (n / records).toFixed(2), (ms / records).toFixed(2), (ms / n).toFixed(2)]),
  ),
);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
