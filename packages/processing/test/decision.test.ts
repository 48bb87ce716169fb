import { cvv2Digest, panDigest } from "@koban/config";
import { type DeclineReason, declineReasons, type ParticipantResult } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { decide, newApprovalCode, type Results } from "../src/domain/decision.ts";
import { parseExpiry } from "../src/domain/network.ts";
import { responseCodeFor, responseCodes } from "../src/domain/response-codes.ts";

const ok: ParticipantResult = { outcome: "ok" };
const ng = (reason: DeclineReason): ParticipantResult => ({ outcome: "ng", reason });
const failure: ParticipantResult = { outcome: "failure", error: "timeout talking to the database" };

describe("the decision", () => {
  it("waits for all three results", () => {
    expect(decide({}, false)).toBeUndefined();
    expect(decide({ card: ok, cardholder: ok }, false)).toBeUndefined();
    expect(decide({ card: ng("card_frozen"), cardholder: ok }, false)).toBeUndefined();
    expect(decide({ money: failure }, false)).toBeUndefined();
  });

  it("approves when card, cardholder and money are all OK", () => {
    expect(decide({ card: ok, cardholder: ok, money: ok }, false)).toEqual({ outcome: "approved" });
  });

  it.each(declineReasons)("declines with the reason of a single NG (%s), whoever gives it", (reason) => {
    for (const given of [
      { card: ng(reason), cardholder: ok, money: ok },
      { card: ok, cardholder: ng(reason), money: ok },
      { card: ok, cardholder: ok, money: ng(reason) },
    ] satisfies Results[]) {
      expect(decide(given, false)).toEqual({ outcome: "declined", reason });
    }
  });

  it("takes the card's NG before the cardholder's, and the cardholder's before money's", () => {
    const all = { card: ng("card_frozen"), cardholder: ng("kyc_incomplete"), money: ng("insufficient_funds") };
    expect(decide(all, false)).toEqual({ outcome: "declined", reason: "card_frozen" });
    expect(decide({ ...all, card: ok }, false)).toEqual({ outcome: "declined", reason: "kyc_incomplete" });
    expect(decide({ ...all, card: ok, cardholder: ok }, false)).toEqual({
      outcome: "declined",
      reason: "insufficient_funds",
    });
  });

  it("takes an NG before a Failure, and a Failure alone is system_error", () => {
    expect(decide({ card: failure, cardholder: ok, money: ng("partner_declined") }, false)).toEqual({
      outcome: "declined",
      reason: "partner_declined",
    });
    expect(decide({ card: ok, cardholder: failure, money: ok }, false)).toEqual({
      outcome: "declined",
      reason: "system_error",
    });
  });

  it("declines system_error past the deadline, whatever has arrived", () => {
    expect(decide({}, true)).toEqual({ outcome: "declined", reason: "system_error" });
    expect(decide({ card: ok, cardholder: ok, money: ok }, true)).toEqual({
      outcome: "declined",
      reason: "system_error",
    });
    expect(decide({ card: ng("card_frozen") }, true)).toEqual({ outcome: "declined", reason: "system_error" });
  });

  it("gives approval codes of six letters and digits", () => {
    const codes = new Set(Array.from({ length: 200 }, newApprovalCode));
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{6}$/);
    expect(codes.size).toBeGreaterThan(190);
  });
});

describe("the ISO 8583 response code", () => {
  it("is 00 for an approval", () => {
    expect(responseCodeFor({ outcome: "approved" })).toBe("00");
  });

  it.each([
    ["insufficient_funds", "51"],
    ["card_inactive", "62"],
    ["card_frozen", "62"],
    ["card_closed", "05"],
    ["card_expired", "54"],
    ["cvv_mismatch", "N7"],
    ["cardholder_inactive", "62"],
    ["kyc_incomplete", "62"],
    ["spend_limit_exceeded", "61"],
    ["velocity_count_exceeded", "65"],
    ["merchant_blocked", "57"],
    ["country_blocked", "57"],
    ["partner_declined", "05"],
    ["partner_timeout", "91"],
    ["system_error", "96"],
    ["do_not_honor", "05"],
  ] as const)("maps %s to %s", (reason, code) => {
    expect(responseCodeFor({ outcome: "declined", reason })).toBe(code);
  });

  it("covers every decline reason, and never answers 00 to a decline", () => {
    expect(Object.keys(responseCodes).sort()).toEqual([...declineReasons].sort());
    for (const reason of declineReasons) expect(responseCodes[reason]).toMatch(/^(?!00)[0-9A-Z]{2}$/);
  });
});

describe("what the network sends", () => {
  const key = Buffer.alloc(32, 7);

  it("digests a PAN as card does, and a CVV2 bound to its PAN", () => {
    expect(panDigest(key, "4242424242424242")).toMatch(/^[0-9a-f]{64}$/);
    expect(panDigest(key, "4242424242424242")).not.toBe(panDigest(Buffer.alloc(32, 8), "4242424242424242"));
    expect(cvv2Digest(key, "4242424242424242", "123")).not.toBe(cvv2Digest(key, "4242424242424241", "123"));
    expect(cvv2Digest(key, "4242424242424242", "123")).not.toContain("123");
  });

  it("reads the expiry as YYMM", () => {
    expect(parseExpiry("2912")).toEqual({ month: 12, year: 2029 });
    expect(parseExpiry("3001")).toEqual({ month: 1, year: 2030 });
    expect(parseExpiry("2913")).toBeUndefined();
    expect(parseExpiry("2900")).toBeUndefined();
    expect(parseExpiry("291")).toBeUndefined();
  });
});
