import type { accountBalance, Tenant } from "@koban/contracts";
import { type Queryable, runAtCommit, transactionState } from "@koban/db";
import pg from "pg";
import type { z } from "zod";
import { recordBalance } from "./balance-history.ts";

type Balance = z.infer<typeof accountBalance>;
interface Latest {
  tenant: Tenant;
  currency: string;
  balance: Balance;
}

const key = Symbol("query.account-balances");

const upsert = (values: string) =>
  `INSERT INTO query.accounts AS a (id, partner_id, livemode, kind, currency, sequence, posted, pending, available)
   VALUES ${values}
   ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, posted = excluded.posted,
     pending = excluded.pending, available = excluded.available
   WHERE a.sequence < excluded.sequence`;

const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** One statement for the newest balance of each account the transaction saw, in account order (no deadlock). */
function upsertStatement(latest: Map<string, Latest>): string | undefined {
  if (latest.size === 0) return undefined;
  const rows = [...latest.values()]
    .sort((a, b) => (a.balance.account_id < b.balance.account_id ? -1 : 1))
    .map(({ tenant, currency, balance: b }) =>
      [
        pg.escapeLiteral(b.account_id),
        pg.escapeLiteral(tenant.partnerId),
        tenant.livemode ? "true" : "false",
        pg.escapeLiteral(b.kind),
        pg.escapeLiteral(currency),
        integer(b.sequence),
        integer(b.posted),
        integer(b.pending),
        integer(b.available),
      ].join(", "),
    );
  return upsert(rows.map((row) => `(${row})`).join(",\n     "));
}

/**
 * A balance a ledger event reported: kept in its history at once, and made the account's current
 * balance unless a newer one (higher sequence) is there. The current balance of a busy account
 * (the tenant's settlement account moves with every posting) is written once per transaction, with
 * COMMIT: a batch of a hundred events then takes its row lock for one statement, not for the batch.
 */
export async function applyBalance(
  tx: Queryable,
  tenant: Tenant,
  currency: string,
  balance: Balance,
  at: string,
): Promise<void> {
  await recordBalance(tx, tenant, currency, balance, at);
  const latest = transactionState(tx, key, () => {
    const kept = new Map<string, Latest>();
    runAtCommit(tx, () => upsertStatement(kept));
    return kept;
  });
  if (!latest) {
    await tx.query(upsertStatement(new Map([[balance.account_id, { tenant, currency, balance }]])) as string);
    return;
  }
  const kept = latest.get(balance.account_id);
  if (!kept || kept.balance.sequence < balance.sequence) latest.set(balance.account_id, { tenant, currency, balance });
}
