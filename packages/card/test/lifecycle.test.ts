import { DomainError, noSpendControls, type SpendControls } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import type { Card, CardEvent } from "../src/domain/card.ts";
import {
  decideActivate,
  decideClose,
  decideFreeze,
  decideSpendControls,
  decideUnfreeze,
  type Transition,
} from "../src/domain/lifecycle.ts";
import { cardIn, later } from "./fixtures/cards.ts";

const when: Record<Transition, (card: Card) => CardEvent[]> = {
  activate: (card) => decideActivate(card, undefined, later),
  freeze: (card) => decideFreeze(card, later),
  unfreeze: (card) => decideUnfreeze(card, later),
  close: (card) => decideClose(card, "stolen", later),
};

const refused = "refused";
const unchanged = "unchanged";

/** Every command on a card in every status: the event it decides, no change, or a 409. */
const table: Array<[Card["status"], Transition, CardEvent["type"] | typeof refused | typeof unchanged]> = [
  ["inactive", "activate", "CardActivated"],
  ["inactive", "freeze", refused],
  ["inactive", "unfreeze", refused],
  ["inactive", "close", "CardClosed"],
  ["active", "activate", unchanged],
  ["active", "freeze", "CardFrozen"],
  ["active", "unfreeze", unchanged],
  ["active", "close", "CardClosed"],
  ["frozen", "activate", refused],
  ["frozen", "freeze", unchanged],
  ["frozen", "unfreeze", "CardUnfrozen"],
  ["frozen", "close", "CardClosed"],
  ["closed", "activate", refused],
  ["closed", "freeze", refused],
  ["closed", "unfreeze", refused],
  ["closed", "close", unchanged],
];

describe("a card's lifecycle: inactive → active ⇄ frozen → closed", () => {
  it.each(table)("given a %s card, when asked to %s, then %s", (status, transition, outcome) => {
    const card = cardIn(status);
    if (outcome === refused) {
      expect(() => when[transition](card)).toThrow(
        expect.objectContaining({ code: "invalid_state_transition", details: { status: 409 } }),
      );
      return;
    }
    const events = when[transition](card);
    if (outcome === unchanged) {
      expect(events).toEqual([]);
      return;
    }
    expect(events).toEqual([{ type: outcome, data: expect.objectContaining({ card_id: card.id }) }]);
  });

  it("closes with the reason given, and the reason stays when closing again", () => {
    const card = cardIn("frozen");
    const [event] = decideClose(card, "fraud", later);
    expect(event).toEqual({
      type: "CardClosed",
      data: { card_id: card.id, reason: "fraud", closed_at: later.toISOString() },
    });
    expect(decideClose({ ...card, status: "closed", closedReason: "fraud" }, "lost", later)).toEqual([]);
  });

  it("refuses in words a reader understands", () => {
    expect(() => decideActivate(cardIn("closed"), undefined, later)).toThrow("Cannot activate a card that is closed.");
    expect(() => decideFreeze(cardIn("inactive"), later)).toThrow(DomainError);
  });
});

describe("changing a card's spend controls", () => {
  const controls: SpendControls = {
    ...noSpendControls,
    amount_limits: { per_authorization: 10_000, daily: 30_000, monthly: null, lifetime: null },
    blocked_mccs: ["7995", "5933"],
  };

  it("given an open card, when the controls change, then it says so with the whole controls", () => {
    const card = cardIn("frozen");
    expect(decideSpendControls(card, controls, later)).toEqual([
      {
        type: "CardSpendControlsChanged",
        data: { card_id: card.id, spend_controls: controls, changed_at: later.toISOString() },
      },
    ]);
  });

  it("given the same controls in another order, then nothing changes", () => {
    const card = { ...cardIn("active"), spendControls: { ...controls, blocked_mccs: ["5933", "7995"] } };
    expect(decideSpendControls(card, { ...controls }, later)).toEqual([]);
  });

  it("given a closed card, when the controls change, then it is refused", () => {
    expect(() => decideSpendControls(cardIn("closed"), controls, later)).toThrow(
      expect.objectContaining({ code: "invalid_state_transition" }),
    );
  });

  it("refuses controls that break the card's rules", () => {
    const bad = { ...controls, allowed_mccs: ["5411"] };
    expect(() => decideSpendControls(cardIn("active"), bad, later)).toThrow(
      expect.objectContaining({ code: "parameter_invalid" }),
    );
  });
});
