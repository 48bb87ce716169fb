import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import {
  type Account,
  type AccountKind,
  type Applied,
  accountRules,
  applyTransfer,
  assertSameTransfer,
  type Hold,
  postHold,
  rejected,
  type TransferRequest,
  voidHold,
} from "../domain/ledger.ts";
import type { AccountIdentity, LedgerStore } from "./ledger-store.ts";

export interface TransferOutcome extends Applied {
  /** false when the transfer already existed with the same fields: nothing changed. */
  created: boolean;
}

/**
 * Applies transfers linked: all or none (the caller's transaction rolls back on the first
 * rejection). Locks the holds named, then every account involved in id order, then checks and
 * applies each transfer in order against the balances as the earlier ones left them.
 *
 * No overspend: a balance is read only under its row lock and written before the lock is let
 * go at commit, so two holds on one balance take turns and the second sees the first.
 */
export async function createTransfers(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  requests: readonly TransferRequest[],
  now: Date,
  options: { correlationId?: string | null } = {},
): Promise<TransferOutcome[]> {
  // A hold asked for again (same id) is read too, so its answer is the hold as it is.
  const holdIds = requests.flatMap((r) =>
    r.type === "post_pending" || r.type === "void_pending" ? [r.pendingId] : r.type === "pending" ? [r.id] : [],
  );
  const holds = await store.lockHolds(db, tenant, holdIds);
  const accountIds = new Set<string>();
  for (const request of requests) {
    if (request.type === "single_phase" || request.type === "pending") {
      accountIds.add(request.debitAccountId);
      accountIds.add(request.creditAccountId);
    } else {
      const hold = holds.get(request.pendingId);
      if (hold) {
        accountIds.add(hold.debitAccountId);
        accountIds.add(hold.creditAccountId);
      }
    }
  }
  const accounts = await store.lockAccounts(db, tenant, [...accountIds]);
  // Read after the locks: a concurrent request with the same id has committed or rolled back by now.
  const existing = await store.transfers(
    db,
    tenant,
    requests.map((r) => r.id),
  );

  const account = (id: string): Account => {
    const found = accounts.get(id);
    if (!found) throw rejected.accountNotFound(id);
    return found;
  };
  const outcomes: TransferOutcome[] = [];
  const changedHolds = new Map<string, { hold: Hold; isNew: boolean }>();
  for (const request of requests) {
    const before = existing.get(request.id);
    if (before) {
      assertSameTransfer(before, request);
      const hold = holds.get(before.pendingId ?? before.id) ?? changedHolds.get(before.id)?.hold;
      outcomes.push({
        transfer: before,
        debit: account(before.debitAccountId),
        credit: account(before.creditAccountId),
        ...(hold ? { hold } : {}),
        created: false,
      });
      continue;
    }
    let applied: Applied;
    if (request.type === "single_phase" || request.type === "pending") {
      applied = applyTransfer(request, account(request.debitAccountId), account(request.creditAccountId), now);
    } else {
      const hold = changedHolds.get(request.pendingId)?.hold ?? holds.get(request.pendingId);
      if (!hold) throw rejected.holdNotFound(request.pendingId);
      const debit = account(hold.debitAccountId);
      const credit = account(hold.creditAccountId);
      applied =
        request.type === "post_pending"
          ? postHold(request, hold, debit, credit, now)
          : voidHold(request, hold, debit, credit, now);
    }
    accounts.set(applied.debit.id, applied.debit);
    accounts.set(applied.credit.id, applied.credit);
    existing.set(applied.transfer.id, applied.transfer);
    if (applied.hold) {
      const isNew = applied.transfer.type === "pending" || (changedHolds.get(applied.hold.id)?.isNew ?? false);
      changedHolds.set(applied.hold.id, { hold: applied.hold, isNew });
    }
    outcomes.push({ ...applied, created: true });
  }

  const changedAccounts = new Map<string, Account>();
  for (const outcome of outcomes.filter((o) => o.created)) {
    await store.insertTransfer(db, tenant, outcome.transfer);
    changedAccounts.set(outcome.debit.id, accounts.get(outcome.debit.id) as Account);
    changedAccounts.set(outcome.credit.id, accounts.get(outcome.credit.id) as Account);
  }
  for (const { hold, isNew } of changedHolds.values()) {
    if (isNew) await store.insertHold(db, tenant, hold, options.correlationId ?? null);
    else await store.updateHold(db, hold);
  }
  await store.saveAccounts(db, [...changedAccounts.values()]);
  return outcomes;
}

/** The account of this identity, opened if there is none yet; `opened` says whether this call opened it. */
export async function accountFor(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  identity: AccountIdentity,
  newAccountId: () => string,
  now: Date,
): Promise<{ account: Account; opened: boolean }> {
  const found = await store.findAccount(db, tenant, identity);
  if (found) return { account: found, opened: false };
  return store.openAccount(db, tenant, newAccount(newAccountId(), identity), now);
}

export function newAccount(
  id: string,
  identity: { kind: AccountKind; ownerId: string | null; currency: string },
): Account {
  return {
    id,
    ...identity,
    ...accountRules(identity.kind),
    debitsPending: 0,
    debitsPosted: 0,
    creditsPending: 0,
    creditsPosted: 0,
    sequence: 0,
  };
}
