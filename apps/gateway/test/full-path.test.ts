import { createPartnerWithKey } from "@koban/cli/partners";
import { type NetworkResult, sendAuthorization } from "@koban/network";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The gateway with the real participants: a card issued through the API, its number and code
 * read as a partner would, and authorizations sent by the simulator straight to the gateway. What
 * this checks is the seam the bus cannot: the gateway's digests are the ones `card` compares.
 */
let stack: Stack;
let key: string;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrls[0]}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the API's answers freely.
  const answer: any = await response.json();
  return { status: response.status, body: answer };
}

beforeAll(async () => {
  stack = await startStack();
  key = (await createPartnerWithKey(stack.db.pool, "Gateway KK")).api_key;
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  expect((await api("POST", "/v1/simulate/deposits", { amount: 1_000_000 })).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

async function activeCard() {
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Ren", last_name: "Tanaka" },
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  const load = await api("POST", "/v1/transfers", { type: "load", cardholder_id: holder.body.id, amount: 50_000 });
  expect(load.status).toBe(201);
  const card = await api("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect(card.status).toBe(201);
  expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  const details = await api("GET", `/v1/cards/${card.body.id}/details`);
  expect(details.status).toBe(200);
  return details.body as { number: string; cvc: string; exp_month: number; exp_year: number };
}

/** The card's copy reaches processing through the bus: until it has, the gateway does not know the number (14). */
async function authorize(card: Awaited<ReturnType<typeof activeCard>>, change: { cvv2?: string; year?: number } = {}) {
  return eventually(
    async () => {
      const result: NetworkResult = await sendAuthorization({
        gatewayUrl: stack.gatewayUrl,
        pan: card.number,
        expiry: { month: card.exp_month, year: change.year ?? card.exp_year },
        cvv2: change.cvv2 ?? card.cvc,
        amount: 1_200,
        currency: "JPY",
        merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
      });
      if (result.outcome !== "answered") throw new Error(`no answer: ${JSON.stringify(result)}`);
      expect(result.responseCode).not.toBe("14");
      return result;
    },
    15_000,
    100,
  );
}

describe("the gateway with the real participants", () => {
  it("approves a good card, and answers N7 to a wrong CVV2 and 54 to a wrong expiry", async () => {
    const card = await activeCard();
    const approved = await authorize(card);
    expect([approved.responseCode, approved.latencyMs < 2_000]).toEqual(["00", true]);
    expect(approved.approvalCode).toMatch(/^[0-9A-Z]{6}$/);
    const wrongCode = String((Number(card.cvc) + 1) % 1000).padStart(3, "0");
    expect((await authorize(card, { cvv2: wrongCode })).responseCode).toBe("N7");
    expect((await authorize(card, { year: card.exp_year + 1 })).responseCode).toBe("54");
  });
});
