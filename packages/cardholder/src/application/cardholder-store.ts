import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { Cardholder, CardholderEvent } from "../domain/cardholder.ts";

/** What the handlers need from storage; the SQL lives in adapters/, which depends on this, not the reverse. */
export interface CardholderStore {
  /** A cardholder of this tenant only: another tenant's id is as good as unknown. */
  load(db: Queryable, tenant: Tenant, id: string, options?: { forUpdate?: boolean }): Promise<Cardholder | undefined>;
  insert(db: Queryable, tenant: Tenant, state: Cardholder, event: CardholderEvent): Promise<void>;
}
