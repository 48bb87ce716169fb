import { describe, expect, it } from "vitest";
import { matchRecord } from "../src/domain/matching.ts";
import { dayBefore, localDay, settlementTotals } from "../src/domain/settlement.ts";

const tenant = { partnerId: "ptn_a", livemode: false };
const card = { id: "card_1", tenant, cardholderId: "ch_1", programId: "prg_1" };
const authorization = { id: "auth_1", sagaId: "s", tenant, cardId: "card_1", amount: 1_000, currency: "JPY" };
const presentment = { kind: "presentment" as const, currency: "JPY", namesAuthorization: true };

describe("matching a record", () => {
  it("finds its card and the authorization it names", () => {
    expect(matchRecord(presentment, card, authorization)).toEqual({ ok: true, card, authorization });
  });

  it("is an error for a card Koban did not issue, naming the field, not the number", () => {
    expect(matchRecord(presentment, undefined, authorization)).toEqual({
      ok: false,
      error: "pan: no card issued by Koban has this number",
    });
  });

  it("takes an authorization of another card or currency, or none named, as no authorization", () => {
    expect(matchRecord(presentment, card, { ...authorization, cardId: "card_2" })).toMatchObject({
      authorization: null,
    });
    expect(matchRecord({ ...presentment, currency: "USD" }, card, authorization)).toMatchObject({
      authorization: null,
    });
    expect(matchRecord({ ...presentment, namesAuthorization: false }, card, authorization)).toMatchObject({
      authorization: null,
    });
    expect(matchRecord(presentment, card, undefined)).toMatchObject({ ok: true, authorization: null });
  });
});

describe("a settlement's totals", () => {
  it("count and sum each kind, and net purchases and force posts against refunds and interchange", () => {
    const totals = settlementTotals([
      { type: "purchase", amount: 1_000, fee: 10, shortfall: 0 },
      { type: "purchase", amount: 500, fee: 0, shortfall: 0 },
      { type: "force_post", amount: 700, fee: 5, shortfall: 300 },
      { type: "refund", amount: 200, fee: 0, shortfall: 0 },
    ]);
    expect(totals).toEqual({
      purchases: { count: 2, amount: 1_500 },
      refunds: { count: 1, amount: 200 },
      force_posts: { count: 1, amount: 700 },
      fees: { count: 2, amount: 15 },
      shortfall: 300,
      net_amount: 1_500 + 700 - 200 - 15,
    });
    expect(settlementTotals([]).net_amount).toBe(0);
  });
});

describe("days", () => {
  it("are calendar days in the program's time zone", () => {
    const at = new Date("2026-03-31T15:30:00Z");
    expect(localDay(at, "Asia/Tokyo")).toBe("2026-04-01");
    expect(localDay(at, "UTC")).toBe("2026-03-31");
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
    expect(dayBefore("2028-03-01")).toBe("2028-02-29");
  });
});
