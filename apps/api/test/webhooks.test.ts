import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { startReceiver, verify } from "./webhook-receiver.ts";

let stack: Stack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;

beforeAll(async () => {
  [stack, receiver] = await Promise.all([startStack(), startReceiver()]);
  const [a, b] = await Promise.all([
    createPartnerWithKey(stack.db.pool, "Hooks A"),
    createPartnerWithKey(stack.db.pool, "Hooks B"),
  ]);
  api = apiClient(stack.apiUrls[0] as string, a.api_key);
  other = apiClient(stack.apiUrls[0] as string, b.api_key);
  await eventually(async () => expect((await api("GET", "/v1/programs")).body.data).toHaveLength(1));
  await eventually(async () => expect((await other("GET", "/v1/programs")).body.data).toHaveLength(1));
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

async function endpoint(path: string, enabled_events: string[] = ["*"]) {
  const created = await api("POST", "/v1/webhook_endpoints", { body: { url: receiver.url(path), enabled_events } });
  expect(created.status).toBe(201);
  const secret = await api("GET", `/v1/webhook_endpoints/${created.body.id}/secret`);
  return { id: created.body.id as string, secret: secret.body.secret as string };
}

async function verifiedCardholder() {
  const created = await api("POST", "/v1/cardholders", {
    body: { ...individual("Yui"), kyc: { method: "partner" } },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe("webhook endpoints", () => {
  it("are created, listed, read, changed and deleted; the secret is only behind its own read", async () => {
    const created = await api("POST", "/v1/webhook_endpoints", {
      body: { url: receiver.url("/crud"), enabled_events: ["card.*", "cardholder.created"], description: "ops" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "webhook_endpoint",
      url: receiver.url("/crud"),
      enabled_events: ["card.*", "cardholder.created"],
      description: "ops",
      status: "enabled",
      livemode: false,
      secret_rotated_at: null,
    });
    expect(JSON.stringify(created.body)).not.toContain("whsec_");
    const id = created.body.id;

    const secret = await api("GET", `/v1/webhook_endpoints/${id}/secret`);
    expect(secret.status).toBe(200);
    expect(secret.headers.get("cache-control")).toBe("no-store");
    expect(secret.body).toMatchObject({ object: "webhook_endpoint_secret", previous_secret_expires_at: null });
    // Stored sealed: the secret's text is nowhere in the database.
    const { rows } = await stack.db.pool.query("SELECT t::text AS row FROM partner.webhook_secrets t");
    expect(rows.map((row) => row.row).join("\n")).not.toContain(secret.body.secret.slice(6, 30));

    const listed = await api("GET", "/v1/webhook_endpoints");
    expect(listed.body.data.map((e: { id: string }) => e.id)).toContain(id);
    const changed = await api("PATCH", `/v1/webhook_endpoints/${id}`, {
      body: { status: "disabled", description: null },
    });
    expect(changed.body).toMatchObject({ status: "disabled", description: null, url: receiver.url("/crud") });
    expect((await api("GET", `/v1/webhook_endpoints/${id}`)).body.status).toBe("disabled");

    const deleted = await api("DELETE", `/v1/webhook_endpoints/${id}`);
    expect([deleted.status, deleted.body]).toEqual([200, { id, object: "webhook_endpoint", deleted: true }]);
    expect((await api("GET", `/v1/webhook_endpoints/${id}`)).status).toBe(404);
    expect((await api("GET", `/v1/webhook_endpoints/${id}/secret`)).status).toBe(404);
    expect((await api("DELETE", `/v1/webhook_endpoints/${id}`)).status).toBe(404);
    const left = await stack.db.pool.query("SELECT 1 FROM partner.webhook_secrets WHERE endpoint_id = $1", [id]);
    expect(left.rowCount).toBe(0);
  });

  it("refuses bad input with the field at fault, writing nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ url: "ftp://example.com/x", enabled_events: ["*"] }, "url"],
      [{ url: "not a url", enabled_events: ["*"] }, "url"],
      [{ url: "https://user:pw@example.com/x", enabled_events: ["*"] }, "url"],
      [{ url: "https://example.com/x", enabled_events: [] }, "enabled_events"],
      [{ url: "https://example.com/x", enabled_events: ["card.exploded"] }, "enabled_events.0"],
      [{ url: "https://example.com/x", enabled_events: ["*", "*"] }, "enabled_events"],
      [{ url: "https://example.com/x", enabled_events: ["*"], secret: "mine" }, "secret"],
      [{ enabled_events: ["*"] }, "url"],
    ];
    const before = (await api("GET", "/v1/webhook_endpoints?limit=100")).body.data.length;
    for (const [body, param] of cases) {
      const response = await api("POST", "/v1/webhook_endpoints", { body });
      expect([response.status, response.body.param], JSON.stringify(body)).toEqual([400, param]);
    }
    expect((await api("GET", "/v1/webhook_endpoints?limit=100")).body.data.length).toBe(before);
  });

  it("are another partner's 404 on every route, and need the webhooks scopes", async () => {
    const { id } = await endpoint("/isolated");
    const delivery = "whd_01m8ayvv4mez1rqnr8s0p0g7am";
    const attempts: Array<[string, string, unknown?]> = [
      ["GET", `/v1/webhook_endpoints/${id}`],
      ["PATCH", `/v1/webhook_endpoints/${id}`, { status: "disabled" }],
      ["DELETE", `/v1/webhook_endpoints/${id}`],
      ["GET", `/v1/webhook_endpoints/${id}/secret`],
      ["POST", `/v1/webhook_endpoints/${id}/rotate_secret`, {}],
      ["GET", `/v1/webhook_endpoints/${id}/deliveries`],
      ["GET", `/v1/webhook_endpoints/${id}/deliveries/${delivery}`],
      ["POST", `/v1/webhook_endpoints/${id}/deliveries/${delivery}/retry`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const response = await other(method, path, body === undefined ? {} : { body });
      expect([response.status, response.body.code], `${method} ${path}`).toEqual([404, "resource_not_found"]);
    }
    expect((await other("GET", "/v1/webhook_endpoints")).body.data).toEqual([]);
    expect((await api("GET", `/v1/webhook_endpoints/${id}`)).body.status).toBe("enabled");

    const reader = await createPartnerWithKey(stack.db.pool, "Hooks reader", { scopes: ["webhooks:read"] });
    const read = apiClient(stack.apiUrls[0] as string, reader.api_key);
    await eventually(async () => expect((await read("GET", "/v1/webhook_endpoints")).status).toBe(200));
    const write = await read("POST", "/v1/webhook_endpoints", {
      body: { url: "https://example.com/x", enabled_events: ["*"] },
    });
    expect([write.status, write.body.code]).toEqual([403, "permission_denied"]);
  });
});

describe("deliveries", () => {
  it("sign the events an endpoint selects, as the events API renders them", async () => {
    const hook = await endpoint("/cards", ["card.*"]);
    const cardholder = await verifiedCardholder();
    const card = await api("POST", "/v1/cards", { body: { cardholder_id: cardholder, type: "virtual" } });
    await api("POST", `/v1/cards/${card.body.id}/activate`, {});

    const received = await eventually(() => {
      const list = receiver.at("/cards");
      expect(list.length).toBeGreaterThanOrEqual(2);
      return list;
    });
    for (const delivery of received) {
      const event = verify(hook.secret, delivery) as { id: string; type: string };
      expect(event.type).toMatch(/^card\./);
      expect(delivery.headers["webhook-id"]).toBe(event.id);
      // The same JSON as the events API answers for it.
      expect((await api("GET", `/v1/events/${event.id}`)).body).toEqual(JSON.parse(delivery.body));
    }
    expect(received.map((d) => JSON.parse(d.body).type).sort()).toEqual(["card.activated", "card.created"]);
    expect(() => verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", received[0] as never)).toThrow();

    const deliveries = await eventually(async () => {
      const page = await api("GET", `/v1/webhook_endpoints/${hook.id}/deliveries?status=succeeded`);
      expect(page.body.data).toHaveLength(2);
      return page.body.data;
    });
    expect(deliveries[0]).toMatchObject({
      object: "webhook_delivery",
      endpoint_id: hook.id,
      status: "succeeded",
      next_attempt_at: null,
      attempts: [{ succeeded: true, response_status: 200, error: null }],
    });
  });

  it("are retried on the schedule until answered 2xx, each attempt logged, and can be sent again", async () => {
    const hook = await endpoint("/flaky", ["cardholder.created"]);
    let calls = 0;
    receiver.answerWith((request) => (request.path === "/flaky" && ++calls === 1 ? 503 : 200));
    await verifiedCardholder();
    const delivery = await eventually(async () => {
      const page = await api("GET", `/v1/webhook_endpoints/${hook.id}/deliveries`);
      expect(page.body.data[0]?.status).toBe("succeeded");
      return page.body.data[0];
    }, 15_000);
    receiver.answerWith(() => 200);
    expect(delivery.attempts.map((a: { response_status: number }) => a.response_status)).toEqual([503, 200]);
    const [first, second] = delivery.attempts.map((a: { attempted_at: string }) => Date.parse(a.attempted_at));
    // The second attempt waits the schedule's 5 s (with ±10% jitter).
    expect(second - first).toBeGreaterThanOrEqual(4_400);
    const ids = receiver.at("/flaky").map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(1);

    const retried = await api("POST", `/v1/webhook_endpoints/${hook.id}/deliveries/${delivery.id}/retry`, {});
    expect([retried.status, retried.body.status]).toEqual([200, "pending"]);
    await eventually(async () => {
      const again = await api("GET", `/v1/webhook_endpoints/${hook.id}/deliveries/${delivery.id}`);
      expect(again.body).toMatchObject({ status: "succeeded" });
      expect(again.body.attempts).toHaveLength(3);
    });
    expect(receiver.at("/flaky").map((r) => r.headers["webhook-id"])).toEqual([ids[0], ids[0], ids[0]]);
  });

  it("stop for a disabled endpoint, and its waiting deliveries are canceled", async () => {
    const hook = await endpoint("/down", ["cardholder.created"]);
    receiver.answerWith((request) => (request.path === "/down" ? 500 : 200));
    await verifiedCardholder();
    const failing = await eventually(async () => {
      const page = await api("GET", `/v1/webhook_endpoints/${hook.id}/deliveries`);
      expect(page.body.data[0]?.attempts.length).toBeGreaterThanOrEqual(1);
      return page.body.data[0];
    });
    expect(failing.status).toBe("pending");
    expect(Date.parse(failing.next_attempt_at)).toBeGreaterThan(Date.now());
    await api("PATCH", `/v1/webhook_endpoints/${hook.id}`, { body: { status: "disabled" } });
    await eventually(async () => {
      const page = await api("GET", `/v1/webhook_endpoints/${hook.id}/deliveries?status=canceled`);
      expect(page.body.data.map((d: { id: string }) => d.id)).toEqual([failing.id]);
    });
    const retry = await api("POST", `/v1/webhook_endpoints/${hook.id}/deliveries/${failing.id}/retry`, {});
    expect([retry.status, retry.body.code]).toEqual([409, "invalid_state_transition"]);
    receiver.answerWith(() => 200);
    const count = receiver.at("/down").length;
    await verifiedCardholder();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.at("/down")).toHaveLength(count);
  });

  it("carry a signature by each secret while a rotated-out one is in its grace period", async () => {
    const hook = await endpoint("/rotating", ["cardholder.created"]);
    const rotated = await api("POST", `/v1/webhook_endpoints/${hook.id}/rotate_secret`, {
      body: { expires_in_seconds: 3600 },
    });
    expect(rotated.body.secret_rotated_at).toEqual(expect.any(String));
    const secret = (await api("GET", `/v1/webhook_endpoints/${hook.id}/secret`)).body;
    expect(secret.secret).not.toBe(hook.secret);
    expect(Date.parse(secret.previous_secret_expires_at) - Date.now()).toBeGreaterThan(3_500_000);

    await verifiedCardholder();
    const during = await eventually(() => {
      const list = receiver.at("/rotating");
      expect(list).toHaveLength(1);
      return list[0] as never;
    });
    expect(
      String((during as { headers: Record<string, string> }).headers["webhook-signature"]).split(" "),
    ).toHaveLength(2);
    expect(verify(hook.secret, during)).toBeTruthy();
    expect(verify(secret.secret, during)).toBeTruthy();

    // Ending the grace period now: only the newest secret signs.
    await api("POST", `/v1/webhook_endpoints/${hook.id}/rotate_secret`, { body: { expires_in_seconds: 0 } });
    const newest = (await api("GET", `/v1/webhook_endpoints/${hook.id}/secret`)).body;
    expect(newest.previous_secret_expires_at).toBeNull();
    await verifiedCardholder();
    const after = await eventually(() => {
      const list = receiver.at("/rotating");
      expect(list).toHaveLength(2);
      return list[1] as never;
    });
    expect(verify(newest.secret, after)).toBeTruthy();
    expect(() => verify(secret.secret, after)).toThrow();
    expect(() => verify(hook.secret, after)).toThrow();
  });
});
