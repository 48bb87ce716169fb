import { createApiKey } from "@koban/cli/api-keys";
import { recordDeposit } from "@koban/cli/deposits";
import { createPartnerWithKey } from "@koban/cli/partners";
import { createProgram } from "@koban/cli/programs";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

type Partner = Awaited<ReturnType<typeof createPartnerWithKey>>;
let stack: Stack;
let a: Partner;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack();
  const b = await createPartnerWithKey(stack.db.pool, "Money B");
  a = await createPartnerWithKey(stack.db.pool, "Money A");
  api = apiClient(stack.apiUrls[0] as string, a.api_key);
  other = apiClient(stack.apiUrls[0] as string, b.api_key);
  // The program's funding account opens as the program is created.
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  await eventually(async () => expect((await other("GET", "/v1/accounts")).body.data).toHaveLength(1));
});

afterAll(async () => {
  await stack?.stop();
});

const cardholder = async () =>
  (await api("POST", "/v1/cardholders", { body: { ...individual("Mio"), kyc: { method: "partner" } } })).body
    .id as string;

describe("money", () => {
  it("flows from a deposit to a cardholder's balance and back, with balances that add up", async () => {
    const [funding] = (await api("GET", "/v1/accounts")).body.data;
    expect(funding).toMatchObject({ type: "program_funding", program_id: a.program_id, currency: "JPY" });
    const start = funding.balances.available;

    const deposit = await api("POST", "/v1/simulate/deposits", { body: { amount: 100_000, description: "float" } });
    expect(deposit.status).toBe(201);
    expect(deposit.body).toMatchObject({
      object: "deposit",
      program_id: a.program_id,
      amount: 100_000,
      currency: "JPY",
    });
    expect((await api("GET", `/v1/deposits/${deposit.body.id}`)).body).toEqual(deposit.body);
    expect((await other("GET", `/v1/deposits/${deposit.body.id}`)).status).toBe(404);

    const holder = await cardholder();
    const load = await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder, amount: 30_000 } });
    expect(load.status).toBe(201);
    expect(load.body).toMatchObject({ object: "transfer", type: "load", cardholder_id: holder, amount: 30_000 });
    const unload = await api("POST", "/v1/transfers", {
      body: { type: "unload", cardholder_id: holder, amount: 5_000 },
    });
    expect(unload.status).toBe(201);

    const consistency = unload.headers.get("koban-consistency") ?? "";
    const prepaid = await api("GET", `/v1/accounts?cardholder_id=${holder}`, {
      headers: { "Koban-Consistency": consistency },
    });
    expect(prepaid.body.data).toEqual([
      expect.objectContaining({
        type: "cardholder_prepaid",
        cardholder_id: holder,
        balances: { available: 25_000, pending: 0, posted: 25_000 },
      }),
    ]);
    const program = await api("GET", `/v1/accounts/${funding.id}`, { headers: { "Koban-Consistency": consistency } });
    expect(program.body.balances.available).toBe(start + 100_000 - 25_000);

    const listed = await api("GET", `/v1/transfers?cardholder_id=${holder}`);
    expect(listed.body.data.map((t: { type: string }) => t.type)).toEqual(["unload", "load"]);
    expect((await api("GET", `/v1/transfers/${load.body.id}`)).body).toEqual(load.body);
  });

  it("refuses to move more than is available, and to move money for nobody, changing nothing", async () => {
    const holder = await cardholder();
    await api("POST", "/v1/simulate/deposits", { body: { amount: 1_000 } });
    const load = await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder, amount: 1_000 } });
    expect(load.status).toBe(201);
    const over = await api("POST", "/v1/transfers", { body: { type: "unload", cardholder_id: holder, amount: 1_001 } });
    expect([over.status, over.body.code]).toEqual([422, "insufficient_funds"]);
    const nobody = await api("POST", "/v1/transfers", {
      body: { type: "load", cardholder_id: "ch_01m8ayvv4mez1rqnr8s04eww7a", amount: 1 },
    });
    expect([nobody.status, nobody.body.code, nobody.body.param]).toEqual([
      422,
      "cardholder_not_found",
      "cardholder_id",
    ]);
    for (const body of [
      { type: "load", cardholder_id: holder, amount: 0 },
      { type: "load", cardholder_id: holder, amount: 1.5 },
      { type: "load", cardholder_id: holder, amount: -5 },
      { type: "load", cardholder_id: holder, amount: "100" },
      { type: "gift", cardholder_id: holder, amount: 1 },
    ]) {
      const response = await api("POST", "/v1/transfers", { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    await eventually(async () => {
      const [prepaid] = (await api("GET", `/v1/accounts?cardholder_id=${holder}`)).body.data;
      expect(prepaid.balances).toEqual({ available: 1_000, pending: 0, posted: 1_000 });
    });
    expect((await api("GET", `/v1/transfers?cardholder_id=${holder}`)).body.data).toHaveLength(1);
  });

  it("keeps each partner's money its own, in its own mode, behind its scopes", async () => {
    const holder = await cardholder();
    await api("POST", "/v1/simulate/deposits", { body: { amount: 500 } });
    const load = await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder, amount: 500 } });
    const [prepaid] = (await api("GET", `/v1/accounts?cardholder_id=${holder}`)).body.data;
    expect((await other("GET", `/v1/accounts/${prepaid.id}`)).status).toBe(404);
    expect((await other("GET", `/v1/transfers/${load.body.id}`)).status).toBe(404);
    expect((await other("GET", `/v1/accounts?cardholder_id=${holder}`)).body.data).toEqual([]);
    const stolen = await other("POST", "/v1/transfers", { body: { type: "unload", cardholder_id: holder, amount: 1 } });
    expect([stolen.status, stolen.body.code]).toEqual([422, "cardholder_not_found"]);

    const live = await createApiKey(stack.db.pool, a.partner_id, { livemode: true });
    const liveApi = apiClient(stack.apiUrls[0] as string, live.api_key);
    await eventually(async () => expect((await liveApi("GET", "/v1/accounts")).status).toBe(200));
    expect((await liveApi("GET", "/v1/accounts")).body.data).toEqual([]);
    const simulated = await liveApi("POST", "/v1/simulate/deposits", { body: { amount: 1 } });
    expect([simulated.status, simulated.body.code]).toEqual([403, "permission_denied"]);

    const reader = await createApiKey(stack.db.pool, a.partner_id, { scopes: ["accounts:read"] });
    const read = apiClient(stack.apiUrls[0] as string, reader.api_key);
    await eventually(async () => expect((await read("GET", "/v1/accounts")).status).toBe(200));
    const write = await read("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder, amount: 1 } });
    expect([write.status, write.body.code]).toEqual([403, "permission_denied"]);
  });

  it("reaches a live program only as a deposit staff record, seen by live keys alone", async () => {
    const { program_id } = await createProgram(stack.db.pool, a.partner_id, {
      livemode: true,
      name: "Live JPY",
      currency: "JPY",
      timezone: "Asia/Tokyo",
      binPrefix: "45399900",
    });
    const live = await createApiKey(stack.db.pool, a.partner_id, { livemode: true });
    const liveApi = apiClient(stack.apiUrls[0] as string, live.api_key);
    await eventually(async () => expect((await liveApi("GET", "/v1/accounts")).body.data).toHaveLength(1));
    const recorded = await recordDeposit(stack.db.pool, {
      partnerId: a.partner_id,
      programId: program_id,
      livemode: true,
      amount: 2_500_000,
      description: "MUFG transfer 0042",
    });
    expect(recorded).toMatchObject({ amount: 2_500_000, currency: "JPY" });
    await eventually(async () => {
      const [funding] = (await liveApi("GET", "/v1/accounts")).body.data;
      expect(funding).toMatchObject({ program_id, livemode: true, balances: { available: 2_500_000 } });
    });
    expect((await api("GET", `/v1/accounts?program_id=${program_id}`)).body.data).toEqual([]);
    await expect(
      recordDeposit(stack.db.pool, {
        partnerId: a.partner_id,
        programId: program_id,
        livemode: false,
        amount: 1,
        description: null,
      }),
    ).rejects.toThrow(/No program/);
  });
});
