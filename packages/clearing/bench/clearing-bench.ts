/**
 * `npm run bench:clearing [-- --records 100000 --cards 20 --post-minutes 60 --worker-concurrency 16
 * --auth-rate 5 --auth-seconds 20]`: a generated clearing file of 100,000 records through the real
 * path (import, deduplication and matching; account's posting of each through the bus; the day's
 * settlement posted in the ledger), beside raw Postgres insert throughput of the same rows measured
 * in the same run on the same database; and authorizations' latency while the file posts, beside
 * the same traffic on the quiet stack before it.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { accountContext } from "@koban/account";
import { importClearingFileAt } from "@koban/cli/clearing-import";
import { createPool, type Pool } from "@koban/db";
import { formatClearingFile, generateClearingRecords } from "@koban/network";
import { deadlocksInServerLog } from "../../../apps/gateway/bench/probe.ts";
import { breakdown, decisions, discardLogs, runTraffic, startSagaStack } from "../../../apps/gateway/bench/saga.ts";
import { settle } from "../src/index.ts";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const records = option("records", 100_000);
const cards = option("cards", 20);
/** How long to wait for the postings before settling what is posted (the figure then says how many). */
const postMinutes = option("post-minutes", 60);
/** The authorization traffic sent on the quiet stack, then again while the file posts. */
const authRate = option("auth-rate", 5);
const authSeconds = option("auth-seconds", 20);
const lane = accountContext.events.find((event) => event.lane)?.lane;
const out = (text = "") => console.log(text);
const progress = (text: string) => console.error(`… [${new Date().toISOString().slice(11, 19)}] ${text}`);
const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60 * 60_000) {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

/** The baseline: the same rows, inserted as fast as Postgres takes them (1,000 per statement, no checks, no bus). */
async function rawInserts(pool: Pool, count: number): Promise<number> {
  await pool.query(`CREATE TABLE IF NOT EXISTS public.bench_raw_inserts (
    id text PRIMARY KEY, partner_id text, livemode boolean, kind text, arn text UNIQUE, card_id text, amount bigint,
    currency text, settlement_date date, line integer, cleared_at timestamptz)`);
  await pool.query("TRUNCATE public.bench_raw_inserts");
  const started = performance.now();
  for (let first = 0; first < count; first += 1_000) {
    const n = Math.min(1_000, count - first);
    const ids = Array.from({ length: n }, (_, i) => `raw_${first + i}`);
    await pool.query(
      `INSERT INTO public.bench_raw_inserts
       SELECT id, 'ptn_bench', false, 'presentment', lpad(($2::int + i)::text, 23, '0'), 'card_bench', 100 + i % 1000,
              'JPY', current_date, $2::int + i, now()
       FROM unnest($1::text[]) WITH ORDINALITY AS r (id, i)`,
      [ids, first],
    );
  }
  const ms = performance.now() - started;
  await pool.query("DROP TABLE public.bench_raw_inserts");
  return ms;
}

out(`Koban bench:clearing — node ${process.version}, ${os.cpus().length} cores, load ${load()} at start`);
progress(`starting the stack and issuing ${cards} funded cards`);
const concurrency = option("worker-concurrency", 16);
const saga = await startSagaStack({
  cards,
  poolMax: option("pool", 8),
  workerEnv: { WORKER_CONCURRENCY: String(concurrency) },
});
if (process.argv.includes("--keep-logs")) {
  // For a look at what the worker did: its output, every few seconds, to a file.
  setInterval(
    () => void writeFile("/tmp/bench-clearing-worker.log", saga.stack.worker.output.join("\n")),
    5_000,
  ).unref();
} else discardLogs(saga.stack);
const pool = createPool(saga.stack.db.url, { max: 4, name: "bench-clearing" });
// Production Postgres vacuums the few hot rows (a tenant's settlement account moves with every
// posting) as they change; with autovacuum off, as on this machine, their dead versions pile up and
// every lock on them walks the chain. Here the bench does autovacuum's job, and says so.
const autovacuum = (await pool.query<{ autovacuum: string }>("SHOW autovacuum")).rows[0]?.autovacuum;
const hotTables = ["account.accounts", "query.accounts"];
let vacuums = 0;
let vacuuming = false;
const vacuumer =
  autovacuum === "off"
    ? setInterval(() => {
        if (vacuuming) return;
        vacuuming = true;
        // TRUNCATE false: no exclusive lock on tables the postings use.
        void pool
          .query(`VACUUM (ANALYZE, TRUNCATE false) ${hotTables.join(", ")}`)
          .then(() => vacuums++)
          .catch((error) => progress(`vacuum failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => {
            vacuuming = false;
          });
      }, 5_000)
    : undefined;
try {
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  // clearing's copy of the cards comes from CardIssued: wait until it has them all.
  await until("card copies", async () => (await count("SELECT count(*)::int AS n FROM clearing.cards")) >= cards);

  progress(`authorizations on the quiet stack: ${authRate}/s for ${authSeconds} s`);
  const quiet = await runTraffic(saga, authRate, authSeconds);

  const dir = await mkdtemp(join(os.tmpdir(), "koban-bench-clearing-"));
  const path = join(dir, "clearing.txt");
  progress(`generating ${records} records`);
  await writeFile(
    path,
    formatClearingFile(generateClearingRecords({ cards: saga.cards, records, amounts: { min: 100, max: 2_000 } })),
  );

  progress("importing (dedupe, match, record, publish)");
  const importStarted = performance.now();
  const summary = await importClearingFileAt(pool, path);
  const importMs = performance.now() - importStarted;
  progress(`imported in ${(importMs / 1000).toFixed(1)} s: ${perSecond(records, importMs)} records/s`);
  if (summary.accepted !== records)
    throw new Error(`imported ${summary.accepted} of ${records}: ${JSON.stringify(summary.errors.slice(0, 5))}`);

  // The baseline now, beside the import (the same load), on the same database.
  progress("raw Postgres inserts of as many rows (baseline)");
  const rawMs = await rawInserts(pool, records);

  progress(`authorizations while the file posts: ${authRate}/s for ${authSeconds} s`);
  const postedBefore = await count("SELECT count(*)::int AS n FROM clearing.transactions WHERE status <> 'cleared'");
  const busySince = new Date();
  const busy = await runTraffic(saga, authRate, authSeconds);
  const busyDecisions = await decisions(pool, busySince);
  const busyTimings = await breakdown(pool, busySince);
  progress(
    `authorizations while posting: p50 ${busy.latency.p50} ms, p99 ${busy.latency.p99} ms (quiet: ${quiet.latency.p50}, ${quiet.latency.p99})`,
  );
  const postedDuring =
    (await count("SELECT count(*)::int AS n FROM clearing.transactions WHERE status <> 'cleared'")) - postedBefore;

  progress(`waiting for account to post every record (at most ${postMinutes} min)`);
  const posted = async () => count("SELECT count(*)::int AS n FROM clearing.transactions WHERE status <> 'cleared'");
  let postMs = 0;
  try {
    postMs = await until("postings", async () => (await posted()) >= records, postMinutes * 60_000);
  } catch {
    postMs = postMinutes * 60_000;
  }
  const postedCount = await posted();
  const clearedToPostedMs = importMs + postMs;
  progress(
    `${postedCount} posted ${(clearedToPostedMs / 1000).toFixed(1)} s after the import began: ${perSecond(postedCount, clearedToPostedMs)} records/s`,
  );

  progress("re-importing the same file (every record a duplicate)");
  const againStarted = performance.now();
  const again = await importClearingFileAt(pool, path);
  const againMs = performance.now() - againStarted;
  if (again.duplicates !== records || again.accepted !== 0)
    throw new Error(`re-import changed something: ${JSON.stringify(again)}`);

  progress("settling the day");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
  const settleStarted = performance.now();
  const settled = await settle(pool, today);
  const calculateMs = performance.now() - settleStarted;
  const ledgerMs = await until(
    "settlement posting",
    async () => (await count("SELECT count(*)::int AS n FROM account.settlement_postings")) >= settled.length,
  );
  const settleMs = calculateMs + ledgerMs;

  const refused = await count("SELECT count(*)::int AS n FROM clearing.transactions WHERE status = 'refused'");
  const settledCount = settled.reduce((sum, s) => sum + s.transactionCount, 0);
  out();
  out(
    `worker: ${concurrency} jobs at once per queue (account's clearing lane: ${lane?.concurrency} at once, ${lane?.transactionSize ?? "a job's"} postings a transaction), a pool of ${option("pool", 8)} connections`,
  );
  out(`records: ${records} (${cards} cards), accepted ${summary.accepted}, refused by the ledger ${refused}`);
  out("| figure | measured |");
  out("| --- | --- |");
  out(
    `| import (parse, digest, dedupe, match, record + outbox) | ${(importMs / 1000).toFixed(1)} s, **${perSecond(records, importMs)} records/s** |`,
  );
  out(
    `| re-import of the same file (all duplicates) | ${(againMs / 1000).toFixed(1)} s, ${perSecond(records, againMs)} records/s |`,
  );
  out(
    `| cleared → posted in the ledger (import start to last posting), ${postedCount} of ${records} | ${(clearedToPostedMs / 1000).toFixed(1)} s, **${perSecond(postedCount, clearedToPostedMs)} records/s** |`,
  );
  out(
    `| settle the day (calculate ${(calculateMs / 1000).toFixed(2)} s + ledger posting ${(ledgerMs / 1000).toFixed(2)} s), ${settledCount} transactions | **${(settleMs / 1000).toFixed(2)} s** |`,
  );
  out(
    `| raw Postgres INSERT, 1,000 rows a statement (baseline, same run) | ${(rawMs / 1000).toFixed(2)} s, **${perSecond(records, rawMs)} rows/s** |`,
  );
  out(`| import ÷ raw insert | ${(rawMs / importMs).toFixed(3)} |`);
  out(
    `| end to end (posted/s) ÷ raw insert (rows/s) | ${(perSecond(postedCount, clearedToPostedMs) / perSecond(records, rawMs)).toFixed(4)} |`,
  );
  out(
    autovacuum === "off"
      ? `autovacuum is off on this server: the bench vacuumed ${hotTables.join(", ")} every 5 s (${vacuums} times), as autovacuum would`
      : "autovacuum is on",
  );
  out();
  out(`authorizations, ${authRate}/s for ${authSeconds} s each (ms, answered at the network):`);
  out("| stack | answered | p50 | p95 | p99 | max |");
  out("| --- | --- | --- | --- | --- | --- |");
  for (const [name, report] of [
    ["quiet, before the file", quiet],
    [`while the file posts (${postedDuring} postings meanwhile)`, busy],
  ] as const) {
    const [p50, p95, p99, max] = Object.values(report.latency).map(Math.round);
    out(`| ${name} | ${report.answered} of ${report.sent} | ${p50} | ${p95} | **${p99}** | ${max} |`);
  }
  out(`| p99 while posting ÷ p99 quiet | ${(busy.latency.p99 / quiet.latency.p99).toFixed(2)} |`);
  out(`while posting, decided by: ${JSON.stringify(busyDecisions)}`);
  out(`while posting, per participant (ms): ${JSON.stringify(busyTimings)}`);
  const deadlocks = deadlocksInServerLog(new URL(saga.stack.db.url).pathname.slice(1));
  out(`deadlocks in the server log, by relation: ${deadlocks ? JSON.stringify(deadlocks) : "(no readable log)"}`);
  out(`load at end: ${load()}`);
} finally {
  if (vacuumer) clearInterval(vacuumer);
  await pool.end();
  await saga.stack.stop();
}
