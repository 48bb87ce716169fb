import { newId, noSpendControls, type SpendControls, type Spent } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import {
  type AuthorizationOutcome,
  type CardholderAuthorizationFacts,
  type CardholderAuthorizationRequest,
  checkCardholderAuthorization,
  counts,
  decideAdvice,
  decideCheck,
  decideReversal,
  decideSettlement,
} from "../src/domain/authorization.ts";
import type { Cardholder } from "../src/domain/cardholder.ts";
import { cardholderIn } from "./given.ts";

/** An active, verified cardholder with these controls. */
const verified = (spendControls: SpendControls = noSpendControls): Cardholder => ({
  ...cardholderIn("active", "verified"),
  spendControls,
});

const spentNothing: Spent = { day: { amount: 0, count: 0 }, month: { amount: 0, count: 0 }, lifetime: { amount: 0 } };

function request(
  cardholder: Cardholder | undefined,
  overrides: Partial<CardholderAuthorizationRequest> = {},
): CardholderAuthorizationRequest {
  return {
    authorizationId: newId("auth"),
    cardholderId: cardholder?.id ?? newId("ch"),
    cardId: newId("card"),
    amount: 1_000,
    currency: "JPY",
    merchant: { mcc: "5411", country: "JP" },
    requestedAt: new Date("2026-11-26T03:00:00Z"),
    incrementOf: null,
    ...overrides,
  };
}

const check = (cardholder: Cardholder | undefined, facts: Partial<CardholderAuthorizationFacts> = {}) =>
  checkCardholderAuthorization(cardholder, request(cardholder), {
    timeZone: "Asia/Tokyo",
    spent: spentNothing,
    authorizedBefore: 0,
    ...facts,
  });

const controls = (changes: Partial<SpendControls>): SpendControls => ({ ...noSpendControls, ...changes });
const amounts = (limits: Partial<SpendControls["amount_limits"]>) =>
  controls({ amount_limits: { ...noSpendControls.amount_limits, ...limits } });
const countLimits = (limits: Partial<SpendControls["count_limits"]>) =>
  controls({ count_limits: { ...noSpendControls.count_limits, ...limits } });
const spent = (day: [number, number], month: [number, number] = day, lifetime = month[0]): Spent => ({
  day: { amount: day[0], count: day[1] },
  month: { amount: month[0], count: month[1] },
  lifetime: { amount: lifetime },
});

describe("cardholder's verdict on an authorization", () => {
  it("given an active, verified cardholder without controls, then OK", () => {
    expect(check(verified())).toEqual({ outcome: "ok" });
  });

  it("given no such cardholder in the tenant, then NG do_not_honor", () => {
    expect(check(undefined)).toEqual({ outcome: "ng", reason: "do_not_honor" });
  });

  it.each(["suspended", "closed"] as const)("given a %s cardholder, then NG cardholder_inactive", (status) => {
    expect(check(cardholderIn(status, "verified"))).toEqual({ outcome: "ng", reason: "cardholder_inactive" });
  });

  it.each(["pending", "needs_review", "rejected"] as const)("given KYC %s, then NG kyc_incomplete", (kyc) => {
    expect(check(cardholderIn("active", kyc))).toEqual({ outcome: "ng", reason: "kyc_incomplete" });
  });

  it("given a suspended cardholder whose KYC is pending, then its status is the reason", () => {
    expect(check(cardholderIn("suspended", "pending"))).toEqual({ outcome: "ng", reason: "cardholder_inactive" });
  });

  it("given a blocked MCC, or one outside the allowed list, then NG merchant_blocked", () => {
    expect(check(verified(controls({ blocked_mccs: ["5411"] })))).toEqual({
      outcome: "ng",
      reason: "merchant_blocked",
    });
    expect(check(verified(controls({ allowed_mccs: ["5812"] })))).toEqual({
      outcome: "ng",
      reason: "merchant_blocked",
    });
  });

  it("given a blocked country, or one outside the allowed list, then NG country_blocked", () => {
    expect(check(verified(controls({ blocked_countries: ["JP"] })))).toEqual({
      outcome: "ng",
      reason: "country_blocked",
    });
    expect(check(verified(controls({ allowed_countries: ["US"] })))).toEqual({
      outcome: "ng",
      reason: "country_blocked",
    });
  });

  describe("amount limits across all the cardholder's cards, a limit reached exactly allowed", () => {
    const ng = { outcome: "ng", reason: "spend_limit_exceeded" };
    it("per authorization", () => {
      expect(check(verified(amounts({ per_authorization: 1_000 })))).toEqual({ outcome: "ok" });
      expect(check(verified(amounts({ per_authorization: 999 })))).toEqual(ng);
    });
    it("daily", () => {
      expect(check(verified(amounts({ daily: 5_000 })), { spent: spent([4_000, 1]) })).toEqual({ outcome: "ok" });
      expect(check(verified(amounts({ daily: 5_000 })), { spent: spent([4_001, 1]) })).toEqual(ng);
    });
    it("monthly", () => {
      const limited = verified(amounts({ monthly: 9_000 }));
      expect(check(limited, { spent: spent([0, 0], [8_000, 3]) })).toEqual({ outcome: "ok" });
      expect(check(limited, { spent: spent([0, 0], [8_001, 3]) })).toEqual(ng);
    });
    it("lifetime", () => {
      const limited = verified(amounts({ lifetime: 20_000 }));
      expect(check(limited, { spent: spent([0, 0], [0, 0], 19_000) })).toEqual({ outcome: "ok" });
      expect(check(limited, { spent: spent([0, 0], [0, 0], 19_001) })).toEqual(ng);
    });
  });

  describe("count limits across its cards: this one is one more", () => {
    const ng = { outcome: "ng", reason: "velocity_count_exceeded" };
    it("daily", () => {
      expect(check(verified(countLimits({ daily: 2 })), { spent: spent([1, 1]) })).toEqual({ outcome: "ok" });
      expect(check(verified(countLimits({ daily: 2 })), { spent: spent([2, 2]) })).toEqual(ng);
    });
    it("monthly", () => {
      expect(check(verified(countLimits({ monthly: 5 })), { spent: spent([0, 0], [4, 4]) })).toEqual({ outcome: "ok" });
      expect(check(verified(countLimits({ monthly: 5 })), { spent: spent([0, 0], [5, 5]) })).toEqual(ng);
    });
  });

  it("given no copy of the program, then daily or monthly limits are a Failure, other controls still apply", () => {
    expect(check(verified(amounts({ daily: 5_000 })), { timeZone: undefined })).toMatchObject({ outcome: "failure" });
    expect(check(verified(amounts({ lifetime: 5_000 })), { timeZone: undefined })).toEqual({ outcome: "ok" });
    expect(check(verified(controls({ blocked_mccs: ["5411"] })), { timeZone: undefined })).toMatchObject({
      reason: "merchant_blocked",
    });
  });
});

describe("cardholder's part of an authorization", () => {
  const now = new Date("2026-11-26T03:00:01Z");
  const cardholder = verified();
  const req = request(cardholder);
  const outcome = (state: "confirmed" | "canceled"): AuthorizationOutcome => ({
    authorizationId: req.authorizationId,
    cardholderId: cardholder.id,
    cardId: req.cardId,
    amount: req.amount,
    currency: req.currency,
    state,
    decidedAt: "2026-11-26T03:00:01.500Z",
  });

  it("given nothing, when checked, then Trying with its verdict as version 1; again, nothing", () => {
    const decision = decideCheck(undefined, req, { outcome: "ok" }, now);
    expect(decision?.part).toMatchObject({ state: "trying", cardholderId: cardholder.id, result: { outcome: "ok" } });
    expect(decision?.events).toEqual([
      {
        type: "CardholderAuthorizationChecked",
        version: 1,
        data: {
          authorization_id: req.authorizationId,
          cardholder_id: cardholder.id,
          result: { outcome: "ok" },
          checked_at: now.toISOString(),
        },
      },
    ]);
    expect(decideCheck(decision?.part, req, { outcome: "ok" }, now)).toBeUndefined();
  });

  it("given a Trying part, when declined, then Canceled as version 2; a second outcome changes nothing", () => {
    const part = decideCheck(undefined, req, { outcome: "ok" }, now)?.part;
    const canceled = decideSettlement(part, outcome("canceled"), now);
    expect(canceled?.events).toEqual([
      {
        type: "CardholderAuthorizationSettled",
        version: 2,
        data: { authorization_id: req.authorizationId, state: "canceled", settled_at: now.toISOString() },
      },
    ]);
    expect(decideSettlement(canceled?.part, outcome("confirmed"), now)).toBeUndefined();
  });

  it("given an outcome before its request, then recorded silently, and the request publishes both in order", () => {
    const early = decideSettlement(undefined, outcome("confirmed"), now);
    expect(early?.events).toEqual([]);
    expect(early && counts(early.part)).toBe(true);
    const late = decideCheck(early?.part, req, { outcome: "ok" }, now);
    expect(late?.events.map((event) => [event.type, event.version])).toEqual([
      ["CardholderAuthorizationChecked", 1],
      ["CardholderAuthorizationSettled", 2],
    ]);
  });

  const reversal = (remaining: number) => ({
    authorizationId: req.authorizationId,
    cardholderId: cardholder.id,
    cardId: req.cardId,
    currency: "JPY",
    remaining,
    reversedAt: "2026-11-26T05:00:00.000Z",
  });

  it("given an approved part, when reversed in part, then what remains counts; in full, it no longer counts; late ones change nothing", () => {
    const confirmed = decideSettlement(
      decideCheck(undefined, req, { outcome: "ok" }, now)?.part,
      outcome("confirmed"),
      now,
    )?.part as NonNullable<ReturnType<typeof decideReversal>>;
    const partly = decideReversal(confirmed, reversal(400), now) as typeof confirmed;
    expect(partly).toMatchObject({ amount: 400, reversed: true, state: "confirmed" });
    expect(counts(partly)).toBe(true);
    expect(decideReversal(partly, reversal(700), now)).toBeUndefined();
    const fully = decideReversal(partly, reversal(0), now) as typeof confirmed;
    expect(counts(fully)).toBe(false);
    expect(decideReversal(fully, reversal(0), now)).toBeUndefined();
  });

  it("given a reversal before the request was checked, then the check keeps what remains", () => {
    const early = decideSettlement(undefined, outcome("confirmed"), now)?.part as NonNullable<
      ReturnType<typeof decideReversal>
    >;
    const reversed = decideReversal(early, reversal(250), now);
    expect(decideCheck(reversed, req, { outcome: "ok" }, now)?.part).toMatchObject({ amount: 250, reversed: true });
  });

  it("given a reversal before anything else, then an approved part holding what remains, its check to follow", () => {
    const first = decideReversal(undefined, reversal(300), now);
    expect(first).toMatchObject({ state: "confirmed", amount: 300, reversed: true, result: null });
    expect(decideCheck(first, req, { outcome: "ok" }, now)?.events.map((event) => event.version)).toEqual([1, 2]);
  });

  it("given an approved advice (stand-in), then it counts as an approved part; a declined one or a repeat, nothing", () => {
    const advice = {
      authorizationId: newId("auth"),
      cardholderId: cardholder.id,
      cardId: req.cardId,
      amount: 2_000,
      currency: "JPY",
      approved: true,
      advisedAt: "2026-11-26T04:00:00.000Z",
    };
    const advised = decideAdvice(undefined, advice);
    expect(advised && counts(advised)).toBe(true);
    expect(decideAdvice(advised, advice)).toBeUndefined();
    expect(decideAdvice(undefined, { ...advice, approved: false })).toBeUndefined();
  });
});

describe("an incremental authorization, for the cardholder's limits", () => {
  const increment = { incrementOf: newId("auth") };
  const checkIncrement = (cardholder: Cardholder, facts: Partial<CardholderAuthorizationFacts>) =>
    checkCardholderAuthorization(cardholder, request(cardholder, increment), {
      timeZone: "Asia/Tokyo",
      spent: spentNothing,
      authorizedBefore: 0,
      ...facts,
    });

  it("is not one more authorization for the count limits", () => {
    expect(checkIncrement(verified(countLimits({ daily: 1 })), { spent: spent([1_000, 1]) })).toEqual({
      outcome: "ok",
    });
  });

  it("keeps the whole authorization within the per-authorization limit", () => {
    const limited = verified(amounts({ per_authorization: 5_000 }));
    expect(checkIncrement(limited, { authorizedBefore: 4_000 })).toEqual({ outcome: "ok" });
    expect(checkIncrement(limited, { authorizedBefore: 4_001 })).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
  });
});
