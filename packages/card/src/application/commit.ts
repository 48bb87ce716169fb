import {
  CardActivated,
  CardClosed,
  CardComplianceHoldLifted,
  CardComplianceHoldPlaced,
  CardFrozen,
  CardIssued,
  CardReplaced,
  CardSpendControlsChanged,
  CardUnfrozen,
  type Envelope,
  type EventDefinition,
  type Tenant,
} from "@koban/contracts";
import { type HandlerContext, PermanentError } from "@koban/messaging";
import { type Card, type CardEvent, evolve } from "../domain/card.ts";
import type { CardStore } from "./card-store.ts";

const definitions: Record<CardEvent["type"], EventDefinition> = {
  CardIssued,
  CardActivated,
  CardFrozen,
  CardUnfrozen,
  CardClosed,
  CardReplaced,
  CardSpendControlsChanged,
  CardComplianceHoldPlaced,
  CardComplianceHoldLifted,
};

/** A card was changed between our read and our write: the bus retries the message, which reads again. */
export class ConcurrentCardChange extends Error {
  override name = "ConcurrentCardChange";
}

export function tenantOf(message: Envelope): Tenant {
  if (!message.tenant) throw new PermanentError(`${message.type} needs a tenant`);
  return message.tenant;
}

/**
 * Applies decided events to the cards they name (`before` holds each card as it was read), then
 * writes each changed card once, checking its version, and emits the events on the cards' streams:
 * state and events commit together. Returns the cards as they are now.
 */
export async function commit(
  store: CardStore,
  context: HandlerContext,
  tenant: Tenant,
  before: ReadonlyMap<string, Card | undefined>,
  events: readonly CardEvent[],
): Promise<Map<string, Card>> {
  const after = new Map<string, Card>();
  for (const event of events) {
    const id = event.data.card_id;
    const state = evolve(after.get(id) ?? before.get(id), event);
    after.set(id, state);
    context.emit(definitions[event.type], event.data, { id, version: state.version });
  }
  // In event order, so a replacement exists before the card it replaces points at it.
  for (const [id, card] of after) {
    const previous = before.get(id);
    if (!previous) await store.insert(context.tx, tenant, card);
    else if (!(await store.update(context.tx, tenant, card, previous.version))) {
      throw new ConcurrentCardChange(`Card ${id} changed while ${events[0]?.type} was being decided`);
    }
  }
  return after;
}

/** A card command's result: the card it names, and every other card the decision changed. */
export function written(cards: ReadonlyMap<string, Card>, id: string, unchanged?: Card) {
  const card = cards.get(id) ?? unchanged;
  if (!card) throw new Error(`card ${id} was neither changed nor given`);
  return {
    card_id: id,
    stream_version: card.version,
    other_cards: [...cards.values()]
      .filter((other) => other.id !== id)
      .map((other) => ({ card_id: other.id, stream_version: other.version })),
  };
}
