import { describe, expect, it } from "vitest";
import {
  Koban,
  type KobanApiError,
  KobanAuthenticationError,
  KobanConflictError,
  KobanConnectionError,
  KobanIdempotencyError,
  KobanInvalidRequestError,
  KobanNotFoundError,
  KobanPermissionError,
  KobanRateLimitError,
  KobanServerError,
  KobanTimeoutError,
} from "../src/index.ts";
import { card, fakeFetch, hang, json, problem } from "./fake-fetch.ts";

const baseUrl = "https://koban.test";
const client = (fetch: typeof globalThis.fetch, options: Partial<ConstructorParameters<typeof Koban>[0]> = {}) =>
  new Koban({ apiKey: "kb_test_secret", baseUrl, fetch, ...options });
/** The error a call rejects with; fails the test if it resolves. */
async function rejection<E = KobanApiError>(call: PromiseLike<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to reject");
}
const newCard = { cardholder_id: card.cardholder_id, type: "virtual" } as const;

describe("requests", () => {
  it("sends the key, JSON body and query, and answers with the parsed object and its request id", async () => {
    const { fetch, seen } = fakeFetch(json(201, card, { "koban-consistency": "tok_1" }), json(200, card));
    const koban = client(fetch);
    const created = await koban.cards.create(newCard).withResponse();
    expect(created.data).toEqual(card);
    expect([created.requestId, created.consistency, created.response.status]).toEqual([
      "req_01m8ayvv4mez1rqnr8sc1q94nd",
      "tok_1",
      201,
    ]);
    await koban.cards.retrieve("card_1/../x", { consistency: "tok_1" });
    const [post, get] = seen;
    expect(post?.headers.get("authorization")).toBe("Bearer kb_test_secret");
    expect(post?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(post?.body ?? "")).toEqual(newCard);
    expect(get?.url.pathname).toBe("/v1/cards/card_1%2F..%2Fx");
    expect(get?.headers.get("koban-consistency")).toBe("tok_1");
    expect(get?.headers.has("idempotency-key")).toBe(false);
  });

  it("leaves unset filters out of the query string", async () => {
    const { fetch, seen } = fakeFetch(json(200, { object: "list", data: [], has_more: false, next_cursor: null }));
    await client(fetch).cards.list({ status: "active", limit: 5, cardholder_id: undefined });
    expect(seen[0]?.url.search).toBe("?status=active&limit=5");
  });
});

describe("retries", () => {
  it("retries connection errors and 5xx, reusing the one Idempotency-Key of the call", async () => {
    const { fetch, seen } = fakeFetch(
      new TypeError("fetch failed"),
      problem(503, "service_unavailable", {}, { "retry-after": "0" }),
      json(201, card),
    );
    expect(await client(fetch, { maxRetries: 3 }).cards.create(newCard)).toEqual(card);
    const keys = seen.map((request) => request.headers.get("idempotency-key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("uses the caller's Idempotency-Key, and a new key for each call of its own", async () => {
    const { fetch, seen } = fakeFetch(
      problem(500, "internal_error", {}, { "retry-after": "0" }),
      json(201, card),
      json(201, card),
      json(201, card),
    );
    const koban = client(fetch);
    await koban.cards.create(newCard, { idempotencyKey: "order-4471" });
    await koban.cards.freeze(card.id);
    await koban.cards.freeze(card.id);
    const keys = seen.map((request) => request.headers.get("idempotency-key"));
    expect(keys.slice(0, 2)).toEqual(["order-4471", "order-4471"]);
    expect(keys[2]).not.toBe(keys[3]);
  });

  it("honours Retry-After on 429", async () => {
    const { fetch, seen } = fakeFetch(problem(429, "rate_limited", {}, { "retry-after": "1" }), json(200, card));
    await client(fetch).cards.retrieve(card.id);
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(3_000);
  });

  it("backs off exponentially with jitter when Koban gives no Retry-After", async () => {
    const { fetch, seen } = fakeFetch(new TypeError("reset"), new TypeError("reset"), json(200, card));
    await client(fetch).cards.retrieve(card.id);
    const [a, b, c] = seen.map((request) => request.at) as [number, number, number];
    // 0.5 s then 1 s, each less up to a quarter; the upper bounds leave room for a busy machine.
    expect(b - a).toBeGreaterThanOrEqual(370);
    expect(b - a).toBeLessThan(900);
    expect(c - b).toBeGreaterThanOrEqual(740);
    expect(c - b).toBeLessThan(1_400);
  });

  it("retries 408 and 409 idempotency_in_progress, but not 409 invalid_state_transition nor 400", async () => {
    const retried = fakeFetch(
      json(408, {}, { "retry-after": "0" }),
      problem(409, "idempotency_in_progress", {}, { "retry-after": "0" }),
      json(200, card),
    );
    expect(await client(retried.fetch).cards.activate(card.id)).toEqual(card);
    expect(retried.seen).toHaveLength(3);

    const conflict = fakeFetch(problem(409, "invalid_state_transition"), json(200, card));
    await expect(client(conflict.fetch).cards.activate(card.id)).rejects.toBeInstanceOf(KobanConflictError);
    expect(conflict.seen).toHaveLength(1);

    const invalid = fakeFetch(problem(400, "parameter_invalid", { param: "type" }), json(200, card));
    await expect(client(invalid.fetch).cards.create(newCard)).rejects.toBeInstanceOf(KobanInvalidRequestError);
    expect(invalid.seen).toHaveLength(1);
  });

  it("stops after maxRetries, per client and per request, and throws the last error", async () => {
    const failing = () => problem(500, "internal_error", {}, { "retry-after": "0" });
    const perClient = fakeFetch(failing(), failing(), failing());
    const error = await rejection(client(perClient.fetch, { maxRetries: 1 }).cards.retrieve(card.id));
    expect(error).toBeInstanceOf(KobanServerError);
    expect([error.status, error.code, error.requestId]).toEqual([
      500,
      "internal_error",
      "req_01m8ayvv4mez1rqnr8sc1q94nd",
    ]);
    expect(perClient.seen).toHaveLength(2);

    const perRequest = fakeFetch(failing(), failing());
    await expect(client(perRequest.fetch).cards.retrieve(card.id, { maxRetries: 0 })).rejects.toBeInstanceOf(
      KobanServerError,
    );
    expect(perRequest.seen).toHaveLength(1);
  });

  it("does not sit through a Retry-After of minutes: the caller gets the 429 at once", async () => {
    const { fetch, seen } = fakeFetch(problem(429, "rate_limited", {}, { "retry-after": "120" }), json(200, card));
    const error = await rejection<KobanRateLimitError>(client(fetch).cards.retrieve(card.id));
    expect(error).toBeInstanceOf(KobanRateLimitError);
    expect(error.retryAfter).toBe(120);
    expect(seen).toHaveLength(1);
  });
});

describe("timeouts and abort", () => {
  it("gives up an attempt after the client's timeout, retries it, and throws KobanTimeoutError at the end", async () => {
    const { fetch, seen } = fakeFetch(hang, hang);
    const started = Date.now();
    const error = await rejection(client(fetch, { timeout: 50, maxRetries: 1 }).cards.retrieve(card.id));
    expect(error).toBeInstanceOf(KobanTimeoutError);
    expect(error).toBeInstanceOf(KobanConnectionError);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("lets one request set its own timeout, and succeeds when a retry answers in time", async () => {
    const { fetch, seen } = fakeFetch(hang, json(200, card));
    const koban = client(fetch, { timeout: 60_000 });
    expect(await koban.cards.retrieve(card.id, { timeout: 30 })).toEqual(card);
    expect(seen).toHaveLength(2);
  });

  it("aborts a request in flight with the signal's reason, and does not retry it", async () => {
    const { fetch, seen } = fakeFetch(hang, json(200, card));
    const controller = new AbortController();
    const pending = client(fetch).cards.retrieve(card.id, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 20);
    await expect(pending).rejects.toThrow("user left");
    expect(seen).toHaveLength(1);
  });

  it("aborts while waiting to retry, and sends nothing when already aborted", async () => {
    const { fetch, seen } = fakeFetch(problem(503, "service_unavailable", {}, { "retry-after": "5" }));
    const controller = new AbortController();
    const started = Date.now();
    const pending = client(fetch).cards.retrieve(card.id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(seen).toHaveLength(1);

    await expect(client(fetch).cards.retrieve(card.id, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(seen).toHaveLength(1);
  });
});

describe("errors", () => {
  it.each([
    [400, "parameter_invalid", KobanInvalidRequestError],
    [401, "invalid_api_key", KobanAuthenticationError],
    [403, "permission_denied", KobanPermissionError],
    [404, "resource_not_found", KobanNotFoundError],
    [409, "invalid_state_transition", KobanConflictError],
    [422, "idempotency_key_reused", KobanIdempotencyError],
    [422, "cardholder_not_found", KobanInvalidRequestError],
    [429, "rate_limited", KobanRateLimitError],
    [500, "internal_error", KobanServerError],
  ])("maps %i %s to its class, with code, param and request id", async (status, code, kind) => {
    const { fetch } = fakeFetch(problem(status, code, { param: "cardholder_id" }));
    const error = await rejection(client(fetch, { maxRetries: 0 }).cards.create(newCard));
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ status, code, param: "cardholder_id", requestId: "req_01m8ayvv4mez1rqnr8sc1q94nd" });
    expect(error.message).toContain(code);
  });

  it("still classifies an answer whose body is not a problem, with the Request-Id header", async () => {
    const { fetch } = fakeFetch(
      new Response("<html>bad gateway</html>", { status: 502, headers: { "request-id": "req_x" } }),
    );
    const error = await rejection(client(fetch, { maxRetries: 0 }).cards.retrieve(card.id));
    expect(error).toBeInstanceOf(KobanServerError);
    expect([error.status, error.code, error.requestId]).toEqual([502, undefined, "req_x"]);
  });
});

describe("pagination", () => {
  const page = (ids: string[], next: string | null) =>
    json(200, { object: "list", data: ids.map((id) => ({ ...card, id })), has_more: next !== null, next_cursor: next });

  it("iterates every object of every page with for await, keeping the filters", async () => {
    const { fetch, seen } = fakeFetch(page(["c1", "c2"], "c2"), page(["c3", "c4"], "c4"), page(["c5"], null));
    const ids: string[] = [];
    for await (const each of client(fetch).cards.list({ status: "active", limit: 2 })) ids.push(each.id);
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(seen.map((request) => request.url.search)).toEqual([
      "?status=active&limit=2",
      "?status=active&limit=2&starting_after=c2",
      "?status=active&limit=2&starting_after=c4",
    ]);
  });

  it("gives pages one at a time, and fetches no further than asked", async () => {
    const { fetch, seen } = fakeFetch(page(["c1"], "c1"), page(["c2"], "c2"), page(["c3"], null));
    const first = await client(fetch).cards.list({ limit: 1 });
    expect([first.data.map((c) => c.id), first.has_more, first.hasNextPage()]).toEqual([["c1"], true, true]);
    const second = await first.getNextPage();
    expect(second.data.map((c) => c.id)).toEqual(["c2"]);
    expect(seen).toHaveLength(2);

    const pages = [];
    for await (const each of second.iterPages()) pages.push(each);
    expect(pages.map((each) => each.data.map((c) => c.id))).toEqual([["c2"], ["c3"]]);
    expect(seen).toHaveLength(3);
    const last = pages[1];
    expect(last?.hasNextPage()).toBe(false);
    expect(() => last?.getNextPage()).toThrow("last page");
  });

  it("stops fetching when the loop breaks", async () => {
    const { fetch, seen } = fakeFetch(page(["c1", "c2"], "c2"), page(["c3"], null));
    for await (const each of client(fetch).cards.list()) if (each.id === "c1") break;
    expect(seen).toHaveLength(1);
  });
});

describe("writes answered 202 Accepted", () => {
  const operation = (status: string, extra: object = {}) => ({
    id: "op_01m8ayvv4mez1rqnr8sb2ys784",
    object: "operation",
    status,
    created_at: "2025-11-26T03:36:00.000Z",
    completed_at: null,
    resource: null,
    error: null,
    ...extra,
  });

  it("follows the operation, then reads the object it produced with its consistency token", async () => {
    const { fetch, seen } = fakeFetch(
      json(202, operation("pending"), { location: "/v1/operations/op_01m8ayvv4mez1rqnr8sb2ys784" }),
      json(200, operation("pending")),
      json(200, operation("succeeded", { resource: { type: "card", id: card.id } }), { "koban-consistency": "tok_9" }),
      json(200, card),
    );
    expect(await client(fetch).cards.create(newCard)).toEqual(card);
    expect(seen.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      "POST /v1/cards",
      "GET /v1/operations/op_01m8ayvv4mez1rqnr8sb2ys784",
      "GET /v1/operations/op_01m8ayvv4mez1rqnr8sb2ys784",
      `GET /v1/cards/${card.id}`,
    ]);
    expect(seen[3]?.headers.get("koban-consistency")).toBe("tok_9");
  });

  it("throws the operation's problem when it failed", async () => {
    const failed = operation("failed", {
      error: { type: "x", title: "x", status: 422, detail: "no", code: "cardholder_not_found", request_id: "req_1" },
    });
    const { fetch } = fakeFetch(json(202, operation("pending")), json(200, failed));
    const error = await rejection(client(fetch).cards.create(newCard));
    expect(error).toBeInstanceOf(KobanInvalidRequestError);
    expect([error.status, error.code, error.requestId]).toEqual([422, "cardholder_not_found", "req_1"]);
  });
});

describe("webhook endpoints", () => {
  const endpoint = {
    id: "we_01m8ayvv4mez1rqnr8s0p0g7am",
    object: "webhook_endpoint",
    url: "https://example.com/koban",
    enabled_events: ["card.*"],
    description: null,
    status: "enabled",
    livemode: false,
    created_at: "2025-11-26T03:36:00.000Z",
    secret_rotated_at: null,
  };
  const delivery = { id: "whd_01m8ayvv4mez1rqnr8s0p0g7am", object: "webhook_delivery", status: "pending" };

  it("calls each endpoint of the contract, with an Idempotency-Key on POST and PATCH only", async () => {
    const { fetch, seen } = fakeFetch(
      json(201, endpoint),
      json(200, endpoint),
      json(200, { object: "list", data: [endpoint], has_more: false, next_cursor: null }),
      json(200, { object: "webhook_endpoint_secret", secret: "whsec_abc=", previous_secret_expires_at: null }),
      json(200, endpoint),
      json(200, { object: "list", data: [delivery], has_more: false, next_cursor: null }),
      json(200, delivery),
      json(200, { id: endpoint.id, object: "webhook_endpoint", deleted: true }),
    );
    const koban = client(fetch);
    await koban.webhookEndpoints.create({ url: endpoint.url, enabled_events: ["card.*"] });
    await koban.webhookEndpoints.update(endpoint.id, { status: "disabled" });
    await koban.webhookEndpoints.list({ limit: 1 });
    expect((await koban.webhookEndpoints.retrieveSecret(endpoint.id)).secret).toBe("whsec_abc=");
    await koban.webhookEndpoints.rotateSecret(endpoint.id, { expires_in_seconds: 0 });
    const deliveries = [];
    for await (const each of koban.webhookEndpoints.deliveries.list(endpoint.id, { status: "pending" })) {
      deliveries.push(each);
    }
    expect(deliveries).toEqual([delivery]);
    await koban.webhookEndpoints.deliveries.retry(endpoint.id, delivery.id);
    expect(await koban.webhookEndpoints.delete(endpoint.id)).toMatchObject({ deleted: true });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search} ${r.headers.has("idempotency-key")}`)).toEqual(
      [
        "POST /v1/webhook_endpoints true",
        `PATCH /v1/webhook_endpoints/${endpoint.id} true`,
        "GET /v1/webhook_endpoints?limit=1 false",
        `GET /v1/webhook_endpoints/${endpoint.id}/secret false`,
        `POST /v1/webhook_endpoints/${endpoint.id}/rotate_secret true`,
        `GET /v1/webhook_endpoints/${endpoint.id}/deliveries?status=pending false`,
        `POST /v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery.id}/retry true`,
        `DELETE /v1/webhook_endpoints/${endpoint.id} false`,
      ],
    );
  });

  it("reads a retried delivery back at its own path when the retry was answered 202", async () => {
    const op = { id: "op_1", object: "operation", created_at: "", completed_at: null, error: null };
    const { fetch, seen } = fakeFetch(
      json(202, { ...op, status: "pending", resource: null }),
      json(200, { ...op, status: "succeeded", resource: { type: "webhook_delivery", id: delivery.id } }),
      json(200, delivery),
    );
    expect(await client(fetch).webhookEndpoints.deliveries.retry(endpoint.id, delivery.id)).toEqual(delivery);
    expect(seen[2]?.url.pathname).toBe(`/v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery.id}`);
  });
});

describe("funding sources, money and authorizations", () => {
  const list = (data: unknown[] = []) => json(200, { object: "list", data, has_more: false, next_cursor: null });
  const fs = "fs_01m8ayvv4mez1rqnr8s0p0g7am";

  it("calls each endpoint of the contract, with an Idempotency-Key on POST and PATCH only", async () => {
    const { fetch, seen } = fakeFetch(
      json(201, { id: fs }),
      json(200, { id: fs }),
      list(),
      json(200, { id: fs }),
      json(200, { object: "funding_source_secret", secret: "whsec_abc=" }),
      list(),
      json(200, { id: "acct_1" }),
      json(201, { id: "tr_1" }),
      list(),
      json(200, { id: "tr_1" }),
      list(),
      json(200, { id: "auth_1" }),
      json(201, { id: "dep_1" }),
      json(201, { id: "auth_1", status: "pending" }),
    );
    const koban = client(fetch);
    const gateway = { url: "https://example.com/koban/funding", deadline_ms: 1500, stand_in: "decline" } as const;
    await koban.fundingSources.create({ type: "jit_gateway", jit_gateway: gateway });
    await koban.fundingSources.retrieve(fs);
    await koban.fundingSources.list({ type: "jit_gateway" });
    await koban.fundingSources.update(fs, { jit_gateway: { deadline_ms: 800 } });
    expect((await koban.fundingSources.retrieveSecret(fs)).secret).toBe("whsec_abc=");
    await koban.accounts.list({ cardholder_id: card.cardholder_id, program_id: card.program_id });
    await koban.accounts.retrieve("acct_1");
    await koban.transfers.create({ type: "load", cardholder_id: card.cardholder_id, amount: 5_000 });
    await koban.transfers.list({ cardholder_id: card.cardholder_id, limit: 2 });
    await koban.transfers.retrieve("tr_1");
    await koban.authorizations.list({ card_id: card.id, status: "pending" });
    await koban.authorizations.retrieve("auth_1");
    await koban.simulate.deposit({ amount: 100_000 });
    const authorization = await koban.simulate.authorization({ card_id: card.id, amount: 480, cvv2: "mismatch" });
    expect(authorization).toEqual({ id: "auth_1", status: "pending" });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search} ${r.headers.has("idempotency-key")}`)).toEqual(
      [
        "POST /v1/funding_sources true",
        `GET /v1/funding_sources/${fs} false`,
        "GET /v1/funding_sources?type=jit_gateway false",
        `PATCH /v1/funding_sources/${fs} true`,
        `GET /v1/funding_sources/${fs}/secret false`,
        `GET /v1/accounts?cardholder_id=${card.cardholder_id}&program_id=${card.program_id} false`,
        "GET /v1/accounts/acct_1 false",
        "POST /v1/transfers true",
        `GET /v1/transfers?cardholder_id=${card.cardholder_id}&limit=2 false`,
        "GET /v1/transfers/tr_1 false",
        `GET /v1/authorizations?card_id=${card.id}&status=pending false`,
        "GET /v1/authorizations/auth_1 false",
        "POST /v1/simulate/deposits true",
        "POST /v1/simulate/authorizations true",
      ],
    );
    expect(JSON.parse(seen[3]?.body ?? "")).toEqual({ jit_gateway: { deadline_ms: 800 } });
    expect(JSON.parse(seen.at(-1)?.body ?? "")).toEqual({ card_id: card.id, amount: 480, cvv2: "mismatch" });
  });

  it("simulates a whole or partial reversal and an increment of an authorization", async () => {
    const authorization = { id: "auth_1", object: "authorization" };
    const { fetch, seen } = fakeFetch(json(200, authorization), json(200, authorization), json(201, authorization));
    const koban = client(fetch);
    await koban.simulate.authorizationReversal("auth_1");
    await koban.simulate.authorizationReversal("auth_1", { amount: 80 });
    expect(await koban.simulate.authorizationIncrement("auth_1", { amount: 100 })).toEqual(authorization);
    expect(seen.map((r) => `${r.method} ${r.url.pathname} ${r.body} ${r.headers.has("idempotency-key")}`)).toEqual([
      "POST /v1/simulate/authorizations/auth_1/reverse {} true",
      'POST /v1/simulate/authorizations/auth_1/reverse {"amount":80} true',
      'POST /v1/simulate/authorizations/auth_1/increment {"amount":100} true',
    ]);
  });

  it("reads a transfer or funding source answered 202 back once its operation succeeded", async () => {
    const op = { id: "op_1", object: "operation", created_at: "", completed_at: null, error: null };
    const { fetch, seen } = fakeFetch(
      json(202, { ...op, status: "pending", resource: null }),
      json(200, { ...op, status: "succeeded", resource: { type: "transfer", id: "tr_1" } }),
      json(200, { id: "tr_1" }),
      json(202, { ...op, status: "pending", resource: null }),
      json(200, { ...op, status: "succeeded", resource: { type: "funding_source", id: fs } }),
      json(200, { id: fs }),
    );
    const koban = client(fetch);
    expect(await koban.transfers.create({ type: "unload", cardholder_id: card.cardholder_id, amount: 1 })).toEqual({
      id: "tr_1",
    });
    expect(await koban.fundingSources.create({ type: "prefunded" })).toEqual({ id: fs });
    expect([seen[2]?.url.pathname, seen[5]?.url.pathname]).toEqual(["/v1/transfers/tr_1", `/v1/funding_sources/${fs}`]);
  });

  it("follows a deposit answered 202 to the deposit itself", async () => {
    const op = { id: "op_1", object: "operation", created_at: "", completed_at: null, error: null };
    const { fetch, seen } = fakeFetch(
      json(202, { ...op, status: "pending", resource: null }),
      json(200, { ...op, status: "succeeded", resource: { type: "deposit", id: "dep_1" } }),
      json(200, { id: "dep_1", object: "deposit" }),
    );
    expect(await client(fetch).simulate.deposit({ amount: 1_000 })).toEqual({ id: "dep_1", object: "deposit" });
    expect(seen[2]?.url.pathname).toBe("/v1/deposits/dep_1");
  });
});
