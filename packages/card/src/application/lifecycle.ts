import {
  ActivateCard,
  CloseCard,
  type Envelope,
  FreezeCard,
  LiftCardComplianceHold,
  PlaceCardComplianceHold,
  UnfreezeCard,
  UpdateCardSpendControls,
} from "@koban/contracts";
import { type HandlerContext, onCommand } from "@koban/messaging";
import { type Card, type CardEvent, existing } from "../domain/card.ts";
import { decideLiftHold, decidePlaceHold } from "../domain/compliance-hold.ts";
import { decideActivate, decideClose, decideFreeze, decideSpendControls, decideUnfreeze } from "../domain/lifecycle.ts";
import type { CardStore } from "./card-store.ts";
import { commit, tenantOf, written } from "./commit.ts";

/**
 * Loads the card a command names (and the card it replaces, which activation may close),
 * decides, commits; answers the card's stream version, unchanged when nothing was decided.
 */
async function changeCard(
  store: CardStore,
  context: HandlerContext,
  command: Envelope<{ card_id: string }>,
  decide: (card: Card, predecessor: Card | undefined) => CardEvent[],
  options: { withPredecessor?: boolean } = {},
) {
  const tenant = tenantOf(command);
  const id = command.payload.card_id;
  const card = existing(await store.load(context.tx, tenant, id), id);
  const predecessor =
    options.withPredecessor && card.replacementFor
      ? await store.load(context.tx, tenant, card.replacementFor)
      : undefined;
  const before = new Map<string, Card | undefined>([[card.id, card]]);
  if (predecessor) before.set(predecessor.id, predecessor);
  const cards = await commit(store, context, tenant, before, decide(card, predecessor));
  return written(cards, card.id, card);
}

export const activateCard = (store: CardStore) =>
  onCommand(ActivateCard, (command, context) =>
    changeCard(store, context, command, (card, predecessor) => decideActivate(card, predecessor, new Date()), {
      withPredecessor: true,
    }),
  );

export const freezeCard = (store: CardStore) =>
  onCommand(FreezeCard, (command, context) =>
    changeCard(store, context, command, (card) => decideFreeze(card, new Date())),
  );

export const unfreezeCard = (store: CardStore) =>
  onCommand(UnfreezeCard, (command, context) =>
    changeCard(store, context, command, (card) => decideUnfreeze(card, new Date())),
  );

export const closeCard = (store: CardStore) =>
  onCommand(CloseCard, (command, context) =>
    changeCard(store, context, command, (card) => decideClose(card, command.payload.reason, new Date())),
  );

export const updateCardSpendControls = (store: CardStore) =>
  onCommand(UpdateCardSpendControls, (command, context) =>
    changeCard(store, context, command, (card) =>
      decideSpendControls(card, command.payload.spend_controls, new Date()),
    ),
  );

/** Staff only: the console sends it, never the API. */
export const placeCardComplianceHold = (store: CardStore) =>
  onCommand(PlaceCardComplianceHold, (command, context) =>
    changeCard(store, context, command, (card) =>
      decidePlaceHold(card, { reason: command.payload.reason, staffId: command.payload.staff_id }, new Date()),
    ),
  );

export const liftCardComplianceHold = (store: CardStore) =>
  onCommand(LiftCardComplianceHold, (command, context) =>
    changeCard(store, context, command, (card) =>
      decideLiftHold(card, { reason: command.payload.reason, staffId: command.payload.staff_id }, new Date()),
    ),
  );
