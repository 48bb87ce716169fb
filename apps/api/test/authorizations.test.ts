import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expireDueHolds } from "@koban/account";
import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { cardNumbersIn, everyRedisValue, plainDump } from "./secrets.ts";
import { startReceiver, verify } from "./webhook-receiver.ts";

/**
 * The authorization saga end to end, as a partner drives it in the sandbox: the API asks the
 * network simulator, which sends the card's real number to the gateway; card, cardholder,
 * funding and account each check their own rules; processing decides and answers the network.
 * One test per decline reason, each through the whole path, and approvals that leave the right
 * holds and balances.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
let gateway: Server;
let gatewayAnswer: () => Promise<{ status: number; body: string }>;
let gatewayUrl: string;

beforeAll(async () => {
  stack = await startStack();
  gateway = createServer((request, response) => {
    request.resume();
    request.on("end", async () => {
      const { status, body } = await gatewayAnswer();
      response.writeHead(status, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/fund`;
  const partner = await createPartnerWithKey(stack.db.pool, "Saga KK");
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  expect((await api("POST", "/v1/simulate/deposits", { body: { amount: 10_000_000 } })).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
});

interface Setup {
  cardholder?: Record<string, unknown>;
  card?: Record<string, unknown>;
  activate?: boolean;
  balance?: number;
}

/** A cardholder (KYC verified unless told) with a balance, and a card (active unless told). */
async function cardFor(setup: Setup = {}) {
  const holder = await api("POST", "/v1/cardholders", {
    body: { ...individual("Ren"), kyc: { method: "partner" }, ...setup.cardholder },
  });
  expect(holder.status).toBe(201);
  const balance = setup.balance ?? 50_000;
  if (balance > 0) {
    const load = await api("POST", "/v1/transfers", {
      body: { type: "load", cardholder_id: holder.body.id, amount: balance },
    });
    expect(load.status).toBe(201);
  }
  const card = await api("POST", "/v1/cards", {
    body: { cardholder_id: holder.body.id, type: "virtual", ...setup.card },
  });
  expect(card.status).toBe(201);
  if (setup.activate !== false) expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  return { cardholderId: holder.body.id as string, cardId: card.body.id as string };
}

async function authorize(cardId: string, amount: number, extra: Record<string, unknown> = {}) {
  const response = await api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount, ...extra } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function balanceOf(cardholderId: string) {
  const accounts = await api("GET", `/v1/accounts?cardholder_id=${cardholderId}`);
  return accounts.body.data[0]?.balances;
}

async function expectDeclined(cardId: string, cardholderId: string, amount: number, reason: string, extra = {}) {
  const before = await balanceOf(cardholderId);
  const authorization = await authorize(cardId, amount, extra);
  expect([authorization.status, authorization.decline_reason]).toEqual(["declined", reason]);
  expect(authorization.approval_code).toBeNull();
  // Whatever was held on the way is released: the balance is as it was.
  await eventually(async () => expect(await balanceOf(cardholderId)).toEqual(before));
  return authorization;
}

describe("an authorization", () => {
  it("is approved when every rule passes, holding its amount until the network clears it", async () => {
    const { cardId, cardholderId } = await cardFor({ balance: 50_000 });
    const authorization = await authorize(cardId, 1_200, {
      merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
    });
    expect(authorization).toMatchObject({
      object: "authorization",
      status: "pending",
      card_id: cardId,
      cardholder_id: cardholderId,
      amount: 1_200,
      currency: "JPY",
      decline_reason: null,
      merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
    });
    expect(authorization.approval_code).toMatch(/^[0-9A-Z]{6}$/);
    expect(await balanceOf(cardholderId)).toEqual({ available: 48_800, pending: 1_200, posted: 50_000 });

    // The timeline: the request, each participant's OK, the decision, and each participant confirming.
    const timeline = await eventually(async () => {
      const read = await api("GET", `/v1/authorizations/${authorization.id}`);
      expect(read.body.timeline.filter((e: { step: string }) => e.step === "settled")).toHaveLength(4);
      return read.body.timeline as Array<{ participant: string; step: string; result?: unknown; state?: string }>;
    });
    const checked = timeline.filter((e) => e.step === "checked");
    expect(checked.map((e) => e.participant).sort()).toEqual(["account", "card", "cardholder", "funding"]);
    expect(checked.every((e) => JSON.stringify(e.result) === JSON.stringify({ outcome: "ok" }))).toBe(true);
    expect(timeline.filter((e) => e.step === "settled").every((e) => e.state === "confirmed")).toBe(true);
    expect(timeline[0]).toMatchObject({ participant: "processing", step: "requested" });
    expect(timeline.some((e) => e.participant === "processing" && e.step === "approved")).toBe(true);

    const listed = await api("GET", `/v1/authorizations?card_id=${cardId}&status=pending`);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([authorization.id]);
  });

  it("is declined insufficient_funds beyond the available balance", async () => {
    const { cardId, cardholderId } = await cardFor({ balance: 1_000 });
    await expectDeclined(cardId, cardholderId, 1_001, "insufficient_funds");
    const spent = await authorize(cardId, 1_000);
    expect(spent.status).toBe("pending");
    await expectDeclined(cardId, cardholderId, 1, "insufficient_funds");
  });

  it("is declined for the card's state: inactive, frozen, closed", async () => {
    const inactive = await cardFor({ activate: false });
    await expectDeclined(inactive.cardId, inactive.cardholderId, 100, "card_inactive");
    const frozen = await cardFor();
    await api("POST", `/v1/cards/${frozen.cardId}/freeze`);
    await expectDeclined(frozen.cardId, frozen.cardholderId, 100, "card_frozen");
    const closed = await cardFor();
    await api("POST", `/v1/cards/${closed.cardId}/close`, { body: { reason: "stolen" } });
    await expectDeclined(closed.cardId, closed.cardholderId, 100, "card_closed");
  });

  it("is declined for a wrong expiry or security code", async () => {
    const { cardId, cardholderId } = await cardFor();
    await expectDeclined(cardId, cardholderId, 100, "card_expired", { expiry: "mismatch" });
    await expectDeclined(cardId, cardholderId, 100, "cvv_mismatch", { cvv2: "mismatch" });
    expect((await authorize(cardId, 100, { cvv2: "absent" })).status).toBe("pending");
  });

  it("is declined for the cardholder: suspended, or KYC not verified", async () => {
    const suspended = await cardFor();
    await api("PATCH", `/v1/cardholders/${suspended.cardholderId}`, { body: { status: "suspended" } });
    await expectDeclined(suspended.cardId, suspended.cardholderId, 100, "cardholder_inactive");
    const unverified = await cardFor({ cardholder: { kyc: undefined } });
    await expectDeclined(unverified.cardId, unverified.cardholderId, 100, "kyc_incomplete");
  });

  it("is declined by the card's spend controls: amount, count, merchant and country", async () => {
    const { cardId, cardholderId } = await cardFor({
      card: {
        spend_controls: {
          amount_limits: { per_authorization: 5_000 },
          count_limits: { daily: 2 },
          blocked_mccs: ["7995"],
          blocked_countries: ["US"],
        },
      },
    });
    await expectDeclined(cardId, cardholderId, 5_001, "spend_limit_exceeded");
    await expectDeclined(cardId, cardholderId, 100, "merchant_blocked", {
      merchant: { name: "Lucky Casino", mcc: "7995", country: "JP" },
    });
    await expectDeclined(cardId, cardholderId, 100, "country_blocked", {
      merchant: { name: "Diner", mcc: "5812", country: "US" },
    });
    expect((await authorize(cardId, 5_000)).status).toBe("pending");
    expect((await authorize(cardId, 100)).status).toBe("pending");
    await expectDeclined(cardId, cardholderId, 100, "velocity_count_exceeded");
  });

  it("is declined by the cardholder's own spend controls across its cards", async () => {
    const { cardId, cardholderId } = await cardFor({
      cardholder: { spend_controls: { amount_limits: { daily: 3_000 } } },
    });
    const second = await api("POST", "/v1/cards", { body: { cardholder_id: cardholderId, type: "virtual" } });
    await api("POST", `/v1/cards/${second.body.id}/activate`);
    expect((await authorize(cardId, 2_000)).status).toBe("pending");
    await expectDeclined(second.body.id, cardholderId, 1_001, "spend_limit_exceeded");
    expect((await authorize(second.body.id, 1_000)).status).toBe("pending");
  });

  it("asks the partner's gateway when the card is funded just in time, and follows its answer or stand-in rule", async () => {
    const source = await api("POST", "/v1/funding_sources", {
      body: { type: "jit_gateway", jit_gateway: { url: gatewayUrl, deadline_ms: 500, stand_in: "decline" } },
    });
    expect(source.status).toBe(201);
    const { cardId, cardholderId } = await cardFor({ balance: 0, card: { funding_source_id: source.body.id } });

    gatewayAnswer = async () => ({ status: 200, body: JSON.stringify({ approved: true }) });
    const approved = await authorize(cardId, 70_000);
    expect(approved.status).toBe("pending");
    gatewayAnswer = async () => ({ status: 200, body: JSON.stringify({ approved: false }) });
    await expectDeclined(cardId, cardholderId, 100, "partner_declined");
    gatewayAnswer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return { status: 200, body: JSON.stringify({ approved: true }) };
    };
    await expectDeclined(cardId, cardholderId, 100, "partner_timeout");
    gatewayAnswer = async () => ({ status: 200, body: "not json" });
    await expectDeclined(cardId, cardholderId, 100, "partner_timeout");

    await api("PATCH", `/v1/funding_sources/${source.body.id}`, { body: { jit_gateway: { stand_in: "approve" } } });
    gatewayAnswer = async () => ({ status: 500, body: "{}" });
    const stoodIn = await eventually(async () => {
      const authorization = await authorize(cardId, 100);
      expect(authorization.status).toBe("pending");
      return authorization;
    });
    const funding = stoodIn.timeline.find(
      (e: { participant: string; step: string }) => e.participant === "funding" && e.step === "checked",
    );
    expect(funding?.stand_in).toBe(true);
  });
});

describe("an approved authorization", () => {
  it("can be reversed in part and then in full, each release available again at once", async () => {
    const { cardId, cardholderId } = await cardFor({ balance: 10_000 });
    const authorization = await authorize(cardId, 6_000);
    expect(await balanceOf(cardholderId)).toEqual({ available: 4_000, pending: 6_000, posted: 10_000 });

    const partial = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {
      body: { amount: 2_500 },
    });
    expect([partial.status, partial.body.status]).toEqual([200, "pending"]);
    expect(partial.body.timeline.at(-1)).toMatchObject({ step: "reversed", amount: 2_500, remaining_amount: 3_500 });
    expect([partial.body.amount, partial.body.remaining_amount]).toEqual([6_000, 3_500]);
    expect([partial.body.amount, partial.body.remaining_amount]).toEqual([6_000, 3_500]);
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({ available: 6_500, pending: 3_500, posted: 10_000 }),
    );

    const tooMuch = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {
      body: { amount: 3_501 },
    });
    expect([tooMuch.status, tooMuch.body.param]).toEqual([400, "amount"]);
    const full = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {});
    expect([full.status, full.body.status]).toEqual([200, "reversed"]);
    expect(full.body.remaining_amount).toBe(0);
    expect(full.body.remaining_amount).toBe(0);
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({ available: 10_000, pending: 0, posted: 10_000 }),
    );
    const again = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {});
    expect([again.status, again.body.code]).toEqual([409, "invalid_state_transition"]);
  });

  it("can be incremented, the increment decided and held as its own authorization", async () => {
    const { cardId, cardholderId } = await cardFor({ balance: 10_000 });
    const stay = await authorize(cardId, 7_000, { merchant: { name: "Hotel Sakura", mcc: "7011", country: "JP" } });
    const extra = await api("POST", `/v1/simulate/authorizations/${stay.id}/increment`, { body: { amount: 2_000 } });
    expect([extra.status, extra.body.status, extra.body.merchant.name]).toEqual([201, "pending", "Hotel Sakura"]);
    expect(extra.body.id).not.toBe(stay.id);
    expect(await balanceOf(cardholderId)).toEqual({ available: 1_000, pending: 9_000, posted: 10_000 });
    expect(extra.body.increment_of).toBe(stay.id);
    const tooMuch = await api("POST", `/v1/simulate/authorizations/${stay.id}/increment`, { body: { amount: 1_001 } });
    expect([tooMuch.body.status, tooMuch.body.decline_reason]).toEqual(["declined", "insufficient_funds"]);

    // A reversal takes from the newest increment first; a full one releases the stay and its increment.
    const part = await api("POST", `/v1/simulate/authorizations/${stay.id}/reverse`, { body: { amount: 500 } });
    expect([part.status, part.body.status]).toEqual([200, "pending"]);
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({ available: 1_500, pending: 8_500, posted: 10_000 }),
    );
    const all = await api("POST", `/v1/simulate/authorizations/${stay.id}/reverse`, {});
    expect([all.status, all.body.status]).toEqual([200, "reversed"]);
    expect((await api("GET", `/v1/authorizations/${extra.body.id}`)).body.status).toBe("reversed");
    await eventually(async () =>
      expect(await balanceOf(cardholderId)).toEqual({ available: 10_000, pending: 0, posted: 10_000 }),
    );
  });

  it("expires when the network never clears it, its hold released, and nothing is left to reverse", async () => {
    const { cardId, cardholderId } = await cardFor({ balance: 10_000 });
    const authorization = await authorize(cardId, 4_000);
    const part = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {
      body: { amount: 1_000 },
    });
    expect(part.status).toBe(200);
    // The hold's expiry is a row in Postgres: sweep as the worker would, a week and a day later.
    await expireDueHolds(stack.db.pool, new Date(Date.now() + 8 * 24 * 3600 * 1000));
    const expired = await eventually(async () => {
      const read = await api("GET", `/v1/authorizations/${authorization.id}`);
      expect([read.body.status, read.body.remaining_amount]).toEqual(["expired", 0]);
      expect(await balanceOf(cardholderId)).toEqual({ available: 10_000, pending: 0, posted: 10_000 });
      return read.body;
    });
    expect(expired.timeline.at(-1)).toMatchObject({ participant: "processing", step: "expired", amount: 3_000 });
    // The sweep lapsed every earlier test's holds too: one event for each, this one's among them.
    const events = await api("GET", "/v1/events?type=authorization.expired&limit=100");
    const expiredIds = events.body.data.map((e: { data: { object: { id: string } } }) => e.data.object.id);
    expect(expiredIds.filter((id: string) => id === authorization.id)).toHaveLength(1);
    expect(new Set(expiredIds).size).toBe(expiredIds.length);

    // processing knows it expired: a reversal the network sends now releases nothing.
    const late = await api("POST", `/v1/simulate/authorizations/${authorization.id}/reverse`, {});
    expect([late.status, late.body.code]).toEqual([409, "invalid_state_transition"]);
    const { rows } = await stack.db.pool.query(
      "SELECT expired_at IS NOT NULL AS expired, reversed_amount FROM processing.authorizations WHERE id = $1",
      [authorization.id],
    );
    expect(rows).toEqual([{ expired: true, reversed_amount: 1_000 }]);
  });
});

describe("authorization events", () => {
  it("tell the partner of each decision and reversal, by the events API and signed webhooks", async () => {
    const receiver = await startReceiver();
    try {
      const hook = await api("POST", "/v1/webhook_endpoints", {
        body: { url: receiver.url("/auth"), enabled_events: ["authorization.*"] },
      });
      const { secret } = (await api("GET", `/v1/webhook_endpoints/${hook.body.id}/secret`)).body;
      const { cardId, cardholderId } = await cardFor({ balance: 3_000 });
      const approved = await authorize(cardId, 2_000);
      const declined = await expectDeclined(cardId, cardholderId, 2_000, "insufficient_funds");
      await api("POST", `/v1/simulate/authorizations/${approved.id}/reverse`, {});

      const events = await eventually(async () => {
        const list = await api("GET", "/v1/events?type=authorization.*&limit=100");
        const ours = list.body.data.filter((e: { data: { object: { id: string } } }) =>
          [approved.id, declined.id].includes(e.data.object.id),
        );
        expect(ours).toHaveLength(3);
        return ours as Array<{ id: string; type: string; data: { object: { id: string; status: string } } }>;
      });
      expect(
        events
          .map((e) => `${e.type}:${e.data.object.id === approved.id ? "approved" : "declined"}:${e.data.object.status}`)
          .sort(),
      ).toEqual([
        "authorization.created:approved:pending",
        "authorization.created:declined:declined",
        "authorization.reversed:approved:reversed",
      ]);
      const deliveries = await eventually(() => {
        expect(receiver.at("/auth")).toHaveLength(3);
        return receiver.at("/auth");
      });
      const delivered = deliveries.map((delivery) => (verify(secret, delivery) as { id: string }).id).sort();
      expect(delivered).toEqual(events.map((e) => e.id).sort());
    } finally {
      await receiver.close();
    }
  });
});

describe("after every authorization", () => {
  it("each has one outcome, a live hold while approved and uncleared, none otherwise, and the ledger balances", async () => {
    await waitForQuiescence(stack.db.pool);
    const { rows } = await stack.db.pool.query<{ id: string; decided: string; status: string; live: number }>(
      `SELECT a.id, a.status AS decided, q.status,
         (SELECT count(*)::int FROM account.transfers t JOIN account.holds h ON h.id = t.id
            WHERE t.metadata->>'reference' = a.id AND h.status = 'pending') AS live
       FROM processing.authorizations a JOIN query.authorizations q ON q.id = a.id`,
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      // processing decided each once; the read side shows what became of it.
      expect(["approved", "declined"], row.id).toContain(row.decided);
      expect(row.live, `${row.id} ${row.status}`).toBe(row.status === "pending" ? 1 : 0);
      if (row.decided === "declined") expect(row.status).toBe("declined");
    }
    const unbalanced = await stack.db.pool.query(
      `SELECT partner_id, currency FROM account.accounts GROUP BY partner_id, livemode, currency
       HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)`,
    );
    expect(unbalanced.rows).toEqual([]);
  });

  it("are another partner's 404, read or simulated on", async () => {
    const [mine] = (await api("GET", "/v1/authorizations?limit=1")).body.data;
    const other = apiClient(
      stack.apiUrls[0] as string,
      (await createPartnerWithKey(stack.db.pool, "Saga Other")).api_key,
    );
    await eventually(async () => expect((await other("GET", "/v1/authorizations")).status).toBe(200));
    expect((await other("GET", "/v1/authorizations")).body.data).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/v1/authorizations/${mine.id}`, undefined],
      ["POST", `/v1/simulate/authorizations/${mine.id}/reverse`, {}],
      ["POST", `/v1/simulate/authorizations/${mine.id}/increment`, { amount: 1 }],
      ["POST", "/v1/simulate/authorizations", { card_id: mine.card_id, amount: 1 }],
    ] as const) {
      const response = await other(method, path, body === undefined ? {} : { body });
      expect([response.status, response.body.code], `${method} ${path}`).toEqual([404, "resource_not_found"]);
    }
  });

  it("left no card number in any log, table row, dump or Redis value", async () => {
    const places = {
      logs: [...stack.apis, stack.worker, stack.query, stack.gateway].flatMap((app) => app.output).join("\n"),
      dump: await plainDump(stack.db.url),
      redis: await everyRedisValue(stack.bus),
    };
    expect(places.logs).toContain("AuthorizationRequested");
    for (const [place, text] of Object.entries(places)) {
      expect(cardNumbersIn(text), `${place} holds something like a card number`).toEqual([]);
    }
  });
});
