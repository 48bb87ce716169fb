/**
 * The authorization path under load, through the real processes: a stack (worker, query, API,
 * gateway) on a fresh database, cards issued and funded through the API, then the simulator's
 * traffic generator at each rate for a while. Prints answers by code and latency percentiles.
 *
 *   npx tsx apps/gateway/bench/gateway-bench.ts [rates=25,50,100] [seconds=10] [cards=20]
 */
import { createPartnerWithKey } from "@koban/cli/partners";
import { generateTraffic, type TrafficCard } from "@koban/network";
import { eventually, startStack } from "@koban/testing";

const rates = (process.argv[2] ?? "25,50,100").split(",").map(Number);
const seconds = Number(process.argv[3] ?? 10);
const cardCount = Number(process.argv[4] ?? 20);

/**
 * Where an authorization's time goes, from processing's rows: when each participant published its
 * result (after the request), when processing handled it (its inbox), and the decision after the
 * last one. Medians and p95s over the authorizations decided from their results.
 */
async function breakdown(pool: import("@koban/db").Pool) {
  const { rows } = await pool.query(`
    WITH r AS (
      SELECT a.requested_at, a.decided_at, p.participant, (p.result->>'at')::timestamptz AS published_at, i.handled_at
      FROM processing.authorizations a
      CROSS JOIN LATERAL (VALUES ('card', a.card_result), ('cardholder', a.cardholder_result), ('money', a.money_result))
        AS p (participant, result)
      LEFT JOIN processing.inbox i ON i.message_id = (p.result->>'message_id')::uuid
      WHERE a.decided_by = 'results'
    )
    SELECT participant,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - requested_at) * 1000) AS published_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - requested_at) * 1000) AS published_p95,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - published_at) * 1000) AS to_processing_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - published_at) * 1000) AS to_processing_p95,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - requested_at) * 1000) AS decided_p50
    FROM r GROUP BY participant ORDER BY participant`);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? Math.round(v) : v])),
  );
}

const stack = await startStack();
try {
  const key = (await createPartnerWithKey(stack.db.pool, "Bench KK")).api_key;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrls[0]}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as Record<string, never>;
  };
  await eventually(async () => {
    if (((await api("GET", "/v1/accounts")) as { data?: unknown[] }).data?.length !== 1) throw new Error("no account");
  }, 30_000);
  await api("POST", "/v1/simulate/deposits", { amount: 100_000_000 });
  const cards: TrafficCard[] = [];
  for (let i = 0; i < cardCount; i++) {
    const holder = await api("POST", "/v1/cardholders", {
      type: "individual",
      individual: { first_name: "Ren", last_name: `Bench${i}` },
      kyc: { method: "partner" },
    });
    await api("POST", "/v1/transfers", { type: "load", cardholder_id: holder.id, amount: 2_000_000 });
    const card = await api("POST", "/v1/cards", { cardholder_id: holder.id, type: "virtual" });
    await api("POST", `/v1/cards/${card.id}/activate`);
    const details = (await api("GET", `/v1/cards/${card.id}/details`)) as unknown as {
      number: string;
      cvc: string;
      exp_month: number;
      exp_year: number;
    };
    cards.push({
      pan: details.number,
      cvv2: details.cvc,
      expiry: `${String(details.exp_year % 100).padStart(2, "0")}${String(details.exp_month).padStart(2, "0")}`,
    });
  }
  // Until processing has its copy of every card, the gateway answers 14.
  await eventually(async () => {
    const { rows } = await stack.db.pool.query("SELECT count(*)::int AS n FROM processing.cards");
    if (rows[0].n < cardCount) throw new Error("cards not copied yet");
  }, 30_000);
  await generateTraffic({ gatewayUrl: stack.gatewayUrl, cards, ratePerSecond: 10, durationMs: 2_000 });
  for (const rate of rates) {
    const report = await generateTraffic({
      gatewayUrl: stack.gatewayUrl,
      cards,
      ratePerSecond: rate,
      durationMs: seconds * 1_000,
    });
    process.stdout.write(`${JSON.stringify({ rate, ...report })}\n`);
    process.stdout.write(`${JSON.stringify({ rate, where_the_time_goes_ms: await breakdown(stack.db.pool) })}\n`);
    await stack.db.pool.query("TRUNCATE processing.authorizations CASCADE");
  }
} finally {
  await stack.stop();
}
