import type { CalendarPeriods, Spent, Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { AuthorizationPart } from "../domain/authorization.ts";
import type { Cardholder } from "../domain/cardholder.ts";

/** What the handlers need from storage; the SQL lives in adapters/, which depends on this, not the reverse. */
export interface CardholderStore {
  /** A cardholder of this tenant only: another tenant's id is as good as unknown. */
  load(db: Queryable, tenant: Tenant, id: string, options?: { forUpdate?: boolean }): Promise<Cardholder | undefined>;
  insert(db: Queryable, tenant: Tenant, state: Cardholder): Promise<void>;
  /** Writes `after` only if the row is still at `before`'s version; false if another writer got there first. */
  update(db: Queryable, tenant: Tenant, before: Cardholder, after: Cardholder): Promise<boolean>;
  /**
   * The cardholder, its row locked until the transaction ends: authorizations of one cardholder
   * (on any of its cards) are checked one at a time, each counting the parts recorded before it.
   */
  lockForAuthorization(db: Queryable, tenant: Tenant, id: string): Promise<Cardholder | undefined>;
  /** Keeps the copy of a program's time zone (programs do not change yet: a repeat changes nothing). */
  copyProgram(db: Queryable, tenant: Tenant, program: { id: string; timezone: string }): Promise<void>;
  programTimeZone(db: Queryable, tenant: Tenant, programId: string): Promise<string | undefined>;
  /** The cardholder's part of an authorization, locked. */
  authorizationPart(db: Queryable, tenant: Tenant, authorizationId: string): Promise<AuthorizationPart | undefined>;
  /** Writes a part: a new one only if no other transaction wrote it first (false otherwise), an existing one over what was read. */
  saveAuthorizationPart(db: Queryable, tenant: Tenant, part: AuthorizationPart, isNew: boolean): Promise<boolean>;
  /** What the cardholder's counted parts, other than this authorization's, spent in each period. */
  spent(db: Queryable, tenant: Tenant, cardholderId: string, periods: CalendarPeriods, except: string): Promise<Spent>;
  /** What an authorization and its increments other than `except` still hold (the counted ones). */
  authorizedSoFar(db: Queryable, tenant: Tenant, original: string, except: string): Promise<number>;
}
