import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { Cardholder } from "../domain/cardholder.ts";

/** What the handlers need from storage; the SQL lives in adapters/, which depends on this, not the reverse. */
export interface CardholderStore {
  /** A cardholder of this tenant only: another tenant's id is as good as unknown. */
  load(db: Queryable, tenant: Tenant, id: string, options?: { forUpdate?: boolean }): Promise<Cardholder | undefined>;
  insert(db: Queryable, tenant: Tenant, state: Cardholder): Promise<void>;
  /** Writes `after` only if the row is still at `before`'s version; false if another writer got there first. */
  update(db: Queryable, tenant: Tenant, before: Cardholder, after: Cardholder): Promise<boolean>;
}
