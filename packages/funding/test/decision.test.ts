import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import {
  type CardCopy,
  decide,
  type GatewayAnswer,
  gatewayRequest,
  readGatewayAnswer,
  settle,
  whichSourcePays,
} from "../src/domain/decision.ts";
import { checkShape, decideUpdate, type FundingSource } from "../src/domain/funding-source.ts";
import { authorizationRequested } from "./fixtures.ts";

const tenant = { partnerId: newId("ptn"), livemode: false };
const card = (fundingSourceId: string | null): CardCopy => ({
  id: newId("card"),
  ...tenant,
  programId: newId("prg"),
  cardholderId: newId("ch"),
  fundingSourceId,
  last4: "4242",
});
const gateway = (standIn: "approve" | "decline"): FundingSource => ({
  id: newId("fs"),
  ...tenant,
  type: "jit_gateway",
  description: null,
  gateway: { url: "https://gateway.example.com/fund", deadline_ms: 1500, stand_in: standIn },
  version: 1,
});
const prefunded: FundingSource = {
  id: newId("fs"),
  ...tenant,
  type: "prefunded",
  description: null,
  gateway: null,
  version: 1,
};
const answered = (status: number, body: string): GatewayAnswer => ({ kind: "answered", status, body, latencyMs: 12 });

describe("which source pays", () => {
  const own = newId("fs");
  const programs = newId("fs");
  it("is the card's own, else its program's, else none (the cardholder's prepaid balance)", () => {
    expect(whichSourcePays(card(own), { id: newId("prg"), defaultFundingSourceId: programs })).toBe(own);
    expect(whichSourcePays(card(null), { id: newId("prg"), defaultFundingSourceId: programs })).toBe(programs);
    expect(whichSourcePays(card(null), { id: newId("prg"), defaultFundingSourceId: null })).toBeNull();
    expect(whichSourcePays(card(null), undefined)).toBeNull();
  });
});

describe("a gateway's answer", () => {
  it("decides only as a 2xx JSON object with a boolean approved", () => {
    expect(readGatewayAnswer(answered(200, '{"approved":true}'))).toEqual({ kind: "approved" });
    expect(readGatewayAnswer(answered(201, '{"approved":false,"note":"x"}'))).toEqual({ kind: "declined" });
  });

  it("is unusable when slow, failing, refused or malformed, and says why", () => {
    const cases: Array<[GatewayAnswer, RegExp]> = [
      [{ kind: "failed", error: "no answer within 1500 ms", latencyMs: 1500 }, /within 1500 ms/],
      [answered(500, '{"approved":true}'), /answered 500/],
      [answered(302, ""), /answered 302/],
      [answered(200, "<html>ok</html>"), /not JSON/],
      [answered(200, '{"approved":"yes"}'), /boolean "approved"/],
      [answered(200, "null"), /boolean "approved"/],
      [answered(200, "[true]"), /boolean "approved"/],
    ];
    for (const [answer, problem] of cases) {
      const verdict = readGatewayAnswer(answer);
      expect(verdict.kind, JSON.stringify(answer)).toBe("unusable");
      expect(verdict.kind === "unusable" && verdict.problem).toMatch(problem);
    }
  });
});

describe("the decision", () => {
  const requested = authorizationRequested(card(null));

  it("passes a prefunded source (or none) straight on, holding the cardholder's prepaid balance", () => {
    for (const source of [prefunded, null]) {
      expect(decide(requested, source)).toEqual({
        fundingSourceId: source?.id ?? null,
        result: { outcome: "ok" },
        standIn: false,
        problem: null,
        holdSource: { type: "cardholder", cardholder_id: requested.cardholder_id },
      });
    }
  });

  it("follows the gateway: approved holds the program's funding, declined is partner_declined", () => {
    const source = gateway("decline");
    expect(decide(requested, source, { kind: "approved" })).toMatchObject({
      result: { outcome: "ok" },
      standIn: false,
      holdSource: { type: "program", program_id: requested.program_id },
    });
    expect(decide(requested, source, { kind: "declined" })).toMatchObject({
      result: { outcome: "ng", reason: "partner_declined" },
      standIn: false,
      holdSource: null,
    });
  });

  it("lets the stand-in rule decide when the gateway gives no usable answer, recording why", () => {
    const unusable = { kind: "unusable", problem: "no answer within 1500 ms" } as const;
    expect(decide(requested, gateway("approve"), unusable)).toMatchObject({
      result: { outcome: "ok" },
      standIn: true,
      problem: "no answer within 1500 ms",
      holdSource: { type: "program", program_id: requested.program_id },
    });
    expect(decide(requested, gateway("decline"), unusable)).toMatchObject({
      result: { outcome: "ng", reason: "partner_timeout" },
      standIn: true,
      problem: "no answer within 1500 ms",
      holdSource: null,
    });
  });

  it("never approves a gateway source that was not asked", () => {
    expect(decide(requested, gateway("approve")).result.outcome).toBe("failure");
  });
});

describe("the gateway's request", () => {
  it("carries the authorization, the card's last four digits and no card secret", () => {
    const copy = card(null);
    const requested = authorizationRequested(copy);
    const body = gatewayRequest(requested, copy, gateway("approve"), new Date("2026-01-01T00:00:00Z"));
    expect(body).toMatchObject({
      authorization_id: requested.authorization_id,
      card_id: copy.id,
      card_last4: "4242",
      cardholder_id: copy.cardholderId,
      amount: requested.amount,
      currency: "JPY",
      merchant: requested.merchant,
      respond_by: "2026-01-01T00:00:01.500Z",
    });
    expect(JSON.stringify(body)).not.toMatch(/cvv|pan|digest|expiry/i);
  });
});

describe("settling the part", () => {
  it("moves Trying to Confirmed or Canceled once, and nothing else", () => {
    expect(settle("trying", true)).toBe("confirmed");
    expect(settle("trying", false)).toBe("canceled");
    expect(settle("confirmed", false)).toBeNull();
    expect(settle("canceled", true)).toBeNull();
  });
});

describe("a funding source", () => {
  it("is a gateway with its gateway, or prefunded without one", () => {
    expect(() => checkShape("jit_gateway", null)).toThrow(/needs jit_gateway/);
    expect(() => checkShape("prefunded", gateway("approve").gateway)).toThrow(/has no jit_gateway/);
    expect(() => checkShape("prefunded", null)).not.toThrow();
  });

  it("changes a gateway's fields one by one; an update that changes nothing is no event", () => {
    const source = gateway("approve");
    const now = new Date();
    expect(decideUpdate(source, { jit_gateway: { stand_in: "decline" } }, now)).toMatchObject({
      jit_gateway: { url: source.gateway?.url, deadline_ms: 1500, stand_in: "decline" },
      description: null,
    });
    expect(decideUpdate(source, { jit_gateway: { deadline_ms: 1500 }, description: null }, now)).toBeNull();
    expect(() => decideUpdate(prefunded, { jit_gateway: { deadline_ms: 900 } }, now)).toThrow(/prefunded/);
    expect(decideUpdate(prefunded, { description: "wallet" }, now)).toMatchObject({ description: "wallet" });
  });
});
