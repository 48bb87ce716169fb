import { ClearingPosted, ClearingPostingRefused } from "@koban/contracts";
import { onEvent, PermanentError } from "@koban/messaging";
import type { ClearingStore } from "./clearing-store.ts";

const tenantOf = (event: { type: string; tenant: { partnerId: string; livemode: boolean } | null }) => {
  if (!event.tenant) throw new PermanentError(`${event.type} needs a tenant`);
  return event.tenant;
};

/** account posted the transaction: clearing's part is confirmed, and what it was counts in its day's settlement. */
export const confirmPostedTransaction = (store: ClearingStore) =>
  onEvent(ClearingPosted, async (event, { tx }) => {
    const p = event.payload;
    await store.recordPosting(tx, tenantOf(event), p.transaction_id, {
      type: p.type,
      forced: p.forced,
      shortfall: p.shortfall,
      postedAt: new Date(p.posted_at),
    });
  });

/** account could not post it: kept, refused, for staff (reconciliation shows it). */
export const recordRefusedTransaction = (store: ClearingStore) =>
  onEvent(ClearingPostingRefused, async (event, { tx }) => {
    const p = event.payload;
    await store.recordRefusal(tx, tenantOf(event), p.transaction_id, `${p.code}: ${p.message}`);
  });
