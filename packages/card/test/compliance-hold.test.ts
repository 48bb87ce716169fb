import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { checkCardAuthorization } from "../src/domain/authorization.ts";
import { type Card, evolve } from "../src/domain/card.ts";
import { decideLiftHold, decidePlaceHold } from "../src/domain/compliance-hold.ts";
import { assertReplaceable } from "../src/domain/issue.ts";
import { decideActivate, decideClose, decideFreeze, decideUnfreeze } from "../src/domain/lifecycle.ts";
import { cardIn, facts, later } from "./fixtures/cards.ts";

const staff = { reason: "Fraud ring under investigation", staffId: "usr_compliance" };

/** A card in a status, then held by compliance. */
function held(status: Card["status"]): Card {
  return decidePlaceHold(cardIn(status), staff, later).reduce(evolve, cardIn(status));
}

const compliance409 = expect.objectContaining({ code: "compliance_hold", details: { status: 409 } });

describe("a compliance hold on a card", () => {
  it("is placed with its reason and staff member, and placing it again changes nothing", () => {
    const card = cardIn("active");
    const events = decidePlaceHold(card, staff, later);
    expect(events).toEqual([
      {
        type: "CardComplianceHoldPlaced",
        data: { card_id: card.id, reason: staff.reason, placed_by: staff.staffId, placed_at: later.toISOString() },
      },
    ]);
    const after = events.reduce(evolve, card);
    expect(after).toMatchObject({
      status: "active",
      complianceHold: { reason: staff.reason, placedBy: "usr_compliance" },
    });
    expect(decidePlaceHold(after, { reason: "Another", staffId: "usr_other" }, later)).toEqual([]);
  });

  it("cannot be placed on a closed card (409)", () => {
    expect(() => decidePlaceHold(cardIn("closed"), staff, later)).toThrow(
      expect.objectContaining({ code: "invalid_state_transition" }),
    );
  });

  it("is lifted once, leaving the status the partner gave", () => {
    const card = held("frozen");
    const events = decideLiftHold(card, { reason: "Cleared", staffId: "usr_compliance" }, later);
    expect(events.map((event) => event.type)).toEqual(["CardComplianceHoldLifted"]);
    const after = events.reduce(evolve, card);
    expect(after).toMatchObject({ status: "frozen", complianceHold: null });
    expect(decideLiftHold(after, staff, later)).toEqual([]);
  });

  it("refuses the partner's activate, unfreeze and replace with 409 compliance_hold", () => {
    expect(() => decideActivate(held("inactive"), undefined, later)).toThrow(compliance409);
    expect(() => decideUnfreeze(held("frozen"), later)).toThrow(compliance409);
    const command = { card_id: newId("card"), replacement_card_id: newId("card"), reason: "damaged" as const };
    expect(() =>
      assertReplaceable(held("active"), undefined, { ...command, card_id: held("active").id }, facts),
    ).toThrow(compliance409);
  });

  it("still lets the partner freeze and close the card", () => {
    expect(decideFreeze(held("active"), later).map((event) => event.type)).toEqual(["CardFrozen"]);
    expect(decideClose(held("frozen"), "fraud", later).map((event) => event.type)).toEqual(["CardClosed"]);
  });

  it("declines the card's authorizations as card_frozen, whatever its status", () => {
    const card = held("active");
    const result = checkCardAuthorization(
      card,
      {
        authorizationId: newId("auth"),
        cardId: card.id,
        amount: 1_000,
        currency: "JPY",
        merchant: { mcc: "5411", country: "JP" },
        cardExpiry: { month: card.expMonth, year: card.expYear },
        cvv2Digest: null,
        requestedAt: later,
        incrementOf: null,
      },
      {
        timeZone: "Asia/Tokyo",
        expectedCvv2Digest: null,
        spent: { day: { amount: 0, count: 0 }, month: { amount: 0, count: 0 }, lifetime: { amount: 0 } },
        authorizedBefore: 0,
        partnerSuspended: false,
      },
    );
    expect(result).toEqual({ outcome: "ng", reason: "card_frozen" });
  });
});
