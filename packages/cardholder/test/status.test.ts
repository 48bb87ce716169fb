import { describe, expect, it } from "vitest";
import { type CardholderStatus, evolve } from "../src/domain/cardholder.ts";
import { decideStatusChange } from "../src/domain/status.ts";
import { cardholderIn, now, refusal } from "./given.ts";

const allowed: Array<[CardholderStatus, CardholderStatus, string]> = [
  ["active", "suspended", "CardholderSuspended"],
  ["active", "closed", "CardholderClosed"],
  ["suspended", "active", "CardholderReactivated"],
  ["suspended", "closed", "CardholderClosed"],
];

describe("changing a cardholder's status", () => {
  it.each(allowed)("given %s, when made %s, then %s", (from, to, type) => {
    const state = cardholderIn(from, "verified");
    const events = decideStatusChange(state, to, now);
    expect(events).toEqual([{ type, data: { cardholder_id: state.id, changed_at: now.toISOString() } }]);
    expect(events.reduce(evolve, state)).toMatchObject({ status: to, version: state.version + 1 });
  });

  it.each(["active", "suspended", "closed"] as const)(
    "given %s, when made %s again, then nothing happens",
    (status) => {
      expect(decideStatusChange(cardholderIn(status, "verified"), status, now)).toEqual([]);
    },
  );

  it.each(["active", "suspended"] as const)("given closed, when made %s, then it is refused (409)", (to) => {
    expect(refusal(() => decideStatusChange(cardholderIn("closed", "verified"), to, now))).toMatchObject({
      code: "invalid_state_transition",
      details: { status: 409 },
    });
  });
});
