import { describe, expect, it } from "vitest";
import { DEPOSIT_THRESHOLD_JPY, depositDue, endOfBaseDate, isBaseDate } from "../src/read/payment-services-act.ts";

describe("the Payment Services Act's base dates", () => {
  it("are 31 March and 30 September, ending at midnight in Japan", () => {
    expect(["2026-03-31", "2026-09-30"].map(isBaseDate)).toEqual([true, true]);
    expect(["2026-03-30", "2026-09-31", "2026-10-01", "31-03-2026"].map(isBaseDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(endOfBaseDate("2027-03-31").toISOString()).toBe("2027-03-31T15:00:00.000Z");
    expect(() => endOfBaseDate("2027-04-01")).toThrow(/base date/);
  });
});

describe("the deposit due", () => {
  it("is half the unused balance, rounded up, once it exceeds ¥10,000,000", () => {
    expect(depositDue(DEPOSIT_THRESHOLD_JPY)).toBe(0);
    expect(depositDue(DEPOSIT_THRESHOLD_JPY + 1)).toBe(5_000_001);
    expect(depositDue(12_000_000)).toBe(6_000_000);
    expect(depositDue(0)).toBe(0);
  });
});
