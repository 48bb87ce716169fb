import { createHmac } from "node:crypto";
import { loadPanDigestKey } from "@koban/config";
import { type DeclineReason, declineReasons, newId, type Tenant } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { busNames, createRedis, Publisher } from "@koban/messaging";
import { type NetworkResult, newNetworkIds, sendAdvice, sendAuthorization, sendReversal } from "@koban/network";
import {
  type AppProcess,
  createTestBus,
  createTestDatabase,
  eventually,
  spawnApp,
  type TestBus,
  type TestDatabase,
} from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCard, ok, publish, recordedAuthorization, type TestCard } from "./saga-fixture.ts";

/**
 * The gateway and the decider as real processes (the gateway app, and a worker hosting only
 * `processing` with the relay) on a fresh database; the participants' results are published by
 * hand through their outboxes, as `card`, `cardholder`, `funding` and `account` would.
 */
let db: TestDatabase;
/** Bigger than the test database's own: many authorizations are in flight at once. */
let pool: Pool;
let bus: TestBus;
let worker: AppProcess;
let gateway: AppProcess;
let gatewayUrl: string;
let env: Record<string, string>;
const tenant: Tenant = { partnerId: newId("ptn"), livemode: false };
const cards: TestCard[] = [];

const DECISION_MS = 2_000;
const NETWORK_TIMEOUT_MS = 5_000;

async function startGateway(extra: Record<string, string> = {}) {
  const app = spawnApp("gateway", { ...env, KOBAN_SERVICE: "gateway", PORT: "0", ...extra });
  const ready = await app.waitForLog((line) => line.msg === "ready");
  return { app, url: String(ready.url) };
}

beforeAll(async () => {
  [db, bus] = await Promise.all([createTestDatabase(), createTestBus()]);
  pool = createPool(db.url, { max: 12, name: "gateway-test" });
  env = { DATABASE_URL: db.url, REDIS_URL: bus.redisUrl, KOBAN_ENV: bus.env, DB_POOL_MAX: "4" };
  worker = spawnApp("worker", {
    ...env,
    KOBAN_SERVICE: "worker",
    WORKER_CONTEXTS: "processing",
    AUTHORIZATION_SWEEP_MS: "200",
    RETRY_BASE_DELAY_MS: "50",
  });
  const started = await Promise.all([worker.waitForLog((line) => line.msg === "ready"), startGateway()]);
  gateway = started[1].app;
  gatewayUrl = started[1].url;
});

afterAll(async () => {
  await Promise.all([gateway?.stop(), worker?.stop()]);
  await pool?.end();
  await bus?.close();
  await db?.drop();
});

async function card(): Promise<TestCard> {
  const issued = await issueCard(pool, tenant);
  cards.push(issued);
  return issued;
}

/** Sends an 0100 for the card; the RRN is known before the answer, so the test can find the row. */
function authorize(c: TestCard, amount = 1200, url = gatewayUrl) {
  const ids = newNetworkIds();
  const sent = sendAuthorization({
    ids,
    gatewayUrl: url,
    pan: c.pan,
    expiry: c.expiry,
    cvv2: c.cvv2,
    amount,
    currency: "JPY",
    merchant: { name: "Cafe Mori", mcc: "5814", country: "JP", id: "MORI0001" },
    timeoutMs: NETWORK_TIMEOUT_MS,
  });
  return { sent, rrn: ids.rrn };
}

function answered(result: NetworkResult) {
  if (result.outcome !== "answered") throw new Error(`the network got no answer: ${JSON.stringify(result)}`);
  return result;
}

async function outboxEvents(authorizationId: string) {
  const { rows } = await pool.query(
    "SELECT envelope FROM processing.outbox WHERE envelope->'payload'->>'authorization_id' = $1 ORDER BY id",
    [authorizationId],
  );
  return rows.map((row) => row.envelope);
}

describe("the network gateway and the decider", () => {
  it("approves when all three results are OK: 00 with an approval code, and AuthorizationApproved in the saga", async () => {
    const c = await card();
    const { sent, rrn } = authorize(c);
    await publish(pool, await recordedAuthorization(pool, rrn), [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const result = answered(await sent);
    expect(result.responseCode).toBe("00");
    expect(result.approvalCode).toMatch(/^[0-9A-Z]{6}$/);
    expect(result.latencyMs).toBeLessThan(DECISION_MS);

    const auth = await recordedAuthorization(pool, result.ids.rrn);
    expect(result.authorizationId).toBe(auth.id);
    const events = await outboxEvents(auth.id);
    expect(events.map((e) => e.type)).toEqual(["AuthorizationRequested", "AuthorizationApproved"]);
    const [requested, approved] = events;
    expect(requested).toMatchObject({
      correlationId: auth.sagaId,
      tenant,
      stream: { id: auth.id, version: 1 },
      payload: {
        card_id: c.id,
        cardholder_id: c.cardholderId,
        program_id: c.programId,
        amount: 1200,
        currency: "JPY",
        merchant: { name: "Cafe Mori", mcc: "5814", country: "JP", network_id: "MORI0001" },
        card_expiry: { month: 12, year: 2030 },
        network: { stan: result.ids.stan, rrn: result.ids.rrn },
      },
    });
    const key = loadPanDigestKey({});
    expect(requested.payload.cvv2_digest).toBe(
      createHmac("sha256", key).update(`cvv2:${c.pan}:${c.cvv2}`).digest("hex"),
    );
    expect(new Date(requested.payload.decide_by).getTime() - new Date(requested.payload.requested_at).getTime()).toBe(
      DECISION_MS,
    );
    expect(approved).toMatchObject({
      correlationId: auth.sagaId,
      tenant,
      stream: { id: auth.id, version: 2 },
      payload: { authorization_id: auth.id, approval_code: result.approvalCode, amount: 1200 },
    });
  });

  it("answers every kind of NG with its ISO 8583 code, from whichever participant says it", async () => {
    const expected: Record<DeclineReason, string> = {
      insufficient_funds: "51",
      card_inactive: "62",
      card_frozen: "62",
      card_closed: "05",
      card_expired: "54",
      cvv_mismatch: "N7",
      cardholder_inactive: "62",
      kyc_incomplete: "62",
      spend_limit_exceeded: "61",
      velocity_count_exceeded: "65",
      merchant_blocked: "57",
      country_blocked: "57",
      partner_declined: "05",
      partner_timeout: "91",
      system_error: "96",
      do_not_honor: "05",
    };
    const c = await card();
    const cases: Array<{
      name: string;
      results: Array<[Parameters<typeof publish>[2][number][0], Parameters<typeof publish>[2][number][1]]>;
      code: string;
      reason: DeclineReason;
    }> = [
      ...declineReasons.map((reason) => ({
        name: `card ${reason}`,
        results: [
          ["card", { outcome: "ng", reason }],
          ["cardholder", ok],
          ["hold", ok],
        ] as never,
        code: expected[reason],
        reason,
      })),
      {
        name: "cardholder kyc",
        results: [
          ["card", ok],
          ["cardholder", { outcome: "ng", reason: "kyc_incomplete" }],
          ["hold", ok],
        ],
        code: "62",
        reason: "kyc_incomplete",
      },
      {
        name: "hold refused",
        results: [
          ["card", ok],
          ["cardholder", ok],
          ["hold", { outcome: "ng", reason: "insufficient_funds" }],
        ],
        code: "51",
        reason: "insufficient_funds",
      },
      {
        name: "funding declined (ends the money chain)",
        results: [
          ["card", ok],
          ["cardholder", ok],
          ["funding", { outcome: "ng", reason: "partner_declined" }],
        ],
        code: "05",
        reason: "partner_declined",
      },
      {
        name: "precedence: card before cardholder before money",
        results: [
          ["hold", { outcome: "ng", reason: "insufficient_funds" }],
          ["cardholder", { outcome: "ng", reason: "spend_limit_exceeded" }],
          ["card", { outcome: "ng", reason: "card_frozen" }],
        ],
        code: "62",
        reason: "card_frozen",
      },
      {
        name: "an NG before a Failure",
        results: [
          ["card", { outcome: "failure", error: "boom" }],
          ["cardholder", { outcome: "ng", reason: "cardholder_inactive" }],
          ["hold", ok],
        ],
        code: "62",
        reason: "cardholder_inactive",
      },
      {
        name: "a Failure",
        results: [
          ["card", ok],
          ["cardholder", ok],
          ["funding", { outcome: "failure", error: "gateway answered garbage" }],
        ],
        code: "96",
        reason: "system_error",
      },
    ];
    // A few at a time: several in flight, without making a loaded machine miss the 2 s deadline.
    for (let start = 0; start < cases.length; start += 6) {
      await Promise.all(
        cases.slice(start, start + 6).map(async (testCase, j) => {
          const i = start + j;
          const { sent, rrn } = authorize(c, 100 + i);
          const auth = await recordedAuthorization(pool, rrn);
          await publish(pool, auth, testCase.results);
          const result = answered(await sent);
          expect([testCase.name, result.responseCode, result.approvalCode]).toEqual([
            testCase.name,
            testCase.code,
            null,
          ]);
          const events = await outboxEvents(auth.id);
          expect(
            events.map((e) => e.type),
            testCase.name,
          ).toEqual(["AuthorizationRequested", "AuthorizationDeclined"]);
          expect(events[1].payload.reason, testCase.name).toBe(testCase.reason);
        }),
      );
    }
  });

  it("declines 96 at its deadline when a result is missing, before the network's timeout, and once even if the result comes late", async () => {
    const c = await card();
    const { sent, rrn } = authorize(c);
    const auth = await recordedAuthorization(pool, rrn);
    await publish(pool, auth, [
      ["card", ok],
      ["hold", ok],
    ]);
    const result = answered(await sent);
    expect(result.responseCode).toBe("96");
    expect(result.latencyMs).toBeGreaterThanOrEqual(DECISION_MS - 50);
    expect(result.latencyMs).toBeLessThan(DECISION_MS + 1_000);
    expect(result.latencyMs).toBeLessThan(NETWORK_TIMEOUT_MS);

    const [late] = await publish(pool, auth, [["cardholder", ok]]);
    await eventually(async () => {
      const { rowCount } = await pool.query("SELECT 1 FROM processing.inbox WHERE message_id = $1", [late?.id]);
      expect(rowCount).toBe(1);
    });
    const { rows } = await pool.query("SELECT * FROM processing.authorizations WHERE id = $1", [auth.id]);
    expect(rows[0]).toMatchObject({ status: "declined", decline_reason: "system_error", response_code: "96" });
    // The waiting gateway's timer, or the worker's sweeper if it got there first: either way once.
    expect(["deadline", "sweeper"]).toContain(rows[0].decided_by);
    // The late result is kept for the timeline, and changed nothing else.
    expect(rows[0].cardholder_result.message_id).toBe(late?.id);
    expect((await outboxEvents(auth.id)).map((e) => e.type)).toEqual([
      "AuthorizationRequested",
      "AuthorizationDeclined",
    ]);
  });

  it("changes nothing when a result is delivered twice", async () => {
    const c = await card();
    const { sent, rrn } = authorize(c);
    const auth = await recordedAuthorization(pool, rrn);
    const results = await publish(pool, auth, [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const result = answered(await sent);
    expect(result.responseCode).toBe("00");
    // Each result again, straight onto processing's queue, as a redelivery would bring it.
    const redis = createRedis(bus.redisUrl);
    const publisher = new Publisher(redis, busNames(bus.env));
    await publisher.publish(
      results.map((envelope) => ({
        queue: busNames(bus.env).eventQueue("processing"),
        envelope,
        attempt: 1,
        jobId: `dup-${envelope.id}`,
      })),
    );
    for (const envelope of results) {
      await worker.waitForLog((line) => line.message_id === envelope.id && line.outcome === "duplicate", 10_000);
    }
    await publisher.close();
    redis.disconnect();

    const [cardResult] = results;
    const { rows } = await pool.query("SELECT card_result FROM processing.authorizations WHERE id = $1", [auth.id]);
    expect(rows[0].card_result.message_id).toBe(cardResult?.id);
    expect((await outboxEvents(auth.id)).map((e) => e.type)).toEqual([
      "AuthorizationRequested",
      "AuthorizationApproved",
    ]);
  });

  it("still hears decisions when its LISTEN connection is cut, and listens again", async () => {
    const listeners = async () =>
      (
        await pool.query(
          "SELECT pid FROM pg_stat_activity WHERE application_name = 'koban-gateway-listen' AND datname = current_database()",
        )
      ).rows.map((row) => row.pid as number);
    const before = await listeners();
    expect(before.length).toBeGreaterThan(0);
    await pool.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [before]);
    const c = await card();
    const { sent, rrn } = authorize(c);
    await publish(pool, await recordedAuthorization(pool, rrn), [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const result = answered(await sent);
    expect(result.responseCode).toBe("00");
    expect(result.latencyMs).toBeLessThan(DECISION_MS);
    await eventually(async () => {
      const after = await listeners();
      expect(after.length).toBeGreaterThan(0);
      expect(after.some((pid) => before.includes(pid))).toBe(false);
    });
  });

  it("answers a repeated request (same card, STAN and RRN) as the first, with one saga", async () => {
    const c = await card();
    const ids = newNetworkIds();
    const send = () =>
      sendAuthorization({
        gatewayUrl,
        ids,
        pan: c.pan,
        expiry: c.expiry,
        cvv2: c.cvv2,
        amount: 700,
        currency: "JPY",
        merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
      });
    const first = send();
    const auth = await recordedAuthorization(pool, ids.rrn);
    const second = send();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publish(pool, auth, [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const [a, b] = [answered(await first), answered(await second)];
    expect(a.responseCode).toBe("00");
    expect([b.responseCode, b.approvalCode, b.authorizationId]).toEqual(["00", a.approvalCode, auth.id]);
    const again = answered(await send());
    expect([again.responseCode, again.approvalCode]).toEqual(["00", a.approvalCode]);
    expect((await outboxEvents(auth.id)).map((e) => e.type)).toEqual([
      "AuthorizationRequested",
      "AuthorizationApproved",
    ]);
  });

  it("answers 14 at once for a card it does not know, and records it declined", async () => {
    const stranger = { ...(await card()), pan: "4000000000000002" };
    const result = answered(await authorize(stranger).sent);
    expect(result.responseCode).toBe("14");
    expect(result.authorizationId).toBeNull();
    expect(result.latencyMs).toBeLessThan(1_000);
    const { rows } = await pool.query("SELECT * FROM processing.authorizations WHERE rrn = $1", [result.ids.rrn]);
    expect(rows[0]).toMatchObject({
      status: "declined",
      response_code: "14",
      card_id: null,
      decided_by: "unknown_card",
    });
    expect(await outboxEvents(rows[0].id)).toEqual([]);
  });

  it("answers 30 to a message it cannot read, echoing none of it", async () => {
    const response = await fetch(new URL("/messages", gatewayUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mti: "0100", pan: "4242424242424242", cvv2: "12x" }),
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(body).response_code).toBe("30");
    expect(body).not.toContain("4242424242424242");
  });

  it("answers 96 inside the network's timeout even when the database stalls, and the decision agrees later", async () => {
    const c = await card();
    const blocker = await pool.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE processing.authorizations IN ACCESS EXCLUSIVE MODE");
    const { sent, rrn } = authorize(c);
    let result: NetworkResult;
    try {
      result = await sent;
    } finally {
      await blocker.query("ROLLBACK");
      blocker.release();
    }
    const stalled = answered(result);
    expect(stalled.responseCode).toBe("96");
    expect(stalled.latencyMs).toBeGreaterThan(DECISION_MS);
    expect(stalled.latencyMs).toBeLessThan(NETWORK_TIMEOUT_MS - 1_000);
    // Recorded once the lock is gone, already past its deadline: nothing but system_error can decide it.
    const auth = await recordedAuthorization(pool, rrn);
    await eventually(async () => {
      const { rows } = await pool.query("SELECT status, decline_reason FROM processing.authorizations WHERE id = $1", [
        auth.id,
      ]);
      expect(rows[0]).toEqual({ status: "declined", decline_reason: "system_error" });
    }, 10_000);
  });

  it("has the worker's sweeper decide an authorization whose gateway died while waiting", async () => {
    const c = await card();
    const doomed = await startGateway();
    const { sent, rrn } = authorize(c, 1200, doomed.url);
    const auth = await recordedAuthorization(pool, rrn);
    await doomed.app.kill();
    expect((await sent).outcome).toBe("error");
    await eventually(async () => {
      const { rows } = await pool.query("SELECT status, decided_by FROM processing.authorizations WHERE id = $1", [
        auth.id,
      ]);
      expect(rows[0]).toEqual({ status: "declined", decided_by: "sweeper" });
    }, 10_000);
    expect((await outboxEvents(auth.id)).map((e) => e.type)).toEqual([
      "AuthorizationRequested",
      "AuthorizationDeclined",
    ]);
    cards.push({ ...c });
    scanned.push(...doomed.app.output);
  });

  it("reverses part, then the rest, of an approval; a repeated reversal is answered once; an unknown original is 25", async () => {
    const c = await card();
    const { sent, rrn } = authorize(c, 1200);
    const auth = await recordedAuthorization(pool, rrn);
    await publish(pool, auth, [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const approved = answered(await sent);
    expect(approved.responseCode).toBe("00");

    const reversal = (amount: number, original = approved.ids, ids = newNetworkIds()) =>
      sendReversal({
        gatewayUrl,
        pan: c.pan,
        amount,
        currency: "JPY",
        merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
        original,
        ids,
      });
    const partialIds = newNetworkIds();
    const partial = answered(await reversal(500, approved.ids, partialIds));
    expect([partial.responseCode, partial.authorizationId]).toEqual(["00", auth.id]);
    expect(answered(await reversal(500, approved.ids, partialIds)).responseCode).toBe("00");
    const rest = answered(await reversal(1200));
    expect(rest.responseCode).toBe("00");
    expect(answered(await reversal(1200)).responseCode).toBe("00");

    const events = await outboxEvents(auth.id);
    expect(events.map((e) => [e.type, e.stream.version, e.payload.amount, e.payload.remaining_amount])).toEqual([
      ["AuthorizationRequested", 1, 1200, undefined],
      ["AuthorizationApproved", 2, 1200, undefined],
      ["AuthorizationReversed", 3, 500, 700],
      ["AuthorizationReversed", 4, 700, 0],
    ]);
    expect(events[2]).toMatchObject({ correlationId: auth.sagaId, tenant, payload: { network: partialIds } });

    const missing = answered(await reversal(100, newNetworkIds()));
    expect([missing.responseCode, missing.authorizationId]).toEqual(["25", null]);
  });

  it("adds an incremental authorization to an approval, and a full reversal releases both, newest first", async () => {
    const c = await card();
    const first = authorize(c, 10_000);
    const original = await recordedAuthorization(pool, first.rrn);
    await publish(pool, original, [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const approved = answered(await first.sent);
    expect(approved.responseCode).toBe("00");

    const merchant = { name: "Hotel Okura", mcc: "7011", country: "JP" };
    const incrementIds = newNetworkIds();
    const increment = sendAuthorization({
      gatewayUrl,
      pan: c.pan,
      expiry: c.expiry,
      amount: 3_000,
      currency: "JPY",
      merchant,
      original: approved.ids,
      ids: incrementIds,
    });
    const added = await recordedAuthorization(pool, incrementIds.rrn);
    expect(added.id).not.toBe(original.id);
    await publish(pool, added, [
      ["card", ok],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const incremented = answered(await increment);
    expect([incremented.responseCode, incremented.authorizationId]).toEqual(["00", added.id]);
    const [requested] = await outboxEvents(added.id);
    expect(requested.payload).toMatchObject({ amount: 3_000, increment_of: original.id });

    const reversed = answered(
      await sendReversal({ gatewayUrl, pan: c.pan, amount: 13_000, currency: "JPY", merchant, original: approved.ids }),
    );
    expect(reversed.responseCode).toBe("00");
    expect((await outboxEvents(added.id)).at(-1)).toMatchObject({
      type: "AuthorizationReversed",
      stream: { id: added.id, version: 3 },
      payload: { amount: 3_000, remaining_amount: 0 },
    });
    expect((await outboxEvents(original.id)).at(-1)).toMatchObject({
      type: "AuthorizationReversed",
      stream: { id: original.id, version: 3 },
      payload: { amount: 10_000, remaining_amount: 0 },
    });

    const lost = answered(
      await sendAuthorization({
        gatewayUrl,
        pan: c.pan,
        expiry: c.expiry,
        amount: 100,
        currency: "JPY",
        merchant,
        original: newNetworkIds(),
      }),
    );
    expect([lost.responseCode, lost.authorizationId]).toEqual(["25", null]);
  });

  it("refuses an increment to an authorization that was not approved (12)", async () => {
    const c = await card();
    const first = authorize(c, 500);
    await publish(pool, await recordedAuthorization(pool, first.rrn), [
      ["card", ok],
      ["cardholder", { outcome: "ng", reason: "kyc_incomplete" }],
      ["hold", ok],
    ]);
    const declined = answered(await first.sent);
    const increment = answered(
      await sendAuthorization({
        gatewayUrl,
        pan: c.pan,
        expiry: c.expiry,
        amount: 100,
        currency: "JPY",
        merchant: { name: "Hotel Okura", mcc: "7011", country: "JP" },
        original: declined.ids,
      }),
    );
    expect(increment.responseCode).toBe("12");
  });

  it("reverses a declined authorization with nothing to release", async () => {
    const c = await card();
    const { sent, rrn } = authorize(c, 800);
    const auth = await recordedAuthorization(pool, rrn);
    await publish(pool, auth, [
      ["card", { outcome: "ng", reason: "card_inactive" }],
      ["cardholder", ok],
      ["hold", ok],
    ]);
    const declined = answered(await sent);
    const reversed = answered(
      await sendReversal({
        gatewayUrl,
        pan: c.pan,
        amount: 800,
        currency: "JPY",
        merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
        original: declined.ids,
      }),
    );
    expect(reversed.responseCode).toBe("00");
    expect((await outboxEvents(auth.id)).map((e) => e.type)).toEqual([
      "AuthorizationRequested",
      "AuthorizationDeclined",
    ]);
  });

  it("records an advice once and acknowledges it, publishing it for a card it knows", async () => {
    const c = await card();
    const ids = newNetworkIds();
    const advise = (pan: string, adviceIds = ids) =>
      sendAdvice({
        gatewayUrl,
        pan,
        expiry: c.expiry,
        amount: 3000,
        currency: "JPY",
        merchant: { name: "Tokyo Metro", mcc: "4111", country: "JP" },
        responseCode: "00",
        approvalCode: "STAND1",
        ids: adviceIds,
      });
    const first = answered(await advise(c.pan));
    expect(first.responseCode).toBe("00");
    expect(first.authorizationId).toMatch(/^auth_/);
    const again = answered(await advise(c.pan));
    expect(again.authorizationId).toBe(first.authorizationId);
    const events = await outboxEvents(first.authorizationId as string);
    expect(events.map((e) => e.type)).toEqual(["AuthorizationAdvised"]);
    expect(events[0]).toMatchObject({
      tenant,
      payload: { card_id: c.id, amount: 3000, response_code: "00", approval_code: "STAND1", network: ids },
    });
    const stranger = answered(await advise("4000000000000010", newNetworkIds()));
    expect([stranger.responseCode, stranger.authorizationId]).toEqual(["00", null]);
  });

  it("leaves no card number or CVV2 in any row, outbox, event or log line of the run", async () => {
    const pans = cards.map((c) => c.pan);
    expect(pans.length).toBeGreaterThan(4);
    // A CVV2 is three digits, which any number may contain: what must never appear is the field.
    const cvv2Field = /"cvv2"\s*:/;
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
    );
    let rowsScanned = 0;
    for (const table of tables) {
      const { rows } = await pool.query(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`);
      rowsScanned += rows.length;
      const text = rows.map((row) => row.row).join("\n");
      for (const pan of pans) expect(text, `${table.schema}.${table.name}`).not.toContain(pan);
      expect(text, `${table.schema}.${table.name}`).not.toMatch(cvv2Field);
    }
    expect(rowsScanned).toBeGreaterThan(50);
    const logs = [...scanned, ...worker.output, ...gateway.output].join("\n");
    expect(logs.length).toBeGreaterThan(1_000);
    for (const pan of pans) expect(logs).not.toContain(pan);
    expect(logs).not.toMatch(cvv2Field);
    // Redis too: the queues carry envelopes, which must name cards by id only.
    const keys = await bus.redis.keys(`${bus.names.prefix}:*`);
    for (const key of keys) {
      const type = await bus.redis.type(key);
      const dump =
        type === "hash"
          ? JSON.stringify(await bus.redis.hgetall(key))
          : type === "string"
            ? await bus.redis.get(key)
            : "";
      for (const pan of pans) expect(dump ?? "").not.toContain(pan);
      expect(dump ?? "").not.toMatch(cvv2Field);
    }
  });
});

const scanned: string[] = [];
