import { CardholderClosed, CardholderReactivated, CardholderRegistered, CardholderSuspended } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { CardholderFacts } from "../domain/issue.ts";
import type { CardStore } from "./card-store.ts";
import { tenantOf } from "./commit.ts";

/**
 * `card` keeps its own copy of the cardholders it issues cards to (principle 3), built from
 * `cardholder`'s events: each of these carries the whole status, so the newest stream version
 * wins whatever order they arrive in, and the copy skips the events that don't touch status.
 */
const copyStatus = (
  store: CardStore,
  definition: typeof CardholderSuspended | typeof CardholderReactivated | typeof CardholderClosed,
  status: CardholderFacts["status"],
) =>
  onEvent(definition, async (event, { tx }) => {
    await store.copyCardholder(tx, tenantOf(event), {
      id: event.payload.cardholder_id,
      status,
      version: event.stream?.version ?? 1,
    });
  });

export const copyCardholders = (store: CardStore) => [
  onEvent(CardholderRegistered, async (event, { tx }) => {
    await store.copyCardholder(tx, tenantOf(event), {
      id: event.payload.cardholder_id,
      status: event.payload.status,
      version: event.stream?.version ?? 1,
    });
  }),
  copyStatus(store, CardholderSuspended, "suspended"),
  copyStatus(store, CardholderReactivated, "active"),
  copyStatus(store, CardholderClosed, "closed"),
];
