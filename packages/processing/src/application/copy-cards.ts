import { CardIssued } from "@koban/contracts";
import { onEvent, PermanentError } from "@koban/messaging";
import type { AuthorizationStore } from "./authorization-store.ts";

/**
 * processing's copy of `card`'s cards: number digest to card, cardholder, program and tenant. A
 * card's state is not copied: whether it may pay is `card`'s rule, checked in the saga.
 */
export const copyIssuedCard = (store: AuthorizationStore) =>
  onEvent(CardIssued, async (event, { tx }) => {
    if (!event.tenant) throw new PermanentError("CardIssued needs a tenant");
    const card = event.payload;
    await store.saveCard(tx, {
      id: card.card_id,
      panDigest: card.pan_digest,
      tenant: event.tenant,
      cardholderId: card.cardholder_id,
      programId: card.program_id,
    });
  });
