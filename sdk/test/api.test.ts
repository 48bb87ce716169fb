// The SDK against the real API: worker, query, network gateway and API processes on a fresh database.
import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { assertMatchesContract, loadContract } from "@koban/testing/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cardholder,
  type FundingRequest,
  Koban,
  KobanAuthenticationError,
  KobanConflictError,
  type KobanEvent,
  KobanIdempotencyError,
  KobanInvalidRequestError,
  KobanNotFoundError,
  KobanPermissionError,
  KobanWebhookVerificationError,
  type WebhookDelivery,
} from "../src/index.ts";
import { type Handler, startReceiver } from "./receiver.ts";

const contract = loadContract();
let stack: Stack;
let koban: Koban;
/** Every request the SDK sent, so tests can count pages. */
const sent: URL[] = [];
/** Every answer: method, path and status. */
const answered: string[] = [];

/** The SDK with a fetch that checks every answer against openapi/: the SDK's types rely on it. */
function sdk(apiKey: string, options: Partial<ConstructorParameters<typeof Koban>[0]> = {}): Koban {
  const checked: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    sent.push(url);
    const response = await fetch(input, init);
    answered.push(`${init?.method ?? "GET"} ${url.pathname} ${response.status}`);
    const text = await response.clone().text();
    assertMatchesContract(contract, {
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    });
    return response;
  };
  return new Koban({ apiKey, baseUrl: stack.apiUrls[0], fetch: checked, maxRetries: 0, ...options });
}

async function partner(name: string, scopes?: NonNullable<Parameters<typeof createPartnerWithKey>[2]>["scopes"]) {
  const { api_key } = await createPartnerWithKey(stack.db.pool, name, scopes ? { scopes } : {});
  return api_key;
}

beforeAll(async () => {
  stack = await startStack();
  koban = sdk(await partner("SDK Trading KK"));
  // The partner is created through the bus: wait until the query side shows its program.
  await eventually(async () => expect((await koban.programs.list()).data).toHaveLength(1));
});

/** The partners' servers the tests start (webhook endpoints, JIT gateways), closed at the end. */
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

async function receiver(handle: Handler) {
  const started = await startReceiver(handle);
  receivers.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(receivers.map((each) => each.close()));
  await stack?.stop();
});

const aiko = { type: "individual", individual: { first_name: "Aiko", last_name: "Sato" } } as const;

async function verifiedCardholder(): Promise<Cardholder> {
  return koban.cardholders.create({ ...aiko, kyc: { method: "partner", reference: "ekyc-1" } });
}

describe("cardholders", () => {
  it("creates, reads, changes and lists cardholders, and simulates their KYC", async () => {
    const created = await koban.cardholders.create({ ...aiko, email: "aiko@example.com" }).withResponse();
    expect(created.response.status).toBe(201);
    expect(created.requestId).toMatch(/^req_/);
    expect(created.consistency).toBeTruthy();
    const cardholder = created.data;
    expect(cardholder).toMatchObject({ object: "cardholder", status: "active", kyc_status: "pending" });

    const read = await koban.cardholders.retrieve(cardholder.id, { consistency: created.consistency ?? undefined });
    expect(read).toEqual(cardholder);

    const changed = await koban.cardholders.update(cardholder.id, {
      phone_number: "+819012345678",
      metadata: { tier: "gold" },
    });
    expect(changed).toMatchObject({ phone_number: "+819012345678", metadata: { tier: "gold" } });

    const review = await koban.simulate.cardholderKyc(cardholder.id, { status: "needs_review" });
    expect(review.kyc_status).toBe("needs_review");
    const verified = await koban.simulate.cardholderKyc(cardholder.id, { status: "verified" });
    expect(verified.kyc_status).toBe("verified");

    const again = koban.simulate.cardholderKyc(cardholder.id, { status: "rejected" });
    await expect(again).rejects.toBeInstanceOf(KobanConflictError);
    await expect(again).rejects.toMatchObject({ status: 409, code: "invalid_state_transition" });

    const { data } = await koban.cardholders.list({ type: "individual", limit: 100 });
    expect(data.map((each) => each.id)).toContain(cardholder.id);
  });
});

describe("cards", () => {
  it("issues a card and runs it through activation, spend controls, freeze, details, closing and replacement", async () => {
    const holder = await verifiedCardholder();
    const [program] = (await koban.programs.list()).data;
    expect(await koban.programs.retrieve(program?.id as string)).toEqual(program);

    const card = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" });
    expect(card).toMatchObject({ status: "inactive", cardholder_id: holder.id, program_id: program?.id });
    expect((await koban.cards.activate(card.id)).status).toBe("active");

    const limited = await koban.cards.update(card.id, {
      spend_controls: { amount_limits: { per_authorization: 50_000, daily: 100_000 }, blocked_mccs: ["7995"] },
    });
    expect(limited.spend_controls).toEqual({
      amount_limits: { per_authorization: 50_000, daily: 100_000, monthly: null, lifetime: null },
      count_limits: { daily: null, monthly: null },
      allowed_mccs: [],
      blocked_mccs: ["7995"],
      allowed_countries: [],
      blocked_countries: [],
    });
    const tooMuch = koban.cards.update(card.id, {
      spend_controls: { amount_limits: { per_authorization: 200_000, daily: 100_000 } },
    });
    await expect(tooMuch).rejects.toBeInstanceOf(KobanInvalidRequestError);
    await expect(tooMuch).rejects.toMatchObject({ status: 400, param: expect.stringContaining("spend_controls") });

    expect((await koban.cards.freeze(card.id)).status).toBe("frozen");
    expect((await koban.cards.unfreeze(card.id)).status).toBe("active");
    expect(await koban.cards.retrieve(card.id)).toMatchObject({
      status: "active",
      spend_controls: limited.spend_controls,
    });

    const details = await koban.cards.retrieveDetails(card.id);
    expect(details.number.endsWith(card.last4)).toBe(true);
    expect([details.exp_month, details.exp_year]).toEqual([card.exp_month, card.exp_year]);

    const closed = await koban.cards.close(card.id, { reason: "lost" });
    expect([closed.status, closed.closed_reason]).toEqual(["closed", "lost"]);
    const reopen = koban.cards.activate(card.id);
    await expect(reopen).rejects.toBeInstanceOf(KobanConflictError);
    await expect(reopen).rejects.toMatchObject({
      code: "invalid_state_transition",
      requestId: expect.stringMatching(/^req_/),
    });

    const replacement = await koban.cards.create({ replacement_for: card.id, replacement_reason: "lost" });
    expect(replacement).toMatchObject({ cardholder_id: holder.id, replacement_for: card.id, status: "inactive" });
    expect((await koban.cards.list({ cardholder_id: holder.id })).data.map((each) => each.id)).toEqual([
      replacement.id,
      card.id,
    ]);
  });

  it("does a write once for one Idempotency-Key, and refuses the key with another body", async () => {
    const holder = await verifiedCardholder();
    const idempotencyKey = `issue-${holder.id}`;
    const first = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" }, { idempotencyKey });
    const repeat = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" }, { idempotencyKey });
    expect(repeat.id).toBe(first.id);
    const other = koban.cards.create({ cardholder_id: holder.id, type: "physical" }, { idempotencyKey });
    await expect(other).rejects.toBeInstanceOf(KobanIdempotencyError);
    await expect(other).rejects.toMatchObject({ status: 422, code: "idempotency_key_reused" });
  });
});

describe("pagination", () => {
  it("walks every page with for await, and page by page", async () => {
    const businesses: string[] = [];
    for (let i = 0; i < 7; i++) {
      businesses.push((await koban.cardholders.create({ type: "business", business: { legal_name: `Shop ${i}` } })).id);
    }
    const before = sent.length;
    const seen: string[] = [];
    for await (const business of koban.cardholders.list({ type: "business", limit: 3 })) seen.push(business.id);
    expect(seen).toEqual([...businesses].reverse());
    expect(sent.length - before).toBe(3);
    expect(sent.at(-1)?.searchParams.get("starting_after")).toBe(businesses[1]);

    const sizes: number[] = [];
    for await (const page of koban.cardholders.list({ type: "business", limit: 3 }).iterPages()) {
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([3, 3, 1]);
  });
});

describe("events", () => {
  it("lists events by type with their typed objects, and reads one", async () => {
    const holder = await verifiedCardholder();
    const card = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" });
    await koban.cards.activate(card.id);
    const activated = await eventually(async () => {
      const { data } = await koban.events.list({ type: "card.activated" });
      const event = data.find((each) => each.data.object.id === card.id);
      expect(event).toBeDefined();
      return event;
    });
    expect(activated).toMatchObject({
      object: "event",
      type: "card.activated",
      data: { object: { status: "active" } },
    });
    expect(await koban.events.retrieve(activated?.id as string)).toEqual(activated);
  });
});

describe("errors", () => {
  it("maps the API's problems to their classes, with status, code, param and request id", async () => {
    const missing = koban.cards.retrieve("card_01m8ayvv4mez1rqnr8s0c4rd01");
    await expect(missing).rejects.toBeInstanceOf(KobanNotFoundError);
    await expect(missing).rejects.toMatchObject({ status: 404, code: "resource_not_found" });

    const invalid = koban.cardholders.create({ ...aiko, phone_number: "090-1234-5678" });
    await expect(invalid).rejects.toBeInstanceOf(KobanInvalidRequestError);
    await expect(invalid).rejects.toMatchObject({
      status: 400,
      code: "parameter_invalid",
      param: "phone_number",
      requestId: expect.stringMatching(/^req_/),
    });

    const stranger = sdk("kb_test_not_a_key_of_anyone");
    await expect(stranger.cards.list()).rejects.toBeInstanceOf(KobanAuthenticationError);
    await expect(stranger.cards.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });

    const readOnly = sdk(await partner("Read Only KK", ["cards:read"]));
    await eventually(() => readOnly.cards.list());
    const forbidden = readOnly.cardholders.create(aiko);
    await expect(forbidden).rejects.toBeInstanceOf(KobanPermissionError);
    await expect(forbidden).rejects.toMatchObject({ status: 403, code: "permission_denied" });
  });
});

describe("the API's own pace", () => {
  it("follows a write the API answered 202 Accepted to the object it produced", async () => {
    // A facade that waits 1 ms for a command's result answers nearly every write with an operation.
    const { url } = await stack.startApi({ COMMAND_WAIT_MS: "1" });
    const slow = sdk(await partner("Slow KK"), { baseUrl: url });
    await eventually(() => slow.programs.list());
    const since = answered.length;
    const cardholder = await slow.cardholders.create({ ...aiko, kyc: { method: "partner" } });
    expect(cardholder).toMatchObject({ object: "cardholder", kyc_status: "verified" });
    const exchanges = answered.slice(since);
    expect(exchanges[0]).toBe("POST /v1/cardholders 202");
    expect(exchanges).toContain(`GET /v1/cardholders/${cardholder.id} 200`);
    expect(exchanges.some((line) => line.startsWith("GET /v1/operations/op_"))).toBe(true);
  });

  it("waits out 429s with Retry-After and gets every answer", async () => {
    const { url } = await stack.startApi({ RATE_LIMIT_PER_SECOND: "3" });
    const limited = sdk(await partner("Busy KK"), { baseUrl: url, maxRetries: 3 });
    await eventually(() => limited.programs.list());
    const since = answered.length;
    const pages = await Promise.all(Array.from({ length: 8 }, () => limited.programs.list()));
    expect(pages.map((page) => page.data.length)).toEqual(Array(8).fill(1));
    expect(answered.slice(since).filter((line) => line.endsWith(" 429")).length).toBeGreaterThan(0);
  });
});

describe("webhook endpoints", () => {
  it("delivers events to a local endpoint that verifies them with the SDK; lists, redelivers, rotates, deletes", async () => {
    let secrets: string[] = [];
    const verified: KobanEvent[] = [];
    // The partner's handler, as the README shows it.
    const hook = await receiver(async (request) => {
      try {
        verified.push(await koban.webhooks.verify(await request.text(), request.headers, secrets));
        return new Response(null, { status: 204 });
      } catch (error) {
        if (error instanceof KobanWebhookVerificationError) return new Response(null, { status: 400 });
        throw error;
      }
    });
    const endpoint = await koban.webhookEndpoints.create({
      url: `${hook.url}/koban/webhooks`,
      enabled_events: ["card.*"],
      description: "SDK tests",
    });
    expect(endpoint).toMatchObject({ object: "webhook_endpoint", status: "enabled", enabled_events: ["card.*"] });
    expect(await koban.webhookEndpoints.retrieve(endpoint.id)).toEqual(endpoint);
    expect((await koban.webhookEndpoints.list({ limit: 100 })).data.map((each) => each.id)).toContain(endpoint.id);
    const { secret } = await koban.webhookEndpoints.retrieveSecret(endpoint.id);
    expect(secret).toMatch(/^whsec_/);
    secrets = [secret];

    const card = await koban.cards.create({ cardholder_id: (await verifiedCardholder()).id, type: "virtual" });
    const received = (type: KobanEvent["type"]) =>
      eventually(() => {
        const event = verified.find((each) => each.type === type && each.data.object.id === card.id);
        expect(event).toBeDefined();
        return event as KobanEvent;
      });
    const created = await received("card.created");
    expect(created.data.object).toMatchObject({ object: "card", last4: card.last4 });

    const delivery = await eventually(async () => {
      const [found] = (await koban.webhookEndpoints.deliveries.list(endpoint.id, { event_id: created.id })).data;
      expect(found?.status).toBe("succeeded");
      return found as WebhookDelivery;
    });
    expect(delivery).toMatchObject({
      event_type: "card.created",
      attempts: [{ succeeded: true, response_status: 204 }],
    });
    expect(await koban.webhookEndpoints.deliveries.retrieve(endpoint.id, delivery.id)).toEqual(delivery);

    // Sent again with the same webhook-id, which is how a handler tells a repeat.
    await koban.webhookEndpoints.deliveries.retry(endpoint.id, delivery.id);
    const sameId = () => hook.received.filter((each) => each.headers.get("webhook-id") === created.id);
    await eventually(() => expect(sameId()).toHaveLength(2));

    // After a rotation each delivery carries a signature by each secret: either one verifies it.
    expect((await koban.webhookEndpoints.rotateSecret(endpoint.id)).secret_rotated_at).not.toBeNull();
    const rotated = await koban.webhookEndpoints.retrieveSecret(endpoint.id);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.previous_secret_expires_at).not.toBeNull();
    secrets = [rotated.secret];
    await koban.cards.activate(card.id);
    const activated = await received("card.activated");
    const raw = hook.received.find((each) => each.headers.get("webhook-id") === activated.id);
    expect(raw?.headers.get("webhook-signature")?.split(" ")).toHaveLength(2);
    expect(await koban.webhooks.verify(raw?.body ?? "", raw?.headers ?? {}, secret)).toEqual(activated);

    expect((await koban.webhookEndpoints.update(endpoint.id, { status: "disabled" })).status).toBe("disabled");
    const deleted = await koban.webhookEndpoints.delete(endpoint.id).withResponse();
    expect(deleted.data).toEqual({ id: endpoint.id, object: "webhook_endpoint", deleted: true });
    const gone = koban.webhookEndpoints.retrieve(endpoint.id, { consistency: deleted.consistency ?? undefined });
    await expect(gone).rejects.toBeInstanceOf(KobanNotFoundError);
  });
});

describe("money", () => {
  it("deposits to a program, loads and unloads a cardholder, reads balances, and refuses an unload beyond them", async () => {
    // A partner of its own, so that its program's balance is this test's alone.
    const money = sdk(await partner("Money KK"));
    const program = await eventually(async () => {
      const { data } = await money.programs.list();
      expect(data).toHaveLength(1);
      return data[0] as NonNullable<(typeof data)[0]>;
    });
    const deposit = await money.simulate.deposit({ amount: 100_000, description: "Opening float" });
    expect(deposit).toMatchObject({
      object: "deposit",
      program_id: program.id,
      amount: 100_000,
      currency: "JPY",
      description: "Opening float",
    });

    const holder = await money.cardholders.create({ ...aiko, kyc: { method: "partner" } });
    const load = await money.transfers.create({ type: "load", cardholder_id: holder.id, amount: 30_000 });
    expect(load).toMatchObject({ object: "transfer", type: "load", program_id: program.id, amount: 30_000 });
    const available = async () => {
      const [funding] = (await money.accounts.list({ program_id: program.id })).data;
      const [prepaid] = (await money.accounts.list({ cardholder_id: holder.id })).data;
      return { funding: funding?.balances.available, prepaid: prepaid?.balances.available };
    };
    await eventually(async () => expect(await available()).toEqual({ funding: 70_000, prepaid: 30_000 }));

    const tooMuch = money.transfers.create({ type: "unload", cardholder_id: holder.id, amount: 30_001 });
    await expect(tooMuch).rejects.toBeInstanceOf(KobanInvalidRequestError);
    await expect(tooMuch).rejects.toMatchObject({ status: 422, code: "insufficient_funds", param: "amount" });

    const unload = await money.transfers.create({ type: "unload", cardholder_id: holder.id, amount: 10_000 });
    await eventually(async () => expect(await available()).toEqual({ funding: 80_000, prepaid: 20_000 }));
    const transfers = await money.transfers.list({ cardholder_id: holder.id });
    expect(transfers.data.map((each) => each.id)).toEqual([unload.id, load.id]);
    expect(await money.transfers.retrieve(load.id)).toEqual(load);

    const [prepaid] = (await money.accounts.list({ cardholder_id: holder.id })).data;
    expect(await money.accounts.retrieve(prepaid?.id as string)).toMatchObject({
      object: "account",
      type: "cardholder_prepaid",
      cardholder_id: holder.id,
      program_id: null,
      currency: "JPY",
      balances: { available: 20_000, pending: 0, posted: 20_000 },
    });
  });
});

describe("funding sources", () => {
  it("creates, lists, reads and changes funding sources, and reads a gateway's secret", async () => {
    const url = "http://127.0.0.1:9/koban/funding";
    const gateway = await koban.fundingSources.create({
      type: "jit_gateway",
      description: "Wallet",
      jit_gateway: { url },
    });
    expect(gateway).toMatchObject({
      object: "funding_source",
      type: "jit_gateway",
      description: "Wallet",
      jit_gateway: { url, deadline_ms: 1500, stand_in: "decline" },
    });
    const prefunded = await koban.fundingSources.create({ type: "prefunded" });
    expect(prefunded).toMatchObject({ type: "prefunded", description: null, jit_gateway: null });
    expect(await koban.fundingSources.retrieve(gateway.id)).toEqual(gateway);
    const gateways: string[] = [];
    for await (const source of koban.fundingSources.list({ type: "jit_gateway" })) gateways.push(source.id);
    expect(gateways).toContain(gateway.id);
    expect(gateways).not.toContain(prefunded.id);

    const changed = await koban.fundingSources.update(gateway.id, {
      description: null,
      jit_gateway: { deadline_ms: 800, stand_in: "approve" },
    });
    expect(changed).toMatchObject({ description: null, jit_gateway: { url, deadline_ms: 800, stand_in: "approve" } });
    expect((await koban.fundingSources.retrieveSecret(gateway.id)).secret).toMatch(/^whsec_/);
    await expect(koban.fundingSources.retrieveSecret(prefunded.id)).rejects.toBeInstanceOf(KobanNotFoundError);
    const noGateway = koban.fundingSources.update(prefunded.id, { jit_gateway: { deadline_ms: 900 } });
    await expect(noGateway).rejects.toBeInstanceOf(KobanInvalidRequestError);
    await expect(noGateway).rejects.toMatchObject({ status: 400, code: "parameter_invalid", param: "jit_gateway" });

    const holder = await verifiedCardholder();
    const card = await koban.cards.create({
      cardholder_id: holder.id,
      type: "virtual",
      funding_source_id: prefunded.id,
    });
    expect(card.funding_source_id).toBe(prefunded.id);
    const unknown = koban.cards.create({
      cardholder_id: holder.id,
      type: "virtual",
      funding_source_id: "fs_01m8ayvv4mez1rqnr8s0p0g7am",
    });
    await expect(unknown).rejects.toMatchObject({ status: 422, code: "funding_source_not_found" });
  });
});

describe("simulated authorizations", () => {
  it("approves a payment from a loaded balance and holds it, and declines one beyond it", async () => {
    const holder = await verifiedCardholder();
    await koban.simulate.deposit({ amount: 50_000 });
    await koban.transfers.create({ type: "load", cardholder_id: holder.id, amount: 10_000 });
    const card = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" });
    await koban.cards.activate(card.id);

    const merchant = { name: "Blue Bottle Kiyosumi", mcc: "5814", country: "JP" };
    const coffee = await koban.simulate.authorization({ card_id: card.id, amount: 480, merchant });
    expect(coffee).toMatchObject({
      object: "authorization",
      status: "pending",
      card_id: card.id,
      cardholder_id: holder.id,
      amount: 480,
      currency: "JPY",
      merchant,
      approval_code: expect.any(String),
      decline_reason: null,
    });
    expect(coffee.timeline.map((entry) => `${entry.participant} ${entry.step}`)).toContain("processing approved");
    await eventually(async () =>
      expect((await koban.accounts.list({ cardholder_id: holder.id })).data[0]?.balances).toEqual({
        available: 9_520,
        pending: 480,
        posted: 10_000,
      }),
    );

    const tooMuch = await koban.simulate.authorization({ card_id: card.id, amount: 20_000 });
    expect([tooMuch.status, tooMuch.decline_reason]).toEqual(["declined", "insufficient_funds"]);
    expect((await koban.authorizations.list({ card_id: card.id })).data.map((each) => each.id)).toEqual([
      tooMuch.id,
      coffee.id,
    ]);
    const pending = await koban.authorizations.list({ cardholder_id: holder.id, status: "pending" });
    expect(pending.data.map((each) => each.id)).toEqual([coffee.id]);
    expect(await koban.authorizations.retrieve(coffee.id)).toMatchObject({ id: coffee.id, status: "pending" });
  });

  it("releases part of an authorization then the rest, and adds an increment to another, each on the balance", async () => {
    const holder = await verifiedCardholder();
    await koban.simulate.deposit({ amount: 20_000 });
    await koban.transfers.create({ type: "load", cardholder_id: holder.id, amount: 10_000 });
    const card = await koban.cards.create({ cardholder_id: holder.id, type: "virtual" });
    await koban.cards.activate(card.id);
    const balances = async () => (await koban.accounts.list({ cardholder_id: holder.id })).data[0]?.balances;

    const fuel = await koban.simulate.authorization({ card_id: card.id, amount: 6_000 });
    expect(fuel.status).toBe("pending");
    const partly = await koban.simulate.authorizationReversal(fuel.id, { amount: 1_000 });
    expect(partly.status).toBe("pending");
    expect(partly.timeline.find((entry) => entry.step === "reversed")).toMatchObject({
      amount: 1_000,
      remaining_amount: 5_000,
    });
    await eventually(async () =>
      expect(await balances()).toEqual({ available: 5_000, pending: 5_000, posted: 10_000 }),
    );
    expect((await koban.simulate.authorizationReversal(fuel.id)).status).toBe("reversed");
    await eventually(async () => expect(await balances()).toEqual({ available: 10_000, pending: 0, posted: 10_000 }));
    const again = koban.simulate.authorizationReversal(fuel.id);
    await expect(again).rejects.toBeInstanceOf(KobanConflictError);
    await expect(again).rejects.toMatchObject({ status: 409, code: "invalid_state_transition" });

    const hotel = await koban.simulate.authorization({ card_id: card.id, amount: 6_000 });
    const extraNight = await koban.simulate.authorizationIncrement(hotel.id, { amount: 3_000 });
    expect(extraNight).toMatchObject({ status: "pending", card_id: card.id, amount: 3_000 });
    expect(extraNight.id).not.toBe(hotel.id);
    const tooMuch = await koban.simulate.authorizationIncrement(hotel.id, { amount: 3_000 });
    expect([tooMuch.status, tooMuch.decline_reason]).toEqual(["declined", "insufficient_funds"]);
    await eventually(async () =>
      expect(await balances()).toEqual({ available: 1_000, pending: 9_000, posted: 10_000 }),
    );
  });

  it("asks a JIT gateway that verifies the request with the SDK, and its answer decides", async () => {
    let secret = "";
    const asked: FundingRequest[] = [];
    // The partner's gateway, as the README shows it: approves up to ¥5,000.
    const gateway = await receiver(async (request) => {
      const funding = await koban.webhooks.verifyFundingRequest(await request.text(), request.headers, secret);
      asked.push(funding);
      return koban.webhooks.fundingResponse(funding.amount <= 5_000);
    });
    const source = await koban.fundingSources.create({
      type: "jit_gateway",
      jit_gateway: { url: `${gateway.url}/koban/funding` },
    });
    ({ secret } = await koban.fundingSources.retrieveSecret(source.id));
    // An approval holds the program's funding account.
    await koban.simulate.deposit({ amount: 50_000 });
    const holder = await verifiedCardholder();
    const card = await koban.cards.create({ cardholder_id: holder.id, type: "virtual", funding_source_id: source.id });
    await koban.cards.activate(card.id);

    const approved = await koban.simulate.authorization({ card_id: card.id, amount: 1_200 });
    expect(approved.status).toBe("pending");
    expect(asked).toEqual([
      expect.objectContaining({
        type: "funding.authorization_request",
        authorization_id: approved.id,
        funding_source_id: source.id,
        card_id: card.id,
        card_last4: card.last4,
        cardholder_id: holder.id,
        amount: 1_200,
        currency: "JPY",
      }),
    ]);
    expect(gateway.received[0]?.headers.get("webhook-id")).toBe(approved.id);

    const declined = await koban.simulate.authorization({ card_id: card.id, amount: 9_000 });
    expect([declined.status, declined.decline_reason]).toEqual(["declined", "partner_declined"]);
    expect(asked).toHaveLength(2);
  });
});
