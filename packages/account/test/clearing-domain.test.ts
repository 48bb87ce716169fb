import { describe, expect, it } from "vitest";
import { drawDown, payFromHolds, shortfallOf, withinTolerance } from "../src/domain/clearing.ts";

describe("a presentment's share of a hold", () => {
  it("takes what it presents, keeps the rest for later presentments, releases it on the last", () => {
    expect(drawDown(6_000, 2_000, false)).toEqual({ fromHold: 2_000, keep: 4_000, released: 0, excess: 0 });
    expect(drawDown(6_000, 2_000, true)).toEqual({ fromHold: 2_000, keep: 0, released: 4_000, excess: 0 });
    expect(drawDown(1_000, 1_000, true)).toEqual({ fromHold: 1_000, keep: 0, released: 0, excess: 0 });
  });

  it("takes the whole hold and an excess when it presents more", () => {
    expect(drawDown(1_000, 1_150, true)).toEqual({ fromHold: 1_000, keep: 0, released: 0, excess: 150 });
    expect(drawDown(1_000, 1_150, false)).toEqual({ fromHold: 1_000, keep: 0, released: 0, excess: 150 });
  });
});

describe("holds paying a presentment", () => {
  const stay = { id: "stay", amount: 7_000 };
  const increment = { id: "increment", amount: 2_000 };

  it("are drawn in order, the authorization's own first, each giving what it can", () => {
    expect(payFromHolds([stay, increment], 8_500).map(({ hold, take }) => [hold.id, take])).toEqual([
      ["stay", 7_000],
      ["increment", 1_500],
    ]);
  });

  it("give nothing once the amount is paid (released by the caller)", () => {
    expect(payFromHolds([stay, increment], 5_000).map(({ take }) => take)).toEqual([5_000, 0]);
    expect(payFromHolds([stay, increment], 0).map(({ take }) => take)).toEqual([0, 0]);
  });
});

describe("the tolerance", () => {
  it("lets a presentment exceed the authorization by up to a fifth", () => {
    expect(withinTolerance(200, 1_000)).toBe(true);
    expect(withinTolerance(201, 1_000)).toBe(false);
    expect(withinTolerance(0, 1)).toBe(true);
  });
});

describe("a shortfall", () => {
  it("is how much deeper below zero a posting took the balance", () => {
    expect(shortfallOf(-500, 2_500)).toBe(500);
    expect(shortfallOf(100, 900)).toBe(0);
    expect(shortfallOf(-800, 300)).toBe(300);
    expect(shortfallOf(0, 1_000)).toBe(0);
  });
});
