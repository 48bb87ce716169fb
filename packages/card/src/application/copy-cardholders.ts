import { CardholderRegistered } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { CardStore } from "./card-store.ts";
import { tenantOf } from "./commit.ts";

/**
 * `card` keeps its own copy of the cardholders it issues cards to (principle 3), built from
 * `cardholder`'s events; status changes (suspended, reactivated, closed) join it with the
 * events that carry them.
 */
export const copyRegisteredCardholder = (store: CardStore) =>
  onEvent(CardholderRegistered, async (event, { tx }) => {
    await store.copyCardholder(tx, tenantOf(event), {
      id: event.payload.cardholder_id,
      status: event.payload.status,
      version: event.stream?.version ?? 1,
    });
  });
