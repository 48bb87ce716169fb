import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

let stack: Stack;
let api: ReturnType<typeof apiClient>;
let cardholderId: string;
let cardId: string;

interface Case {
  name: string;
  method: string;
  /** `{ch}` and `{card}` stand for a real cardholder's and card's id. */
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  param?: string;
}

const name = (first_name: unknown) => ({ type: "individual", individual: { first_name, last_name: "Sato" } });
const limits = (amount: unknown) => ({ spend_controls: { amount_limits: { daily: amount } } });

const cases: Case[] = [
  // POST /v1/cardholders
  {
    name: "a wrong type",
    method: "POST",
    path: "/v1/cardholders",
    body: name(5),
    status: 400,
    code: "parameter_invalid",
    param: "individual.first_name",
  },
  {
    name: "a missing field",
    method: "POST",
    path: "/v1/cardholders",
    body: { type: "individual", individual: { first_name: "A" } },
    status: 400,
    code: "parameter_missing",
    param: "individual.last_name",
  },
  {
    name: "a missing type",
    method: "POST",
    path: "/v1/cardholders",
    body: { individual: { first_name: "A", last_name: "B" } },
    status: 400,
    code: "parameter_missing",
    param: "type",
  },
  {
    name: "an unknown field",
    method: "POST",
    path: "/v1/cardholders",
    body: { ...individual("A"), nickname: "x" },
    status: 400,
    code: "parameter_unknown",
    param: "nickname",
  },
  {
    name: "an invalid enum",
    method: "POST",
    path: "/v1/cardholders",
    body: { type: "robot" },
    status: 400,
    code: "parameter_invalid",
    param: "type",
  },
  {
    name: "a blank name",
    method: "POST",
    path: "/v1/cardholders",
    body: name("   "),
    status: 400,
    code: "parameter_invalid",
    param: "individual.first_name",
  },
  {
    name: "a bad email",
    method: "POST",
    path: "/v1/cardholders",
    body: { ...individual("A"), email: "nope" },
    status: 400,
    code: "parameter_invalid",
    param: "email",
  },
  {
    name: "a non-string metadata value",
    method: "POST",
    path: "/v1/cardholders",
    body: { ...individual("A"), metadata: { k: 1 } },
    status: 400,
    code: "parameter_invalid",
    param: "metadata.k",
  },
  {
    name: "a lone surrogate in a name",
    method: "POST",
    path: "/v1/cardholders",
    rawBody: '{"type":"individual","individual":{"first_name":"A\\ud800","last_name":"Sato"}}',
    status: 400,
    code: "parameter_invalid",
    param: "individual.first_name",
  },
  {
    name: "a lone low surrogate in an address",
    method: "POST",
    path: "/v1/cardholders",
    rawBody:
      '{"type":"individual","individual":{"first_name":"A","last_name":"B"},"address":{"line1":"\\udc00","city":"Tokyo","postal_code":"100","country":"JP"}}',
    status: 400,
    code: "parameter_invalid",
    param: "address.line1",
  },
  {
    name: "a lone surrogate in a metadata key",
    method: "POST",
    path: "/v1/cardholders",
    rawBody: '{"type":"individual","individual":{"first_name":"A","last_name":"B"},"metadata":{"k\\ud83d":"v"}}',
    status: 400,
    code: "parameter_invalid",
    param: "metadata.k\ud83d",
  },
  {
    name: "a body that is not an object",
    method: "POST",
    path: "/v1/cardholders",
    body: [1, 2],
    status: 400,
    code: "parameter_invalid",
  },
  {
    name: "invalid JSON",
    method: "POST",
    path: "/v1/cardholders",
    rawBody: '{"type":',
    status: 400,
    code: "invalid_json",
  },
  {
    name: "a body over 64 KiB",
    method: "POST",
    path: "/v1/cardholders",
    body: { ...individual("A"), metadata: { k: "x".repeat(70_000) } },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "a body that is not JSON",
    method: "POST",
    path: "/v1/cardholders",
    rawBody: "type=individual",
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "unsupported_media_type",
  },
  // PATCH /v1/cardholders/{id}
  {
    name: "an unknown field",
    method: "PATCH",
    path: "/v1/cardholders/{ch}",
    body: { type: "business" },
    status: 400,
    code: "parameter_unknown",
    param: "type",
  },
  {
    name: "an invalid status",
    method: "PATCH",
    path: "/v1/cardholders/{ch}",
    body: { status: "asleep" },
    status: 400,
    code: "parameter_invalid",
    param: "status",
  },
  {
    name: "a wrong type",
    method: "PATCH",
    path: "/v1/cardholders/{ch}",
    body: { email: 5 },
    status: 400,
    code: "parameter_invalid",
    param: "email",
  },
  {
    name: "a lone surrogate",
    method: "PATCH",
    path: "/v1/cardholders/{ch}",
    rawBody: '{"individual":{"last_name":"\\ud800"}}',
    status: 400,
    code: "parameter_invalid",
    param: "individual.last_name",
  },
  {
    name: "a malformed id",
    method: "PATCH",
    path: "/v1/cardholders/card_123",
    body: { email: "a@example.com" },
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  // POST /v1/cards
  {
    name: "a malformed cardholder_id",
    method: "POST",
    path: "/v1/cards",
    body: { cardholder_id: "nope", type: "virtual" },
    status: 400,
    code: "parameter_invalid",
    param: "cardholder_id",
  },
  {
    name: "an invalid type",
    method: "POST",
    path: "/v1/cards",
    body: { cardholder_id: "{ch}", type: "plastic" },
    status: 400,
    code: "parameter_invalid",
    param: "type",
  },
  {
    name: "a missing type",
    method: "POST",
    path: "/v1/cards",
    body: { cardholder_id: "{ch}" },
    status: 400,
    code: "parameter_missing",
    param: "type",
  },
  {
    name: "an unknown field",
    method: "POST",
    path: "/v1/cards",
    body: { cardholder_id: "{ch}", type: "virtual", pin: "1234" },
    status: 400,
    code: "parameter_unknown",
    param: "pin",
  },
  {
    name: "a negative amount",
    method: "POST",
    path: "/v1/cards",
    body: { cardholder_id: "{ch}", type: "virtual", ...limits(-1) },
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  // PATCH /v1/cards/{id}
  {
    name: "a negative amount",
    method: "PATCH",
    path: "/v1/cards/{card}",
    body: limits(-100),
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  {
    name: "a fractional amount",
    method: "PATCH",
    path: "/v1/cards/{card}",
    body: limits(10.5),
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  {
    name: "an amount over 2^53",
    method: "PATCH",
    path: "/v1/cards/{card}",
    rawBody: '{"spend_controls":{"amount_limits":{"daily":9007199254740993}}}',
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  {
    name: "an amount beyond any number",
    method: "PATCH",
    path: "/v1/cards/{card}",
    rawBody: '{"spend_controls":{"amount_limits":{"daily":1e400}}}',
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  {
    name: "an amount as a string",
    method: "PATCH",
    path: "/v1/cards/{card}",
    body: limits("100"),
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.amount_limits.daily",
  },
  {
    name: "a bad MCC",
    method: "PATCH",
    path: "/v1/cards/{card}",
    body: { spend_controls: { allowed_mccs: ["54"] } },
    status: 400,
    code: "parameter_invalid",
    param: "spend_controls.allowed_mccs.0",
  },
  {
    name: "a missing spend_controls",
    method: "PATCH",
    path: "/v1/cards/{card}",
    body: {},
    status: 400,
    code: "parameter_missing",
    param: "spend_controls",
  },
  {
    name: "a malformed id",
    method: "PATCH",
    path: "/v1/cards/ch_123",
    body: limits(100),
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  // POST /v1/cards/{id}/close and the other actions
  {
    name: "an invalid reason",
    method: "POST",
    path: "/v1/cards/{card}/close",
    body: { reason: "bored" },
    status: 400,
    code: "parameter_invalid",
    param: "reason",
  },
  {
    name: "a missing reason",
    method: "POST",
    path: "/v1/cards/{card}/close",
    body: {},
    status: 400,
    code: "parameter_missing",
    param: "reason",
  },
  {
    name: "an unknown field",
    method: "POST",
    path: "/v1/cards/{card}/freeze",
    body: { now: true },
    status: 400,
    code: "parameter_unknown",
    param: "now",
  },
  {
    name: "a malformed id",
    method: "POST",
    path: "/v1/cards/card_%E2%98%83/activate",
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  // Lists
  ...["/v1/cardholders", "/v1/cards"].flatMap((list): Case[] => [
    { name: "limit 0", method: "GET", path: `${list}?limit=0`, status: 400, code: "parameter_invalid", param: "limit" },
    {
      name: "limit 101",
      method: "GET",
      path: `${list}?limit=101`,
      status: 400,
      code: "parameter_invalid",
      param: "limit",
    },
    {
      name: "limit abc",
      method: "GET",
      path: `${list}?limit=abc`,
      status: 400,
      code: "parameter_invalid",
      param: "limit",
    },
    {
      name: "a fractional limit",
      method: "GET",
      path: `${list}?limit=2.5`,
      status: 400,
      code: "parameter_invalid",
      param: "limit",
    },
    {
      name: "a malformed starting_after",
      method: "GET",
      path: `${list}?starting_after=x'%20OR%201=1`,
      status: 400,
      code: "parameter_invalid",
      param: "starting_after",
    },
    {
      name: "a bad created_gte",
      method: "GET",
      path: `${list}?created_gte=yesterday`,
      status: 400,
      code: "parameter_invalid",
      param: "created_gte",
    },
    {
      name: "an invalid status",
      method: "GET",
      path: `${list}?status=asleep`,
      status: 400,
      code: "parameter_invalid",
      param: "status",
    },
    {
      name: "an unknown parameter",
      method: "GET",
      path: `${list}?colour=red`,
      status: 400,
      code: "parameter_unknown",
      param: "colour",
    },
  ]),
  // Malformed ids in paths
  {
    name: "another object's id",
    method: "GET",
    path: "/v1/cardholders/card_123",
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  {
    name: "a NUL byte",
    method: "GET",
    path: "/v1/cardholders/ch_%00",
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  {
    name: "a very long id",
    method: "GET",
    path: `/v1/cards/card_${"a".repeat(2_000)}`,
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
  {
    name: "an id that is not UTF-8",
    method: "GET",
    path: "/v1/cards/card_%ED%A0%80",
    status: 404,
    code: "resource_not_found",
    param: "id",
  },
];

const count = async (table: string) =>
  Number((await stack.db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
const counts = async () => Promise.all(["api.outbox", "api.operations", "eventstore.events"].map(count));

beforeAll(async () => {
  stack = await startStack();
  const { api_key } = await createPartnerWithKey(stack.db.pool, "Bad Input");
  api = apiClient(stack.apiUrls[0] as string, api_key);
  await eventually(async () => expect((await api("GET", "/v1/programs")).body.data).toHaveLength(1));
  const cardholder = await api("POST", "/v1/cardholders", {
    body: { ...individual("Aiko"), kyc: { method: "partner" } },
  });
  cardholderId = cardholder.body.id;
  const card = await api("POST", "/v1/cards", { body: { cardholder_id: cardholderId, type: "virtual" } });
  expect(card.status).toBe(201);
  cardId = card.body.id;
  await waitForQuiescence(stack.db.pool);
});

afterAll(async () => {
  await stack?.stop();
});

const fill = (text: string) => text.replaceAll("{ch}", cardholderId).replaceAll("{card}", cardId);

describe("bad input", () => {
  it.each(cases.map((c) => [`${c.method} ${c.path.slice(0, 60)}: ${c.name}`, c] as const))("%s", async (_, c) => {
    const before = await counts();
    const body = c.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(c.body)));
    const response = await api(c.method, fill(c.path), {
      body,
      rawBody: c.rawBody,
      headers: { ...(c.rawBody ? { "content-type": "application/json" } : {}), ...c.headers },
    });
    expect({ status: response.status, code: response.body?.code, param: response.body?.param }).toEqual({
      status: c.status,
      code: c.code,
      param: c.param,
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.request_id).toBe(response.headers.get("request-id"));
    expect(await counts()).toEqual(before);
  });

  it("changed neither the cardholder nor the card", async () => {
    const cardholder = await api("GET", `/v1/cardholders/${cardholderId}`);
    expect(cardholder.body).toMatchObject({
      status: "active",
      individual: { first_name: "Aiko", last_name: "Tanaka" },
    });
    const card = await api("GET", `/v1/cards/${cardId}`);
    expect(card.body).toMatchObject({ status: "inactive", spend_controls: { amount_limits: { daily: null } } });
  });
});
