import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

let stack: Stack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack();
  const [a, b] = await Promise.all([
    createPartnerWithKey(stack.db.pool, "Funding A"),
    createPartnerWithKey(stack.db.pool, "Funding B"),
  ]);
  api = apiClient(stack.apiUrls[0] as string, a.api_key);
  other = apiClient(stack.apiUrls[0] as string, b.api_key);
  await eventually(async () => expect((await api("GET", "/v1/programs")).body.data).toHaveLength(1));
  await eventually(async () => expect((await other("GET", "/v1/programs")).body.data).toHaveLength(1));
});

afterAll(async () => {
  await stack?.stop();
});

const gateway = (path: string) => `http://127.0.0.1:9/${path}`;

describe("funding sources", () => {
  it("are created, listed, read and changed; a gateway's secret is only behind its own read", async () => {
    const created = await api("POST", "/v1/funding_sources", {
      body: { type: "jit_gateway", description: "wallet", jit_gateway: { url: gateway("fund") } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "funding_source",
      type: "jit_gateway",
      description: "wallet",
      jit_gateway: { url: gateway("fund"), deadline_ms: 1500, stand_in: "decline" },
      livemode: false,
    });
    expect(JSON.stringify(created.body)).not.toContain("whsec_");
    const id = created.body.id;

    const secret = await api("GET", `/v1/funding_sources/${id}/secret`);
    expect(secret.status).toBe(200);
    expect(secret.headers.get("cache-control")).toBe("no-store");
    expect(secret.body.object).toBe("funding_source_secret");
    // Stored sealed: the secret's text is nowhere in the database.
    const { rows } = await stack.db.pool.query("SELECT t::text AS row FROM funding.source_secrets t");
    expect(rows.map((row) => row.row).join("\n")).not.toContain(secret.body.secret.slice(6, 30));

    const prefunded = await api("POST", "/v1/funding_sources", { body: { type: "prefunded" } });
    expect(prefunded.status).toBe(201);
    expect(prefunded.body).toMatchObject({ type: "prefunded", description: null, jit_gateway: null });
    expect((await api("GET", `/v1/funding_sources/${prefunded.body.id}/secret`)).status).toBe(404);

    const listed = await api("GET", "/v1/funding_sources");
    expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([prefunded.body.id, id]);
    const gateways = await api("GET", "/v1/funding_sources?type=jit_gateway");
    expect(gateways.body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    const first = await api("GET", "/v1/funding_sources?limit=1");
    expect([first.body.has_more, first.body.next_cursor]).toEqual([true, prefunded.body.id]);

    const changed = await api("PATCH", `/v1/funding_sources/${id}`, {
      body: { jit_gateway: { stand_in: "approve", deadline_ms: 900 }, description: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      description: null,
      jit_gateway: { url: gateway("fund"), deadline_ms: 900, stand_in: "approve" },
    });
    const read = await api("GET", `/v1/funding_sources/${id}`, {
      headers: { "Koban-Consistency": changed.headers.get("koban-consistency") ?? "" },
    });
    expect(read.body).toEqual(changed.body);
    // The secret is the same after a change.
    expect((await api("GET", `/v1/funding_sources/${id}/secret`)).body.secret).toBe(secret.body.secret);

    const refused = await api("PATCH", `/v1/funding_sources/${prefunded.body.id}`, {
      body: { jit_gateway: { deadline_ms: 900 } },
    });
    // A parameter that cannot apply is bad input (400), as it is when creating.
    expect([refused.status, refused.body.code, refused.body.param]).toEqual([400, "parameter_invalid", "jit_gateway"]);
  });

  it("refuses bad input with the field at fault, writing nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ type: "credit" }, "type"],
      [{ type: "jit_gateway" }, "jit_gateway"],
      [{ type: "prefunded", jit_gateway: { url: gateway("x") } }, "jit_gateway"],
      [{ type: "jit_gateway", jit_gateway: { url: "ftp://example.com/x" } }, "jit_gateway.url"],
      [{ type: "jit_gateway", jit_gateway: { url: "https://u:p@example.com/x" } }, "jit_gateway.url"],
      [{ type: "jit_gateway", jit_gateway: { url: gateway("x"), deadline_ms: 1801 } }, "jit_gateway.deadline_ms"],
      [{ type: "jit_gateway", jit_gateway: { url: gateway("x"), stand_in: "maybe" } }, "jit_gateway.stand_in"],
      [{ type: "prefunded", secret: "mine" }, "secret"],
    ];
    const before = (await api("GET", "/v1/funding_sources?limit=100")).body.data.length;
    for (const [body, param] of cases) {
      const response = await api("POST", "/v1/funding_sources", { body });
      expect([response.status, response.body.param], JSON.stringify(body)).toEqual([400, param]);
    }
    expect((await api("GET", "/v1/funding_sources?limit=100")).body.data.length).toBe(before);
  });

  it("refuse a gateway URL on an internal address when private URLs are not allowed", async () => {
    const { url } = await stack.startApi({ WEBHOOK_ALLOW_PRIVATE_URLS: "false" });
    const partner = await createPartnerWithKey(stack.db.pool, "Funding guarded");
    const guarded = apiClient(url, partner.api_key);
    await eventually(async () => expect((await guarded("GET", "/v1/funding_sources")).status).toBe(200));
    for (const target of ["http://127.0.0.1:9/fund", "http://169.254.169.254/latest", "http://localhost:9/fund"]) {
      const response = await guarded("POST", "/v1/funding_sources", {
        body: { type: "jit_gateway", jit_gateway: { url: target } },
      });
      expect([response.status, response.body.code, response.body.param], target).toEqual([
        400,
        "parameter_invalid",
        "jit_gateway.url",
      ]);
    }
    expect((await guarded("GET", "/v1/funding_sources")).body.data).toEqual([]);
  });

  it("are another partner's 404 on every route, and need the funding scopes", async () => {
    const { body } = await api("POST", "/v1/funding_sources", {
      body: { type: "jit_gateway", jit_gateway: { url: gateway("isolated") } },
    });
    const attempts: Array<[string, string, unknown?]> = [
      ["GET", `/v1/funding_sources/${body.id}`],
      ["PATCH", `/v1/funding_sources/${body.id}`, { description: "mine now" }],
      ["GET", `/v1/funding_sources/${body.id}/secret`],
    ];
    for (const [method, path, patch] of attempts) {
      const response = await other(method, path, patch === undefined ? {} : { body: patch });
      expect([response.status, response.body.code], `${method} ${path}`).toEqual([404, "resource_not_found"]);
    }
    expect((await other("GET", "/v1/funding_sources")).body.data).toEqual([]);
    expect((await api("GET", `/v1/funding_sources/${body.id}`)).body.description).toBeNull();

    const reader = await createPartnerWithKey(stack.db.pool, "Funding reader", { scopes: ["funding:read"] });
    const read = apiClient(stack.apiUrls[0] as string, reader.api_key);
    await eventually(async () => expect((await read("GET", "/v1/funding_sources")).status).toBe(200));
    for (const [method, path, payload] of [
      ["POST", "/v1/funding_sources", { type: "prefunded" }],
      ["PATCH", `/v1/funding_sources/${body.id}`, { description: "x" }],
      ["GET", `/v1/funding_sources/${body.id}/secret`, undefined],
    ] as const) {
      const response = await read(method, path, payload === undefined ? {} : { body: payload });
      expect([response.status, response.body.code], `${method} ${path}`).toEqual([403, "permission_denied"]);
    }
    const cards = await createPartnerWithKey(stack.db.pool, "Cards only", { scopes: ["cards:read"] });
    const cardsOnly = apiClient(stack.apiUrls[0] as string, cards.api_key);
    await eventually(async () => expect((await cardsOnly("GET", "/v1/cards")).status).toBe(200));
    expect((await cardsOnly("GET", "/v1/funding_sources")).status).toBe(403);
  });

  it("reach funding's copy of each card it needs to pick the source that pays", async () => {
    const cardholder = await api("POST", "/v1/cardholders", {
      body: { ...individual("Ren"), kyc: { method: "partner" } },
    });
    const card = await api("POST", "/v1/cards", {
      body: { cardholder_id: cardholder.body.id, type: "virtual" },
    });
    expect(card.status).toBe(201);
    const copy = await eventually(async () => {
      const { rows } = await stack.db.pool.query("SELECT funding_source_id, last4 FROM funding.cards WHERE id = $1", [
        card.body.id,
      ]);
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(copy).toEqual({ funding_source_id: null, last4: card.body.last4 });
  });
});

describe("a card's funding source", () => {
  it("is named when the card is issued, kept by its replacement, and must be the partner's own", async () => {
    const source = await api("POST", "/v1/funding_sources", { body: { type: "prefunded", description: "own" } });
    const holder = await api("POST", "/v1/cardholders", {
      body: { ...individual("Sora"), kyc: { method: "partner" } },
    });
    const card = await api("POST", "/v1/cards", {
      body: { cardholder_id: holder.body.id, type: "virtual", funding_source_id: source.body.id },
    });
    expect([card.status, card.body.funding_source_id]).toEqual([201, source.body.id]);
    const plain = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
    expect(plain.body.funding_source_id).toBeNull();

    await api("POST", `/v1/cards/${card.body.id}/close`, { body: { reason: "lost" } });
    const replacement = await api("POST", "/v1/cards", {
      body: { replacement_for: card.body.id, replacement_reason: "lost" },
    });
    expect(replacement.body.funding_source_id).toBe(source.body.id);

    const theirs = await other("POST", "/v1/funding_sources", { body: { type: "prefunded" } });
    for (const funding_source_id of [theirs.body.id, "fs_01m8ayvv4mez1rqnr8s0p0g7am"]) {
      const refused = await api("POST", "/v1/cards", {
        body: { cardholder_id: holder.body.id, type: "virtual", funding_source_id },
      });
      expect([refused.status, refused.body.code, refused.body.param]).toEqual([
        422,
        "funding_source_not_found",
        "funding_source_id",
      ]);
    }
  });
});
