import { createPartnerWithKey } from "@koban/cli/partners";
import { apiKeyScopes, newId } from "@koban/contracts";
import { rebuildReadModels } from "@koban/query";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, apiClient, individual } from "./client.ts";

type Client = ReturnType<typeof apiClient>;

let stack: Stack;
let a: Awaited<ReturnType<typeof partner>>;
let api: Client;
let other: Client;

async function partner(name: string, options: Parameters<typeof createPartnerWithKey>[2] = {}) {
  const created = await createPartnerWithKey(stack.db.pool, name, options);
  const client = apiClient(stack.apiUrls[0] as string, created.api_key);
  if (!options.scopes || options.scopes.includes("programs:read")) {
    await eventually(async () => expect((await client("GET", "/v1/programs")).body.data).toHaveLength(1));
  }
  return { ...created, client };
}

const consistent = (response: ApiResponse) => ({
  headers: { "koban-consistency": response.headers.get("koban-consistency") as string },
});

/** Every event of the client's, newest first, a page of `limit` at a time. */
async function allEvents(client: Client, limit = 100, filter = ""): Promise<{ id: string; type: string }[]> {
  const events = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&starting_after=${cursor}` : "";
    const page = await client("GET", `/v1/events?limit=${limit}${after}${filter}`);
    expect(page.status).toBe(200);
    events.push(...page.body.data);
    cursor = page.body.next_cursor;
    expect(page.body.has_more).toBe(cursor !== null);
  } while (cursor);
  return events;
}

let holder: string;
let cardId: string;
let frozenCard: unknown;
let frozen: ApiResponse;

beforeAll(async () => {
  stack = await startStack();
  a = await partner("Events A");
  api = a.client;
  other = (await partner("Events B")).client;

  const created = await api("POST", "/v1/cardholders", {
    body: { ...individual("Aiko", "Sato"), kyc: { method: "partner" } },
  });
  expect(created.status).toBe(201);
  holder = created.body.id;
  const issued = await api("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
  expect(issued.status).toBe(201);
  cardId = issued.body.id;
  expect((await api("POST", `/v1/cards/${cardId}/activate`, {})).status).toBe(200);
  frozen = await api("POST", `/v1/cards/${cardId}/freeze`, {});
  expect(frozen.status).toBe(200);
  frozenCard = (await api("GET", `/v1/cards/${cardId}`, consistent(frozen))).body;
});

afterAll(async () => {
  await stack?.stop();
});

describe("events", () => {
  it("lists card.frozen first, with the card as GET /v1/cards/{id} rendered it right after", async () => {
    const list = await api("GET", "/v1/events", consistent(frozen));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    const [first] = list.body.data;
    expect(first).toMatchObject({ object: "event", type: "card.frozen", livemode: false });
    expect(first.id).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(first.data.object).toEqual(frozenCard);
    expect(list.body.data.map((event: { type: string }) => event.type)).toEqual([
      "card.frozen",
      "card.activated",
      "card.created",
      "cardholder.kyc_verified",
      "cardholder.created",
      "program.created",
    ]);
    const registered = list.body.data.find((event: { type: string }) => event.type === "cardholder.created");
    expect(registered.data.object).toMatchObject({ id: holder, object: "cardholder", kyc_status: "pending" });
    const verified = list.body.data.find((event: { type: string }) => event.type === "cardholder.kyc_verified");
    expect(verified.data.object).toMatchObject({ id: holder, kyc_status: "verified" });
    // Each event keeps the resource as it was then: the card was inactive when issued.
    const issued = list.body.data.find((event: { type: string }) => event.type === "card.created");
    expect(issued.data.object).toMatchObject({ id: cardId, status: "inactive" });
    expect(list.body.data.map((event: { created_at: string }) => event.created_at)).toEqual(
      list.body.data
        .map((event: { created_at: string }) => event.created_at)
        .sort()
        .reverse(),
    );
  });

  it("filters by exact type, by prefix and by time", async () => {
    const exact = await allEvents(api, 100, "&type=card.frozen");
    expect(exact.map((event) => event.type)).toEqual(["card.frozen"]);
    const cards = await allEvents(api, 100, "&type=card.*");
    expect(cards.map((event) => event.type)).toEqual(["card.frozen", "card.activated", "card.created"]);
    const holders = await allEvents(api, 100, "&type=cardholder.*");
    expect(holders.map((event) => event.type)).toEqual(["cardholder.kyc_verified", "cardholder.created"]);
    const bad = await api("GET", "/v1/events?type=card.melted");
    expect([bad.status, bad.body.code, bad.body.param]).toEqual([400, "parameter_invalid", "type"]);

    const [latest] = (await api("GET", "/v1/events?limit=1")).body.data;
    const since = await allEvents(api, 100, `&created_gte=${encodeURIComponent(latest.created_at)}`);
    expect(since.map((event) => event.id)).toContain(latest.id);
    const before = await allEvents(api, 100, `&created_lt=${encodeURIComponent(latest.created_at)}`);
    expect(before.map((event) => event.id)).not.toContain(latest.id);
    expect(before.length).toBeGreaterThan(0);
  });

  it("pages newest first with limit and starting_after", async () => {
    const all = await allEvents(api);
    const paged = await allEvents(api, 2);
    expect(paged).toEqual(all);
    const ids = all.map((event) => event.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const page = await api("GET", `/v1/events?limit=2&starting_after=${ids[1]}`);
    expect(page.body.data.map((event: { id: string }) => event.id)).toEqual(ids.slice(2, 4));
  });

  it("retrieves one event by id; another partner's is 404 and never in the list", async () => {
    const [first] = await allEvents(api);
    const one = await api("GET", `/v1/events/${first?.id}`);
    expect([one.status, one.body]).toEqual([200, first]);

    const foreign = await other("GET", `/v1/events/${first?.id}`);
    expect([foreign.status, foreign.body.code, foreign.body.param]).toEqual([404, "resource_not_found", "id"]);
    const theirs = await allEvents(other);
    expect(theirs.map((event) => event.type)).toEqual(["program.created"]);
    expect(theirs.map((event) => event.id)).not.toContain(first?.id);

    const unknown = await api("GET", "/v1/events/evt_nope");
    expect([unknown.status, unknown.body.code]).toEqual([404, "resource_not_found"]);
  });

  it("never shows a test key a live event", async () => {
    // No live keys yet: a live event of the same partner is written into the read model directly.
    const id = newId("evt");
    await stack.db.pool.query(
      `INSERT INTO query.events (id, partner_id, livemode, type, object, created_at, source_message_id)
       VALUES ($1, $2, true, 'card.frozen', $3, now(), gen_random_uuid())`,
      [id, a.partner_id, JSON.stringify({ ...(frozenCard as object), livemode: true })],
    );
    try {
      expect((await allEvents(api)).map((event) => event.id)).not.toContain(id);
      expect((await api("GET", `/v1/events/${id}`)).status).toBe(404);
    } finally {
      await stack.db.pool.query("DELETE FROM query.events WHERE id = $1", [id]);
    }
  });

  it("requires the events:read scope", async () => {
    const scopes = apiKeyScopes.filter((scope) => scope !== "events:read");
    const limited = await partner("Events No Scope", { scopes });
    const refused = await limited.client("GET", "/v1/events");
    expect([refused.status, refused.body.code]).toEqual([403, "permission_denied"]);
    expect((await limited.client("GET", "/v1/events/evt_01m8ayvv4mez1rqnr8s0p0g7am")).status).toBe(403);
  });

  it("keeps the same events, ids and payloads, across a read model rebuild", async () => {
    await waitForQuiescence(stack.db.pool);
    const before = await allEvents(api);
    await rebuildReadModels(stack.db.pool);
    expect(await allEvents(api)).toEqual(before);
  });
});
