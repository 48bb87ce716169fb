import type { cardCloseReasons, SpendControls } from "@koban/contracts";
import { type Card, type CardEvent, type CardStatus, invalidTransition } from "./card.ts";
import { refuseWhileHeld } from "./compliance-hold.ts";
import { sameSpendControls, validateSpendControls } from "./spend-controls.ts";

export type CloseReason = (typeof cardCloseReasons)[number];

/**
 * A card under a compliance hold may still be frozen or closed (the partner can always stop
 * spending), but not activated or unfrozen (409 compliance_hold).
 *
 * What each lifecycle command may do: `inactive → active ⇄ frozen → closed`, closed from any
 * open status, and closed is final. Asking for the status a card already has changes nothing.
 */
export const transitions = {
  activate: { from: ["inactive"], to: "active" },
  freeze: { from: ["active"], to: "frozen" },
  unfreeze: { from: ["frozen"], to: "active" },
  close: { from: ["inactive", "active", "frozen"], to: "closed" },
} as const satisfies Record<string, { from: readonly CardStatus[]; to: CardStatus }>;

export type Transition = keyof typeof transitions;

/** Whether the transition applies: false when the card is already there; throws when it may not go there. */
function moves(card: Card, transition: Transition): boolean {
  const { from, to } = transitions[transition];
  if (card.status === to) return false;
  if (!(from as readonly CardStatus[]).includes(card.status)) {
    throw invalidTransition(`Cannot ${transition} a card that is ${card.status}.`);
  }
  return true;
}

/** The replacement reasons after which the old card keeps working until its successor is activated. */
const keepsPredecessorUntilActivation: ReadonlySet<string> = new Set(["damaged", "expired"]);

/**
 * Activates a card. A replacement for a damaged or expiring card also closes the card it
 * replaces, which stayed usable until now (after a loss or theft it was closed at once).
 */
export function decideActivate(card: Card, predecessor: Card | undefined, now: Date): CardEvent[] {
  if (!moves(card, "activate")) return [];
  refuseWhileHeld(card, "activated");
  const changed_at = now.toISOString();
  const events: CardEvent[] = [{ type: "CardActivated", data: { card_id: card.id, changed_at } }];
  const closesPredecessor =
    predecessor !== undefined &&
    predecessor.id === card.replacementFor &&
    keepsPredecessorUntilActivation.has(card.replacementReason ?? "") &&
    predecessor.status !== "closed";
  if (closesPredecessor) {
    events.push({ type: "CardClosed", data: { card_id: predecessor.id, reason: "replaced", closed_at: changed_at } });
  }
  return events;
}

export function decideFreeze(card: Card, now: Date): CardEvent[] {
  if (!moves(card, "freeze")) return [];
  return [{ type: "CardFrozen", data: { card_id: card.id, changed_at: now.toISOString() } }];
}

export function decideUnfreeze(card: Card, now: Date): CardEvent[] {
  if (!moves(card, "unfreeze")) return [];
  refuseWhileHeld(card, "unfrozen");
  return [{ type: "CardUnfrozen", data: { card_id: card.id, changed_at: now.toISOString() } }];
}

/** Closing a closed card changes nothing, its first reason included. */
export function decideClose(card: Card, reason: CloseReason, now: Date): CardEvent[] {
  if (!moves(card, "close")) return [];
  return [{ type: "CardClosed", data: { card_id: card.id, reason, closed_at: now.toISOString() } }];
}

export function decideSpendControls(card: Card, controls: SpendControls, now: Date): CardEvent[] {
  validateSpendControls(controls);
  if (sameSpendControls(card.spendControls, controls)) return [];
  if (card.status === "closed") throw invalidTransition("A closed card's spend controls cannot change.");
  return [
    {
      type: "CardSpendControlsChanged",
      data: { card_id: card.id, spend_controls: controls, changed_at: now.toISOString() },
    },
  ];
}
