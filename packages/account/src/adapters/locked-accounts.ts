import type { Tenant } from "@koban/contracts";
import { type Queryable, runAtCommit, transactionState } from "@koban/db";
import pg from "pg";
import type { AccountIdentity } from "../application/ledger-store.ts";
import type { Account } from "../domain/ledger.ts";

/**
 * The accounts a transaction has locked, as it has changed them. Once a row is locked (FOR UPDATE)
 * nobody else can change it until COMMIT, so this transaction may keep it in memory: a batch of a
 * hundred postings then reads the tenant's settlement account once instead of a hundred times,
 * and writes each account once, with COMMIT, instead of once per transfer (a hundred versions of one
 * hot row, each read past by the next statement). Every read of a locked account in the
 * transaction must come from here, since the row in the table is behind until COMMIT.
 */
export interface LockedAccounts {
  /** By account id, with the tenant it was read under (a batch can span tenants). */
  entries: Map<string, { tenant: string; account: Account }>;
  dirty: Set<string>;
}

const key = Symbol("account.locked-accounts");
const tenantKey = (tenant: Tenant) => `${tenant.partnerId}:${tenant.livemode}`;

/** This transaction's locked accounts; undefined outside a transaction begun by @koban/db (then nothing is kept). */
export function lockedAccounts(db: Queryable): LockedAccounts | undefined {
  return transactionState(db, key, () => {
    const locked: LockedAccounts = { entries: new Map(), dirty: new Set() };
    runAtCommit(db, () => writeStatement(locked));
    return locked;
  });
}

export function lockedAccount(locked: LockedAccounts, tenant: Tenant, id: string): Account | undefined {
  const entry = locked.entries.get(id);
  return entry && entry.tenant === tenantKey(tenant) ? entry.account : undefined;
}

export function findLocked(locked: LockedAccounts, tenant: Tenant, identity: AccountIdentity): Account | undefined {
  const wanted = tenantKey(tenant);
  for (const { tenant: owner, account } of locked.entries.values()) {
    if (
      owner === wanted &&
      account.kind === identity.kind &&
      account.ownerId === identity.ownerId &&
      account.currency === identity.currency
    ) {
      return account;
    }
  }
  return undefined;
}

export function keepLocked(locked: LockedAccounts, tenant: Tenant, account: Account): void {
  locked.entries.set(account.id, { tenant: tenantKey(tenant), account });
}

/**
 * Records new balances of locked accounts, to be written with COMMIT. False if any is not locked
 * here: the caller then writes them all at once, and the ones kept here are brought up to date.
 */
export function changeLocked(locked: LockedAccounts, accounts: readonly Account[]): boolean {
  const all = accounts.every((account) => locked.entries.has(account.id));
  for (const account of accounts) {
    const entry = locked.entries.get(account.id);
    if (!entry) continue;
    entry.account = account;
    if (all) locked.dirty.add(account.id);
  }
  return all;
}

/** What a savepoint restores: a savepoint rolled back also releases the row locks taken since. */
export function checkpoint(locked: LockedAccounts): LockedAccounts {
  return {
    entries: new Map([...locked.entries].map(([id, entry]) => [id, { ...entry }])),
    dirty: new Set(locked.dirty),
  };
}

export function restore(locked: LockedAccounts, to: LockedAccounts): void {
  locked.entries = to.entries;
  locked.dirty = to.dirty;
}

const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer balance: ${n}`);
  return String(n);
};

/** One UPDATE of every changed account, sent with COMMIT (simple protocol: values quoted here). */
function writeStatement(locked: LockedAccounts): string | undefined {
  const changed = [...locked.dirty].sort().flatMap((id) => {
    const account = locked.entries.get(id)?.account;
    return account ? [account] : [];
  });
  if (changed.length === 0) return undefined;
  const values = changed
    .map(
      (a) =>
        `(${pg.escapeLiteral(a.id)}, ${integer(a.debitsPending)}, ${integer(a.debitsPosted)}, ${integer(a.creditsPending)}, ${integer(a.creditsPosted)}, ${integer(a.sequence)})`,
    )
    .join(", ");
  return `UPDATE account.accounts a SET debits_pending = v.dpe, debits_posted = v.dpo, credits_pending = v.cpe,
    credits_posted = v.cpo, sequence = v.seq
    FROM (VALUES ${values}) AS v (id, dpe, dpo, cpe, cpo, seq) WHERE a.id = v.id`;
}
