import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { checkCardholderAuthorization } from "../src/domain/authorization.ts";
import { type Cardholder, evolve } from "../src/domain/cardholder.ts";
import { decideLiftHold, decidePlaceHold } from "../src/domain/compliance-hold.ts";
import { decideStatusChange } from "../src/domain/status.ts";
import { cardholderIn, now, refusal } from "./given.ts";

const staff = { reason: "Sanctions list match", staffId: "usr_compliance" };

function held(status: Cardholder["status"]): Cardholder {
  const state = cardholderIn(status, "verified");
  return decidePlaceHold(state, staff, now).reduce(evolve, state);
}

describe("a compliance hold on a cardholder", () => {
  it("is placed once with its reason and staff member", () => {
    const state = cardholderIn("active", "verified");
    const events = decidePlaceHold(state, staff, now);
    expect(events).toEqual([
      {
        type: "CardholderComplianceHoldPlaced",
        data: { cardholder_id: state.id, reason: staff.reason, placed_by: staff.staffId, placed_at: now.toISOString() },
      },
    ]);
    const after = events.reduce(evolve, state);
    expect(after.complianceHold).toEqual({
      reason: staff.reason,
      placedBy: staff.staffId,
      placedAt: now.toISOString(),
    });
    expect(decidePlaceHold(after, { reason: "Again", staffId: "usr_other" }, now)).toEqual([]);
  });

  it("cannot be placed on a closed cardholder (409)", () => {
    expect(refusal(() => decidePlaceHold(cardholderIn("closed", "verified"), staff, now))).toMatchObject({
      code: "invalid_state_transition",
    });
  });

  it("refuses the partner's reactivation with 409 compliance_hold, but not suspending or closing", () => {
    expect(refusal(() => decideStatusChange(held("suspended"), "active", now))).toMatchObject({
      code: "compliance_hold",
      details: { status: 409 },
    });
    expect(decideStatusChange(held("active"), "suspended", now).map((event) => event.type)).toEqual([
      "CardholderSuspended",
    ]);
    expect(decideStatusChange(held("suspended"), "closed", now).map((event) => event.type)).toEqual([
      "CardholderClosed",
    ]);
  });

  it("is lifted once, and the partner may then reactivate", () => {
    const state = held("suspended");
    const lifted = decideLiftHold(state, { reason: "Different person", staffId: "usr_compliance" }, now).reduce(
      evolve,
      state,
    );
    expect(lifted).toMatchObject({ status: "suspended", complianceHold: null });
    expect(decideLiftHold(lifted, staff, now)).toEqual([]);
    expect(decideStatusChange(lifted, "active", now).map((event) => event.type)).toEqual(["CardholderReactivated"]);
  });

  it("declines every card of the cardholder as cardholder_inactive, though its status is active", () => {
    const state = held("active");
    const result = checkCardholderAuthorization(
      state,
      {
        authorizationId: newId("auth"),
        cardholderId: state.id,
        cardId: newId("card"),
        amount: 1_000,
        currency: "JPY",
        merchant: { mcc: "5411", country: "JP" },
        requestedAt: now,
        incrementOf: null,
      },
      {
        timeZone: "Asia/Tokyo",
        spent: { day: { amount: 0, count: 0 }, month: { amount: 0, count: 0 }, lifetime: { amount: 0 } },
        authorizedBefore: 0,
      },
    );
    expect([state.status, result]).toEqual(["active", { outcome: "ng", reason: "cardholder_inactive" }]);
  });
});
