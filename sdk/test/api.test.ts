// The SDK against the real API: worker, query and API processes on a fresh database.
import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { assertMatchesContract, loadContract } from "@koban/testing/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cardholder,
  Koban,
  KobanAuthenticationError,
  KobanConflictError,
  KobanIdempotencyError,
  KobanInvalidRequestError,
  KobanNotFoundError,
  KobanPermissionError,
} from "../src/index.ts";

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

afterAll(async () => {
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
