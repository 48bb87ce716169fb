/**
 * The saga alone, quickly: a stack with funded cards, then the simulator's traffic at each rate
 * for a while; prints answers by code, latency percentiles and where the time goes. The full
 * bench, with baselines and the step search, is `npm run bench:auth` (auth-bench.ts).
 *
 *   npx tsx apps/gateway/bench/gateway-bench.ts [rates=25,50,100] [seconds=10] [cards=20]
 */
import { breakdown, decisions, forgetLogs, runTraffic, startSagaStack } from "./saga.ts";

const rates = (process.argv[2] ?? "25,50,100").split(",").map(Number);
const seconds = Number(process.argv[3] ?? 10);
const cardCount = Number(process.argv[4] ?? 20);

const saga = await startSagaStack({ cards: cardCount, poolMax: 4 });
try {
  await runTraffic(saga, 10, 2);
  for (const rate of rates) {
    forgetLogs(saga.stack);
    const since = new Date();
    const report = await runTraffic(saga, rate, seconds);
    process.stdout.write(`${JSON.stringify({ rate, ...report })}\n`);
    const pool = saga.stack.db.pool;
    const timing = { where_the_time_goes_ms: await breakdown(pool, since), decided: await decisions(pool, since) };
    process.stdout.write(`${JSON.stringify({ rate, ...timing })}\n`);
  }
} finally {
  await saga.stack.stop();
}
