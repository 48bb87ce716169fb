import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import {
  type Account,
  type AccountKind,
  accountRules,
  assertSameTransfer,
  decide,
  evolve,
  type Hold,
  type Ledger,
  rejected,
  type Transfer,
  type TransferRequest,
} from "../domain/ledger.ts";
import type { AccountIdentity, LedgerStore } from "./ledger-store.ts";

export interface TransferOutcome {
  transfer: Transfer;
  /** Both sides as the transfer left them (as they are now, for one that already existed). */
  debit: Account;
  credit: Account;
  /** The hold the transfer placed, posted or voided. */
  hold?: Hold;
  /** false when the transfer already existed with the same fields: nothing changed. */
  created: boolean;
}

/**
 * Applies transfers linked: all or none (the caller's transaction rolls back on the first
 * rejection). Locks the holds named, then every account involved in id order, then decides and
 * applies each transfer in order against the ledger as the earlier ones left it.
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
  options: {
    correlationId?: string | null;
    /** The ids were made just now by the caller: none can exist yet, so none is looked up. */
    fresh?: boolean;
  } = {},
): Promise<TransferOutcome[]> {
  const resolving = requests.flatMap((r) =>
    r.type === "post_pending" || r.type === "void_pending" ? [r.pendingId] : [],
  );
  const holdsBefore = new Map(await store.lockHolds(db, tenant, resolving));
  const accountIds = new Set<string>();
  for (const request of requests) {
    if (request.type === "single_phase" || request.type === "pending") {
      accountIds.add(request.debitAccountId);
      accountIds.add(request.creditAccountId);
    } else {
      const hold = holdsBefore.get(request.pendingId);
      if (hold) {
        accountIds.add(hold.debitAccountId);
        accountIds.add(hold.creditAccountId);
      }
    }
  }
  const accountsBefore = await store.lockAccounts(db, tenant, [...accountIds]);
  // Read after the locks: a concurrent request with the same id has committed or rolled back by now.
  const existing = options.fresh
    ? new Map<string, Transfer>()
    : await store.transfers(
        db,
        tenant,
        requests.map((r) => r.id),
      );

  // A hold asked for again (same id) answers with the hold as it is now.
  const repeatedHolds = [...existing.values()].filter((t) => t.type === "pending" && !holdsBefore.has(t.id));
  const repeated = await store.holds(
    db,
    tenant,
    repeatedHolds.map((t) => t.id),
  );
  for (const [id, hold] of repeated) holdsBefore.set(id, hold);

  let ledger: Ledger = { accounts: accountsBefore, holds: holdsBefore };
  const outcomes: TransferOutcome[] = [];
  const sides = (transfer: Transfer) => {
    const debit = ledger.accounts.get(transfer.debitAccountId);
    const credit = ledger.accounts.get(transfer.creditAccountId);
    if (!debit) throw rejected.accountNotFound(transfer.debitAccountId);
    if (!credit) throw rejected.accountNotFound(transfer.creditAccountId);
    const hold = ledger.holds.get(transfer.pendingId ?? transfer.id);
    return { debit, credit, ...(hold ? { hold } : {}) };
  };
  for (const request of requests) {
    const before = existing.get(request.id);
    if (before) {
      assertSameTransfer(before, request);
      outcomes.push({ transfer: before, ...sides(before), created: false });
      continue;
    }
    const event = decide(ledger, request, now);
    if (event.type !== "TransferCreated") throw new Error(`a transfer request decided ${event.type}`);
    ledger = evolve(ledger, event);
    existing.set(event.transfer.id, event.transfer);
    outcomes.push({ transfer: event.transfer, ...sides(event.transfer), created: true });
  }

  const created = outcomes.filter((o) => o.created);
  for (const outcome of created) await store.insertTransfer(db, tenant, outcome.transfer);
  for (const hold of ledger.holds.values()) {
    const previous = holdsBefore.get(hold.id);
    if (!previous) await store.insertHold(db, tenant, hold, options.correlationId ?? null);
    else if (previous !== hold) await store.updateHold(db, hold);
  }
  await store.saveAccounts(
    db,
    [...ledger.accounts.values()].filter((a) => accountsBefore.get(a.id) !== a),
  );
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
