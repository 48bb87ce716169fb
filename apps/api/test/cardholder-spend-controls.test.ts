import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, apiClient, individual } from "./client.ts";

type Client = ReturnType<typeof apiClient>;

let stack: Stack;
let api: Client;

const none = {
  amount_limits: { per_authorization: null, daily: null, monthly: null, lifetime: null },
  count_limits: { daily: null, monthly: null },
  allowed_mccs: [],
  blocked_mccs: [],
  allowed_countries: [],
  blocked_countries: [],
};

const consistent = (write: ApiResponse) => ({
  headers: { "koban-consistency": write.headers.get("koban-consistency") as string },
});

beforeAll(async () => {
  stack = await startStack();
  const { api_key } = await createPartnerWithKey(stack.db.pool, "Spend controls");
  api = apiClient(stack.apiUrls[0] as string, api_key);
  await eventually(async () => expect((await api("GET", "/v1/cardholders")).status).toBe(200));
});

afterAll(async () => {
  await stack?.stop();
});

describe("a cardholder's spend controls", () => {
  it("are none unless given when the cardholder is registered", async () => {
    const created = await api("POST", "/v1/cardholders", { body: individual("Plain") });
    expect(created.status).toBe(201);
    expect(created.body.spend_controls).toEqual(none);
  });

  it("are set on registration, what is left out being no limit, and read back as written", async () => {
    const created = await api("POST", "/v1/cardholders", {
      body: {
        type: "business",
        business: { legal_name: "Limits KK" },
        spend_controls: { amount_limits: { daily: 50_000 }, count_limits: { monthly: 100 }, blocked_mccs: ["7995"] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.spend_controls).toEqual({
      ...none,
      amount_limits: { ...none.amount_limits, daily: 50_000 },
      count_limits: { daily: null, monthly: 100 },
      blocked_mccs: ["7995"],
    });
    const read = await api("GET", `/v1/cardholders/${created.body.id}`, consistent(created));
    expect(read.body).toEqual(created.body);
  });

  it("are replaced whole by a PATCH, which publishes cardholder.updated with the cardholder re-rendered", async () => {
    const created = await api("POST", "/v1/cardholders", {
      body: { ...individual("Patched"), spend_controls: { amount_limits: { per_authorization: 10_000 } } },
    });
    const patched = await api("PATCH", `/v1/cardholders/${created.body.id}`, {
      body: { spend_controls: { allowed_countries: ["JP"], count_limits: { daily: 5 } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.spend_controls).toEqual({
      ...none,
      count_limits: { daily: 5, monthly: null },
      allowed_countries: ["JP"],
    });

    const events = await api("GET", "/v1/events?type=cardholder.updated", consistent(patched));
    const [latest] = events.body.data;
    expect(latest).toMatchObject({ type: "cardholder.updated" });
    expect(latest.data.object).toEqual(patched.body);

    // The same controls again change nothing: no new version, no new event.
    const again = await api("PATCH", `/v1/cardholders/${created.body.id}`, {
      body: { spend_controls: { count_limits: { daily: 5 }, allowed_countries: ["JP"] } },
    });
    expect(again.status).toBe(200);
    const after = await api("GET", "/v1/events?type=cardholder.updated", consistent(again));
    expect(after.body.data[0].id).toBe(latest.id);
  });

  it("refuse controls that do not hold together with the field at fault, and a closed cardholder's change with 409", async () => {
    const created = await api("POST", "/v1/cardholders", { body: individual("Refused") });
    const disordered = await api("PATCH", `/v1/cardholders/${created.body.id}`, {
      body: { spend_controls: { amount_limits: { daily: 5_000, monthly: 1_000 } } },
    });
    expect(disordered.status).toBe(400);
    expect(disordered.body).toMatchObject({
      code: "parameter_invalid",
      param: "spend_controls.amount_limits.daily",
    });
    const both = await api("POST", "/v1/cardholders", {
      body: { ...individual("Both"), spend_controls: { allowed_mccs: ["5411"], blocked_mccs: ["7995"] } },
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ param: "spend_controls.blocked_mccs" });
    const unknown = await api("PATCH", `/v1/cardholders/${created.body.id}`, {
      body: { spend_controls: { amount_limits: { weekly: 5 } } },
    });
    expect(unknown.status).toBe(400);

    expect((await api("PATCH", `/v1/cardholders/${created.body.id}`, { body: { status: "closed" } })).status).toBe(200);
    const closed = await api("PATCH", `/v1/cardholders/${created.body.id}`, {
      body: { spend_controls: { amount_limits: { daily: 1 } } },
    });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: "invalid_state_transition" });
  });
});
