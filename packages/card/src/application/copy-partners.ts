import { PartnerReactivated, PartnerSuspended } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { CardStore } from "./card-store.ts";

/**
 * `card`'s copy of whether Koban's staff have suspended a partner (principle 3): a suspended
 * partner's cards decline. Each event carries the whole status, so the newest stream version
 * wins whatever order they arrive in.
 */
const copyStatus = (store: CardStore, definition: typeof PartnerSuspended | typeof PartnerReactivated) =>
  onEvent(definition, async (event, { tx }) => {
    await store.copyPartnerStatus(tx, {
      id: event.payload.partner_id,
      suspended: definition === PartnerSuspended,
      version: event.stream?.version ?? 1,
    });
  });

export const copyPartners = (store: CardStore) => [
  copyStatus(store, PartnerSuspended),
  copyStatus(store, PartnerReactivated),
];
