import { calendarPeriods, newId, noSpendControls, type SpendControls, type Spent } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import {
  type AuthorizationOutcome,
  type CardAuthorizationFacts,
  type CardAuthorizationRequest,
  checkCardAuthorization,
  counts,
  decideAdvice,
  decideCheck,
  decideReversal,
  decideSettlement,
} from "../src/domain/authorization.ts";
import type { Card } from "../src/domain/card.ts";
import { activated, cardIn, cardIssued, given } from "./fixtures/cards.ts";

const digest = "ab".repeat(32);
const tokyo = "Asia/Tokyo";

/** An active card expiring 11/2029, with these controls. */
function activeCard(spendControls: SpendControls = noSpendControls): Card {
  const issued = cardIssued({ spend_controls: spendControls });
  return given(issued, activated(issued.data.card_id));
}

const spentNothing: Spent = { day: { amount: 0, count: 0 }, month: { amount: 0, count: 0 }, lifetime: { amount: 0 } };

function request(card: Card | undefined, overrides: Partial<CardAuthorizationRequest> = {}): CardAuthorizationRequest {
  return {
    authorizationId: newId("auth"),
    cardId: card?.id ?? newId("card"),
    amount: 1_000,
    currency: "JPY",
    merchant: { mcc: "5411", country: "JP" },
    cardExpiry: { month: 11, year: 2029 },
    cvv2Digest: digest,
    requestedAt: new Date("2026-11-26T03:00:00Z"),
    incrementOf: null,
    ...overrides,
  };
}

const facts = (overrides: Partial<CardAuthorizationFacts> = {}): CardAuthorizationFacts => ({
  timeZone: tokyo,
  expectedCvv2Digest: digest,
  spent: spentNothing,
  authorizedBefore: 0,
  partnerSuspended: false,
  ...overrides,
});

const check = (
  card: Card | undefined,
  req: Partial<CardAuthorizationRequest> = {},
  f: Partial<CardAuthorizationFacts> = {},
) => checkCardAuthorization(card, request(card, req), facts(f));

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

describe("card's verdict on an authorization", () => {
  it("given an active card and a request that matches it, then OK", () => {
    expect(check(activeCard())).toEqual({ outcome: "ok" });
  });

  it("given no such card in the tenant, then NG do_not_honor", () => {
    expect(check(undefined)).toEqual({ outcome: "ng", reason: "do_not_honor" });
  });

  it("given an active card of a partner Koban has suspended, then NG do_not_honor", () => {
    expect(check(activeCard(), {}, { partnerSuspended: true })).toEqual({ outcome: "ng", reason: "do_not_honor" });
  });

  it.each([
    ["inactive", "card_inactive"],
    ["frozen", "card_frozen"],
    ["closed", "card_closed"],
  ] as const)("given a %s card, then NG %s", (status, reason) => {
    expect(check(cardIn(status))).toEqual({ outcome: "ng", reason });
  });

  it("given a card whose program card has no copy of, then Failure", () => {
    expect(check(activeCard(), {}, { timeZone: undefined })).toMatchObject({ outcome: "failure" });
  });

  describe("expiry, in the program's time zone", () => {
    it("given another expiry than the card's, then NG card_expired", () => {
      expect(check(activeCard(), { cardExpiry: { month: 12, year: 2029 } })).toEqual({
        outcome: "ng",
        reason: "card_expired",
      });
    });

    it("given the last second of the expiry month in Tokyo, then OK; the next, NG card_expired", () => {
      const card = activeCard();
      expect(check(card, { requestedAt: new Date("2029-11-30T14:59:59Z") })).toEqual({ outcome: "ok" });
      expect(check(card, { requestedAt: new Date("2029-11-30T15:00:00Z") })).toEqual({
        outcome: "ng",
        reason: "card_expired",
      });
    });
  });

  describe("CVV2", () => {
    it("given a digest other than the card's, then NG cvv_mismatch", () => {
      expect(check(activeCard(), { cvv2Digest: "cd".repeat(32) })).toEqual({ outcome: "ng", reason: "cvv_mismatch" });
    });

    it("given no CVV2 from the network, then the check is skipped", () => {
      expect(check(activeCard(), { cvv2Digest: null }, { expectedCvv2Digest: null })).toEqual({ outcome: "ok" });
    });
  });

  describe("merchants and countries", () => {
    it("given a blocked MCC, or one outside the allowed list, then NG merchant_blocked", () => {
      const ng = { outcome: "ng", reason: "merchant_blocked" };
      expect(check(activeCard(controls({ blocked_mccs: ["5411"] })))).toEqual(ng);
      expect(check(activeCard(controls({ allowed_mccs: ["5812"] })))).toEqual(ng);
      expect(check(activeCard(controls({ allowed_mccs: ["5812", "5411"] })))).toEqual({ outcome: "ok" });
    });

    it("given a blocked country, or one outside the allowed list, then NG country_blocked", () => {
      const ng = { outcome: "ng", reason: "country_blocked" };
      expect(check(activeCard(controls({ blocked_countries: ["JP"] })))).toEqual(ng);
      expect(check(activeCard(controls({ allowed_countries: ["US"] })))).toEqual(ng);
      expect(check(activeCard(controls({ allowed_countries: ["JP"] })))).toEqual({ outcome: "ok" });
    });
  });

  describe("amount limits: what was spent plus this one, a limit reached exactly allowed", () => {
    const ng = { outcome: "ng", reason: "spend_limit_exceeded" };

    it("per authorization", () => {
      expect(check(activeCard(amounts({ per_authorization: 1_000 })))).toEqual({ outcome: "ok" });
      expect(check(activeCard(amounts({ per_authorization: 999 })))).toEqual(ng);
    });

    it("daily", () => {
      const card = activeCard(amounts({ daily: 5_000 }));
      expect(check(card, {}, { spent: spent([4_000, 3]) })).toEqual({ outcome: "ok" });
      expect(check(card, {}, { spent: spent([4_001, 3]) })).toEqual(ng);
    });

    it("monthly", () => {
      const card = activeCard(amounts({ monthly: 50_000 }));
      expect(check(card, {}, { spent: spent([0, 0], [49_000, 20]) })).toEqual({ outcome: "ok" });
      expect(check(card, {}, { spent: spent([0, 0], [49_001, 20]) })).toEqual(ng);
    });

    it("lifetime", () => {
      const card = activeCard(amounts({ lifetime: 100_000 }));
      expect(check(card, {}, { spent: spent([0, 0], [0, 0], 99_000) })).toEqual({ outcome: "ok" });
      expect(check(card, {}, { spent: spent([0, 0], [0, 0], 99_001) })).toEqual(ng);
    });
  });

  describe("count limits: this one is one more", () => {
    const ng = { outcome: "ng", reason: "velocity_count_exceeded" };

    it("daily", () => {
      const card = activeCard(countLimits({ daily: 3 }));
      expect(check(card, {}, { spent: spent([2_000, 2]) })).toEqual({ outcome: "ok" });
      expect(check(card, {}, { spent: spent([3_000, 3]) })).toEqual(ng);
    });

    it("monthly", () => {
      const card = activeCard(countLimits({ monthly: 10 }));
      expect(check(card, {}, { spent: spent([0, 0], [9_000, 9]) })).toEqual({ outcome: "ok" });
      expect(check(card, {}, { spent: spent([0, 0], [10_000, 10]) })).toEqual(ng);
    });
  });

  it("checks in order: status before expiry before CVV2 before controls", () => {
    const frozen = cardIn("frozen");
    expect(check(frozen, { cardExpiry: { month: 1, year: 2030 }, cvv2Digest: "cd".repeat(32) })).toMatchObject({
      reason: "card_frozen",
    });
    expect(check(activeCard(amounts({ per_authorization: 1 })), { cvv2Digest: "cd".repeat(32) })).toMatchObject({
      reason: "cvv_mismatch",
    });
  });
});

describe("calendar periods", () => {
  it("are days and months in the program's time zone", () => {
    const periods = calendarPeriods(new Date("2026-11-30T15:30:00Z"), tokyo); // 1 December, 00:30 in Tokyo
    expect(periods.day.start.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(periods.day.end.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(periods.month.start.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(periods.month.end.toISOString()).toBe("2026-12-31T15:00:00.000Z");
  });

  it("follow a daylight saving change", () => {
    const periods = calendarPeriods(new Date("2026-03-08T12:00:00Z"), "America/New_York");
    expect(periods.day.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(periods.day.end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(periods.month.end.toISOString()).toBe("2026-04-01T04:00:00.000Z");
  });
});

describe("card's part of an authorization", () => {
  const now = new Date("2026-11-26T03:00:01Z");
  const card = activeCard();
  const req = request(card);
  const outcome = (state: "confirmed" | "canceled"): AuthorizationOutcome => ({
    authorizationId: req.authorizationId,
    cardId: card.id,
    amount: req.amount,
    currency: req.currency,
    state,
    decidedAt: "2026-11-26T03:00:01.500Z",
  });

  it("given nothing, when the request is checked, then the part is Trying and its verdict is version 1", () => {
    const decision = decideCheck(undefined, req, { outcome: "ok" }, now);
    expect(decision?.part).toMatchObject({ state: "trying", result: { outcome: "ok" }, settledAt: null });
    expect(decision?.events).toEqual([
      {
        type: "CardAuthorizationChecked",
        version: 1,
        data: {
          authorization_id: req.authorizationId,
          card_id: card.id,
          result: { outcome: "ok" },
          checked_at: now.toISOString(),
        },
      },
    ]);
  });

  it("given a checked part, when the request comes again, then nothing changes", () => {
    const part = decideCheck(undefined, req, { outcome: "ok" }, now)?.part;
    expect(decideCheck(part, req, { outcome: "ng", reason: "card_frozen" }, now)).toBeUndefined();
  });

  it("given a Trying part, when approved, then Confirmed as version 2; a second outcome changes nothing", () => {
    const part = decideCheck(undefined, req, { outcome: "ok" }, now)?.part;
    const confirmed = decideSettlement(part, outcome("confirmed"), now);
    expect(confirmed?.part.state).toBe("confirmed");
    expect(confirmed?.events).toEqual([
      {
        type: "CardAuthorizationSettled",
        version: 2,
        data: { authorization_id: req.authorizationId, state: "confirmed", settled_at: now.toISOString() },
      },
    ]);
    expect(decideSettlement(confirmed?.part, outcome("confirmed"), now)).toBeUndefined();
    expect(decideSettlement(confirmed?.part, outcome("canceled"), now)).toBeUndefined();
  });

  it("given an outcome before its request, then it is recorded silently, and the request publishes both in order", () => {
    const early = decideSettlement(undefined, outcome("canceled"), now);
    expect(early?.events).toEqual([]);
    expect(early?.part).toMatchObject({ state: "canceled", result: null });
    const late = decideCheck(early?.part, req, { outcome: "ok" }, now);
    expect(late?.part).toMatchObject({ state: "canceled", result: { outcome: "ok" } });
    expect(late?.events.map((event) => [event.type, event.version])).toEqual([
      ["CardAuthorizationChecked", 1],
      ["CardAuthorizationSettled", 2],
    ]);
  });

  it("counts toward the limits when approved, or pending with card's OK; never when canceled or declined by card", () => {
    const part = { amount: 1_000, reversed: false };
    expect(counts({ ...part, state: "trying", result: { outcome: "ok" } })).toBe(true);
    expect(counts({ ...part, state: "trying", result: { outcome: "ng", reason: "card_frozen" } })).toBe(false);
    expect(counts({ ...part, state: "confirmed", result: null })).toBe(true);
    expect(counts({ ...part, state: "canceled", result: { outcome: "ok" } })).toBe(false);
  });

  const reversal = (remaining: number) => ({
    authorizationId: req.authorizationId,
    cardId: card.id,
    currency: "JPY",
    remaining,
    reversedAt: "2026-11-26T05:00:00.000Z",
  });

  it("given an approved part, when reversed in part, then what remains counts; in full, it no longer counts", () => {
    const confirmed = decideSettlement(
      decideCheck(undefined, req, { outcome: "ok" }, now)?.part,
      outcome("confirmed"),
      now,
    )?.part as NonNullable<ReturnType<typeof decideReversal>>;
    const partly = decideReversal(confirmed, reversal(400), now);
    expect(partly).toMatchObject({ amount: 400, reversed: true, state: "confirmed" });
    expect(partly && counts(partly)).toBe(true);
    const fully = partly && decideReversal(partly, reversal(0), now);
    expect(fully).toMatchObject({ amount: 0, reversed: true });
    expect(fully && counts(fully)).toBe(false);
  });

  it("given a reversal already applied, when it or an older one arrives, then nothing changes", () => {
    const part = decideCheck(undefined, req, { outcome: "ok" }, now)?.part as NonNullable<
      ReturnType<typeof decideReversal>
    >;
    const partly = decideReversal(part, reversal(400), now) as typeof part;
    expect(decideReversal(partly, reversal(400), now)).toBeUndefined();
    expect(decideReversal(partly, reversal(700), now)).toBeUndefined();
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
    expect(decideSettlement(first, outcome("confirmed"), now)).toBeUndefined();
    expect(decideCheck(first, req, { outcome: "ok" }, now)?.events.map((event) => event.version)).toEqual([1, 2]);
  });

  it("given an approved advice (stand-in), then it counts as an approved part; a declined one or a repeat, nothing", () => {
    const advice = {
      authorizationId: newId("auth"),
      cardId: card.id,
      amount: 2_000,
      currency: "JPY",
      approved: true,
      advisedAt: "2026-11-26T04:00:00.000Z",
    };
    const advised = decideAdvice(undefined, advice);
    expect(advised).toMatchObject({ state: "confirmed", amount: 2_000, result: null });
    expect(advised && counts(advised)).toBe(true);
    expect(decideAdvice(advised, advice)).toBeUndefined();
    expect(decideAdvice(undefined, { ...advice, approved: false })).toBeUndefined();
  });
});

describe("an incremental authorization", () => {
  const limited = (changes: Partial<SpendControls["amount_limits"]>, daily: number | null = null) =>
    activeCard({
      ...noSpendControls,
      amount_limits: { ...noSpendControls.amount_limits, ...changes },
      count_limits: { daily, monthly: null },
    });
  const increment = { incrementOf: newId("auth") };

  it("is not one more authorization for the count limits", () => {
    const card = limited({}, 1);
    expect(check(card, increment, { spent: spent([1_000, 1]) })).toEqual({ outcome: "ok" });
    expect(check(card, {}, { spent: spent([1_000, 1]) })).toEqual({ outcome: "ng", reason: "velocity_count_exceeded" });
  });

  it("keeps the whole authorization within the per-authorization limit", () => {
    const card = limited({ per_authorization: 5_000 });
    expect(check(card, increment, { authorizedBefore: 4_000 })).toEqual({ outcome: "ok" });
    expect(check(card, increment, { authorizedBefore: 4_001 })).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
  });

  it("adds its amount to the period's", () => {
    const card = limited({ daily: 5_000 });
    expect(check(card, increment, { spent: spent([4_001, 1]) })).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
  });
});
