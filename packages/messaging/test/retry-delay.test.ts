import { describe, expect, it } from "vitest";
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from "../src/failures.ts";

const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5_000 };
const fixed = (value: number) => () => value;

describe("retryDelay", () => {
  it("stays between half the ceiling and the ceiling, the ceiling doubling per attempt up to maxDelayMs", () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      expect(retryDelay(policy, attempt, fixed(0))).toBe(ceiling / 2);
      expect(retryDelay(policy, attempt, fixed(0.999999))).toBe(ceiling);
      for (let i = 0; i < 50; i++) {
        const delay = retryDelay(policy, attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("grows exponentially from baseDelayMs, then is capped", () => {
    const lows = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelay(policy, attempt, fixed(0)));
    expect(lows).toEqual([50, 100, 200, 400, 800, 1_600, 2_500]);
    expect(retryDelay(policy, 30, fixed(0.999999))).toBe(5_000);
    // Huge attempt numbers neither overflow nor escape the cap.
    expect(retryDelay(policy, 5_000, fixed(0.5))).toBe(3_750);
  });

  it("jitters: the random draw spreads retries over the upper half of the window", () => {
    const draws = [0, 0.25, 0.5, 0.75];
    expect(draws.map((r) => retryDelay(policy, 4, fixed(r)))).toEqual([400, 500, 600, 700]);
    const spread = new Set(Array.from({ length: 200 }, () => retryDelay(policy, 6)));
    expect(spread.size).toBeGreaterThan(50);
  });

  it("is an integer number of milliseconds, and the default policy starts at about a second", () => {
    expect(Number.isInteger(retryDelay({ maxAttempts: 3, baseDelayMs: 3, maxDelayMs: 100 }, 1, fixed(0.3)))).toBe(true);
    const first = retryDelay(defaultRetryPolicy, 1);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1_000);
    expect(retryDelay(defaultRetryPolicy, 100)).toBeLessThanOrEqual(defaultRetryPolicy.maxDelayMs);
  });
});
