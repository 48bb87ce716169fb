import type { Envelope } from "@koban/contracts";
import { type Card, type CardEvent, evolve } from "./card.ts";

const cardEventTypes: ReadonlySet<string> = new Set<CardEvent["type"]>([
  "CardIssued",
  "CardActivated",
  "CardFrozen",
  "CardUnfrozen",
  "CardClosed",
  "CardReplaced",
  "CardSpendControlsChanged",
  "CardComplianceHoldPlaced",
  "CardComplianceHoldLifted",
]);

/** A card's state from its stream in the event store: what its tables must agree with. */
export function replayCard(stream: readonly Envelope[]): Card | undefined {
  return stream.reduce<Card | undefined>((state, envelope) => {
    if (!cardEventTypes.has(envelope.type)) return state;
    return evolve(state, { type: envelope.type, data: envelope.payload } as CardEvent);
  }, undefined);
}
