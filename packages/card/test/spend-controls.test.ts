import { noSpendControls, type SpendControls, spendControls } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { sameSpendControls, validateSpendControls } from "../src/domain/spend-controls.ts";

const with_ = (overrides: Partial<SpendControls>): SpendControls => ({ ...noSpendControls, ...overrides });
const amounts = (
  per_authorization: number | null,
  daily: number | null,
  monthly: number | null,
  lifetime: number | null,
) => with_({ amount_limits: { per_authorization, daily, monthly, lifetime } });

describe("spend controls: the schema", () => {
  it("takes integer minor-unit amounts, 4-digit MCCs and ISO country codes", () => {
    expect(spendControls.safeParse(amounts(500, 10_000, null, null)).success).toBe(true);
    expect(spendControls.safeParse(amounts(5.5, null, null, null)).success).toBe(false);
    expect(spendControls.safeParse(amounts(0, null, null, null)).success).toBe(false);
    expect(spendControls.safeParse(with_({ blocked_mccs: ["799"] })).success).toBe(false);
    expect(spendControls.safeParse(with_({ allowed_countries: ["jp"] })).success).toBe(false);
    expect(spendControls.safeParse(with_({ allowed_countries: ["JP", "US"] })).success).toBe(true);
  });
});

describe("spend controls: the card's rules", () => {
  it("accepts no controls, and limits that widen with their period", () => {
    expect(() => validateSpendControls(noSpendControls)).not.toThrow();
    expect(() => validateSpendControls(amounts(1_000, 1_000, 50_000, 50_000))).not.toThrow();
    expect(() => validateSpendControls(amounts(1_000, null, null, 2_000))).not.toThrow();
    expect(() => validateSpendControls(with_({ count_limits: { daily: 5, monthly: 100 } }))).not.toThrow();
  });

  it.each([
    [
      "a per-authorization limit above the daily one",
      amounts(2_000, 1_000, null, null),
      "amount_limits.per_authorization",
    ],
    ["a daily limit above the monthly one", amounts(null, 60_000, 50_000, null), "amount_limits.daily"],
    ["a limit above a wider one further on", amounts(null, 60_000, null, 50_000), "amount_limits.daily"],
    ["a monthly limit above the lifetime one", amounts(null, null, 90_000, 50_000), "amount_limits.monthly"],
    ["a daily count above the monthly one", with_({ count_limits: { daily: 10, monthly: 5 } }), "count_limits.daily"],
    ["allowed and blocked MCCs at once", with_({ allowed_mccs: ["5411"], blocked_mccs: ["7995"] }), "blocked_mccs"],
    [
      "allowed and blocked countries at once",
      with_({ allowed_countries: ["JP"], blocked_countries: ["KP"] }),
      "blocked_countries",
    ],
    ["an MCC listed twice", with_({ blocked_mccs: ["7995", "7995"] }), "blocked_mccs"],
  ])("refuses %s, naming the field", (_, controls, field) => {
    expect(() => validateSpendControls(controls)).toThrow(
      expect.objectContaining({
        code: "parameter_invalid",
        details: { status: 400, param: `spend_controls.${field}` },
      }),
    );
  });

  it("compares controls by effect: list order does not matter", () => {
    const a = with_({ blocked_mccs: ["7995", "5933"] });
    expect(sameSpendControls(a, with_({ blocked_mccs: ["5933", "7995"] }))).toBe(true);
    expect(sameSpendControls(a, with_({ blocked_mccs: ["5933"] }))).toBe(false);
    expect(sameSpendControls(a, { ...a, count_limits: { daily: 1, monthly: null } })).toBe(false);
  });
});
