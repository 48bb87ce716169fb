import { AuthorizationExpired, HoldExpired } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { AuthorizationStore } from "./authorization-store.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ledger let a hold lapse. A hold placed for an authorization carries its saga's correlation
 * id; if that authorization is approved and something of it was still authorized, it has expired:
 * recorded on its stream, so a later reversal releases nothing and partners hear of it. A hold of
 * anything else (or one already accounted for) changes nothing here.
 */
export const expireLapsedAuthorization = (store: AuthorizationStore) =>
  onEvent(HoldExpired, async (event, { tx, emit }) => {
    if (!uuid.test(event.correlationId)) return;
    const authorization = await store.lockBySaga(tx, event.correlationId);
    const card = authorization?.card;
    if (!authorization || !card || authorization.status !== "approved" || authorization.expiredAt) return;
    const remaining = authorization.amount - authorization.reversedAmount;
    if (remaining <= 0) return;
    const expiredAt = new Date(event.payload.expired_at);
    const version = authorization.streamVersion + 1;
    await store.saveExpired(tx, authorization.id, expiredAt, version);
    emit(
      AuthorizationExpired,
      {
        authorization_id: authorization.id,
        card_id: card.id,
        cardholder_id: card.cardholderId,
        amount: remaining,
        currency: authorization.currency,
        expired_at: expiredAt.toISOString(),
      },
      { id: authorization.id, version },
      card.tenant,
    );
  });
