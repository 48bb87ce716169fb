/**
 * The authorization saga through the real processes: a stack (worker, query, API, gateway) on a
 * fresh database, cards issued and funded through the API, then the network simulator's traffic
 * generator at a rate for a while, and processing's rows read back to tell where the time went.
 */
import { createPartnerWithKey } from "@koban/cli/partners";
import type { Pool } from "@koban/db";
import { generateTraffic, type TrafficCard, type TrafficReport } from "@koban/network";
import { eventually, type Stack, startStack } from "@koban/testing";
import { benchSpendControls, LOAD_PER_CARDHOLDER } from "./workload.ts";

export interface SagaStack {
  stack: Stack;
  cards: TrafficCard[];
}

export async function startSagaStack(options: {
  cards: number;
  poolMax: number;
  workerEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}): Promise<SagaStack> {
  const poolEnv = { DB_POOL_MAX: String(options.poolMax) };
  const stack = await startStack({
    workerEnv: { ...poolEnv, ...options.workerEnv },
    gatewayEnv: { ...poolEnv, ...options.gatewayEnv },
    apiEnv: poolEnv,
  });
  try {
    const key = (await createPartnerWithKey(stack.db.pool, "Bench KK")).api_key;
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.apiUrls[0]}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await response.json()) as Record<string, never>;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    await eventually(async () => {
      if (((await api("GET", "/v1/accounts")) as { data?: unknown[] }).data?.length !== 1)
        throw new Error("no account");
    }, 30_000);
    await api("POST", "/v1/simulate/deposits", { amount: LOAD_PER_CARDHOLDER * options.cards * 2 });
    const issue = async (i: number): Promise<TrafficCard> => {
      const holder = await api("POST", "/v1/cardholders", {
        type: "individual",
        individual: { first_name: "Ren", last_name: `Bench${i}` },
        kyc: { method: "partner" },
        spend_controls: benchSpendControls,
      });
      // The cardholder's balance opens once account hears of the cardholder.
      await eventually(
        () => api("POST", "/v1/transfers", { type: "load", cardholder_id: holder.id, amount: LOAD_PER_CARDHOLDER }),
        30_000,
      );
      const card = await api("POST", "/v1/cards", {
        cardholder_id: holder.id,
        type: "virtual",
        spend_controls: benchSpendControls,
      });
      await api("POST", `/v1/cards/${card.id}/activate`);
      const details = (await api("GET", `/v1/cards/${card.id}/details`)) as unknown as {
        number: string;
        cvc: string;
        exp_month: number;
        exp_year: number;
      };
      return {
        pan: details.number,
        cvv2: details.cvc,
        expiry: `${String(details.exp_year % 100).padStart(2, "0")}${String(details.exp_month).padStart(2, "0")}`,
      };
    };
    const cards: TrafficCard[] = [];
    // A few at a time: quicker than one by one, gentle enough for the stack's small pools.
    for (let first = 0; first < options.cards; first += 5) {
      const batch = Array.from({ length: Math.min(5, options.cards - first) }, (_, i) => issue(first + i));
      cards.push(...(await Promise.all(batch)));
    }
    // Until processing has its copy of every card, the gateway answers 14.
    await eventually(async () => {
      const { rows } = await stack.db.pool.query("SELECT count(*)::int AS n FROM processing.cards");
      if (rows[0].n < options.cards) throw new Error("cards not copied yet");
    }, 60_000);
    return { stack, cards };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** The stack's child processes keep every log line they print; a long bench would hoard them. */
export function forgetLogs(stack: Stack): void {
  for (const app of [stack.worker, stack.query, stack.gateway, ...stack.apis]) {
    app.logs.splice(0);
    app.output.splice(0);
  }
}

/**
 * From now on the stack's output is read and dropped, as a log shipper would take it, instead of
 * parsed line by line in this process (which also runs the simulator). The apps log with pino's
 * synchronous writes: when the pipe to this process is full, their whole event loop sleeps
 * (sonic-boom retries every 100 ms), so a slow reader here would slow the stack down.
 */
export function discardLogs(stack: Stack): void {
  for (const app of [stack.worker, stack.query, stack.gateway, ...stack.apis]) {
    for (const stream of [app.child.stdout, app.child.stderr]) {
      stream?.removeAllListeners("data");
      stream?.on("data", () => {});
    }
  }
}

export function runTraffic(saga: SagaStack, ratePerSecond: number, seconds: number): Promise<TrafficReport> {
  return generateTraffic({
    gatewayUrl: saga.stack.gatewayUrl,
    cards: saga.cards,
    ratePerSecond,
    durationMs: seconds * 1_000,
  });
}

export interface ParticipantTiming {
  participant: string;
  /** Request recorded → the participant published its result (ms). */
  published_p50: number;
  published_p95: number;
  /** Published → processing handled it (its inbox): the hop back (ms). */
  to_processing_p50: number;
  to_processing_p95: number;
  /** Request recorded → decided (ms). */
  decided_p50: number;
}

/**
 * Where an authorization's time goes, from processing's rows requested since `since`: when each
 * participant published its result (after the request), when processing handled it (its
 * inbox), and the decision. Over the authorizations decided from their results.
 */
export async function breakdown(pool: Pool, since: Date): Promise<ParticipantTiming[]> {
  const { rows } = await pool.query(
    `WITH r AS (
      SELECT a.requested_at, a.decided_at, p.participant, (p.result->>'at')::timestamptz AS published_at, i.handled_at
      FROM processing.authorizations a
      CROSS JOIN LATERAL (VALUES ('card', a.card_result), ('cardholder', a.cardholder_result), ('money', a.money_result))
        AS p (participant, result)
      LEFT JOIN processing.inbox i ON i.message_id = (p.result->>'message_id')::uuid
      WHERE a.decided_by = 'results' AND a.requested_at >= $1
    )
    SELECT participant,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - requested_at) * 1000) AS published_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - requested_at) * 1000) AS published_p95,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - published_at) * 1000) AS to_processing_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - published_at) * 1000) AS to_processing_p95,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - requested_at) * 1000) AS decided_p50
    FROM r GROUP BY participant ORDER BY participant`,
    [since],
  );
  return rows as ParticipantTiming[];
}

/** How the step's authorizations were decided, and for those decided at the deadline, which results were missing. */
export async function decisions(pool: Pool, since: Date) {
  const { rows } = await pool.query<{
    decided_by: string | null;
    n: number;
    no_card: number;
    no_cardholder: number;
    no_money: number;
  }>(
    `SELECT decided_by, count(*)::int AS n,
       count(*) FILTER (WHERE card_result IS NULL)::int AS no_card,
       count(*) FILTER (WHERE cardholder_result IS NULL)::int AS no_cardholder,
       count(*) FILTER (WHERE money_result IS NULL)::int AS no_money
     FROM processing.authorizations WHERE requested_at >= $1 GROUP BY 1 ORDER BY 2 DESC`,
    [since],
  );
  return rows;
}
