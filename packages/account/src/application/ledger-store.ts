import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { Account, AccountKind, Hold, Transfer } from "../domain/ledger.ts";

/** `account`'s copy of a program: its currency, and the funding account opened for it. */
export interface ProgramFacts {
  id: string;
  currency: string;
  fundingAccountId: string;
}

export interface AccountIdentity {
  kind: AccountKind;
  ownerId: string | null;
  currency: string;
}

/** A hold as the expiry sweep finds it: with its tenant and the saga it belongs to. */
export interface DueHold extends Hold {
  tenant: Tenant;
  correlationId: string | null;
}

/**
 * What the ledger needs from storage; the SQL lives in adapters/. Every read is of one tenant:
 * another tenant's account or hold is as good as unknown.
 */
export interface LedgerStore {
  program(db: Queryable, tenant: Tenant, id: string): Promise<ProgramFacts | undefined>;
  /** Keeps the copy of a program; false when it was already kept. */
  copyProgram(db: Queryable, tenant: Tenant, program: ProgramFacts): Promise<boolean>;
  findAccount(db: Queryable, tenant: Tenant, identity: AccountIdentity): Promise<Account | undefined>;
  /** Inserts the account unless one with its identity exists; returns the one that is there, and whether it is new. */
  openAccount(
    db: Queryable,
    tenant: Tenant,
    account: Account,
    at: Date,
  ): Promise<{ account: Account; opened: boolean }>;
  /**
   * Locks the accounts (FOR UPDATE, the tenant's ownerless accounts first, then by id, so two
   * transactions never wait on each other in a cycle) and reads them as they are now: what makes
   * two holds on one balance take turns.
   */
  lockAccounts(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Account>>;
  saveAccounts(db: Queryable, accounts: readonly Account[]): Promise<void>;
  /**
   * Runs fn under a savepoint named `name`: if it throws, everything it did in the transaction is
   * undone (and the error rethrown), the rest of the transaction goes on.
   */
  savepoint<T>(db: Queryable, name: string, fn: () => Promise<T>): Promise<T>;
  transfers(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Transfer>>;
  insertTransfer(db: Queryable, tenant: Tenant, transfer: Transfer): Promise<void>;
  /** Locks the holds (FOR UPDATE, in id order), taken before any account. */
  lockHolds(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Hold>>;
  /** Reads holds without locking them (to answer a repeated request: taken after accounts, a lock could deadlock). */
  holds(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Hold>>;
  insertHold(db: Queryable, tenant: Tenant, hold: Hold, correlationId: string | null): Promise<void>;
  updateHold(db: Queryable, hold: Hold): Promise<void>;
  /** Pending holds due by `now`, locked, skipping those another transaction holds (a second sweeper, a post). */
  lockDueHolds(db: Queryable, now: Date, limit: number): Promise<DueHold[]>;
}
