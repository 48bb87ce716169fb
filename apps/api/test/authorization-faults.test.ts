import { createPartnerWithKey } from "@koban/cli/partners";
import { type AppProcess, eventually, type Stack, spawnApp, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

/**
 * The saga when things break: a participant down, a worker killed mid-saga, Redis losing
 * everything. After each, every authorization has exactly one outcome, the network had its
 * answer within its deadline, every Trying part ends Confirmed or Canceled, and the ledger holds.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
const extraWorkers: AppProcess[] = [];
/** The worker hosting the relay and most contexts, which the next fault kills. */
let current: AppProcess;

// Every context but cardholder: its results will not come until a worker hosting it starts.
const withoutCardholder = "partner,card,query,account,funding,processing";

beforeAll(async () => {
  stack = await startStack();
  const partner = await createPartnerWithKey(stack.db.pool, "Faults KK");
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  await api("POST", "/v1/simulate/deposits", { body: { amount: 10_000_000 } });
});

afterAll(async () => {
  await Promise.all(extraWorkers.map((worker) => worker.stop()));
  await stack?.stop();
});

function startWorker(env: Record<string, string>): AppProcess {
  const worker = spawnApp("worker", { ...stack.env, KOBAN_SERVICE: "worker", WORKER_RELAY: "false", ...env });
  extraWorkers.push(worker);
  return worker;
}

/** A verified cardholder with a balance and an active card. */
async function card(balance = 100_000) {
  const holder = await api("POST", "/v1/cardholders", { body: { ...individual("Kai"), kyc: { method: "partner" } } });
  await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder.body.id, amount: balance } });
  const issued = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
  await api("POST", `/v1/cards/${issued.body.id}/activate`);
  return { cardId: issued.body.id as string, cardholderId: holder.body.id as string };
}

const balanceOf = async (cardholderId: string) =>
  (await api("GET", `/v1/accounts?cardholder_id=${cardholderId}`)).body.data[0]?.balances;

/** Every participant's part of every authorization has ended (its stream reached version 2). */
async function expectEveryPartSettled(): Promise<void> {
  await eventually(async () => {
    const { rows } = await stack.db.pool.query(
      `SELECT stream_id FROM eventstore.events WHERE stream_id LIKE 'auth\\_%:%'
       GROUP BY stream_id HAVING max(stream_version) < 2`,
    );
    expect(rows, "parts still Trying").toEqual([]);
  }, 30_000);
}

/** One outcome each; a live hold for each approved authorization, none for a declined one; debits = credits. */
async function expectInvariants(): Promise<void> {
  await waitForQuiescence(stack.db.pool, 30_000);
  const { rows } = await stack.db.pool.query<{ id: string; status: string; outcomes: number; live: number }>(
    `SELECT a.id, a.status,
       (SELECT count(*)::int FROM eventstore.events e WHERE e.stream_id = a.id
          AND e.type IN ('AuthorizationApproved', 'AuthorizationDeclined')) AS outcomes,
       (SELECT count(*)::int FROM account.transfers t JOIN account.holds h ON h.id = t.id
          WHERE t.metadata->>'reference' = a.id AND h.status = 'pending') AS live
     FROM processing.authorizations a`,
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.outcomes, row.id).toBe(1);
    expect(row.live, row.id).toBe(row.status === "approved" ? 1 : 0);
  }
  const unbalanced = await stack.db.pool.query(
    `SELECT partner_id, currency FROM account.accounts GROUP BY partner_id, livemode, currency
     HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)`,
  );
  expect(unbalanced.rows).toEqual([]);
}

describe("the authorization saga under faults", () => {
  it("declines system_error at the decision deadline when a participant never answers, and settles the late part", async () => {
    const { cardId, cardholderId } = await card();
    // The cardholder context goes down (a worker that hosts everything else takes over).
    await stack.worker.stop();
    const others = startWorker({ WORKER_CONTEXTS: withoutCardholder, WORKER_RELAY: "true" });
    await others.waitForLog((line) => line.msg === "ready");
    const started = Date.now();
    const response = await api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount: 500 } });
    // The network's timeout is 5 s; the decision deadline (2 s) comes well before it.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect([response.status, response.body.status, response.body.decline_reason]).toEqual([
      201,
      "declined",
      "system_error",
    ]);
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({ available: 100_000, pending: 0, posted: 100_000 }),
    );

    // The cardholder context comes back: its result is too late to count, and its part is canceled.
    startWorker({ WORKER_CONTEXTS: "cardholder" });
    current = others;
    await eventually(async () => {
      const read = await api("GET", `/v1/authorizations/${response.body.id}`);
      const parts = read.body.timeline.filter((e: { participant: string }) => e.participant === "cardholder");
      expect(parts.map((e: { step: string; state?: string }) => `${e.step}:${e.state ?? ""}`)).toEqual([
        "checked:",
        "settled:canceled",
      ]);
    }, 20_000);
    expect(
      (await api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount: 500 } })).body.status,
    ).toBe("pending");
    await expectEveryPartSettled();
    await expectInvariants();
  });

  it("loses nothing when the worker is SIGKILLed with authorizations in flight", async () => {
    const { cardId } = await card();
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount: 100 + i } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await current.kill();
    const replacement = startWorker({ WORKER_CONTEXTS: withoutCardholder, WORKER_RELAY: "true" });
    await replacement.waitForLog((line) => line.msg === "ready");
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      // Each was answered (approved, or declined at its deadline while the worker was down).
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(["pending", "declined"]).toContain(answer.body.status);
      if (answer.body.status === "declined") expect(answer.body.decline_reason).toBe("system_error");
    }
    await expectEveryPartSettled();
    await expectInvariants();
  });

  it("carries on when Redis loses everything during a run of authorizations", async () => {
    const { cardId, cardholderId } = await card();
    const before = await balanceOf(cardholderId);
    const run = Array.from({ length: 10 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 60));
      return api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount: 1_000 } });
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await stack.bus.flush();
    const answers = await Promise.all(run);
    const approved = answers.filter((answer) => answer.body.status === "pending").length;
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await expectEveryPartSettled();
    await expectInvariants();
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({
        available: before.available - approved * 1_000,
        pending: before.pending + approved * 1_000,
        posted: before.posted,
      }),
    );
  });
});
