import type { accountBalance, Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { z } from "zod";

/** Keeps a balance a ledger event reported, at the moment the ledger moved (the event's time). */
export async function recordBalance(
  tx: Queryable,
  tenant: Tenant,
  currency: string,
  balance: z.infer<typeof accountBalance>,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO query.balance_history (account_id, sequence, partner_id, livemode, kind, currency, posted, pending, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      balance.account_id,
      balance.sequence,
      tenant.partnerId,
      tenant.livemode,
      balance.kind,
      currency,
      balance.posted,
      balance.pending,
      at,
    ],
  );
}
