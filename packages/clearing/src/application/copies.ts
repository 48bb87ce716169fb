import { AuthorizationAdvised, AuthorizationRequested, CardIssued, ProgramCreated } from "@koban/contracts";
import { onEvent, PermanentError } from "@koban/messaging";
import type { ClearingStore } from "./clearing-store.ts";

/**
 * clearing's own copies of the facts it matches records with (principle 3): never a read of
 * another context's schema.
 */
function tenantOf(event: { type: string; tenant: { partnerId: string; livemode: boolean } | null }) {
  if (!event.tenant) throw new PermanentError(`${event.type} needs a tenant`);
  return event.tenant;
}

export const copyIssuedCard = (store: ClearingStore) =>
  onEvent(CardIssued, async (event, { tx }) => {
    const card = event.payload;
    await store.saveCard(tx, {
      id: card.card_id,
      panDigest: card.pan_digest,
      tenant: tenantOf(event),
      cardholderId: card.cardholder_id,
      programId: card.program_id,
    });
  });

export const copyCreatedProgram = (store: ClearingStore) =>
  onEvent(ProgramCreated, async (event, { tx }) => {
    const program = event.payload;
    await store.saveProgram(tx, {
      id: program.program_id,
      tenant: tenantOf(event),
      currency: program.currency,
      timezone: program.timezone,
    });
  });

export const copyRequestedAuthorization = (store: ClearingStore) =>
  onEvent(AuthorizationRequested, async (event, { tx }) => {
    const p = event.payload;
    await store.saveAuthorization(tx, {
      id: p.authorization_id,
      sagaId: event.correlationId,
      tenant: tenantOf(event),
      cardId: p.card_id,
      amount: p.amount,
      currency: p.currency,
      stan: p.network.stan,
      rrn: p.network.rrn,
    });
  });

/** A stand-in approval the network advised: it clears like any authorization (with no hold behind it). */
export const copyAdvisedAuthorization = (store: ClearingStore) =>
  onEvent(AuthorizationAdvised, async (event, { tx }) => {
    const p = event.payload;
    await store.saveAuthorization(tx, {
      id: p.authorization_id,
      sagaId: event.correlationId,
      tenant: tenantOf(event),
      cardId: p.card_id,
      amount: p.amount,
      currency: p.currency,
      stan: p.network.stan,
      rrn: p.network.rrn,
    });
  });
