import { newId, SettlementCalculated, SettlementPosted, type Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { onEvent } from "@koban/messaging";
import { tenantOf } from "./handlers.ts";
import type { LedgerStore } from "./ledger-store.ts";
import { openAccount, snapshot } from "./operations.ts";
import { createTransfers } from "./transfers.ts";

export interface SettlementPostingStore {
  exists(db: Queryable, tenant: Tenant, settlementId: string): Promise<boolean>;
  insert(
    db: Queryable,
    tenant: Tenant,
    posting: {
      settlementId: string;
      date: string;
      currency: string;
      netAmount: number;
      transferId: string | null;
      postedAt: Date;
    },
  ): Promise<void>;
}

/**
 * account's part of a daily settlement: the day's net leaves Koban for the network (or, when the
 * network owes Koban, comes in), between the tenant's network settlement account and its
 * platform clearing account. Once per settlement.
 */
export const postSettlement = (ledger: LedgerStore, postings: SettlementPostingStore) =>
  onEvent(SettlementCalculated, async (event, context) => {
    const tenant = tenantOf(event);
    const p = event.payload;
    if (await postings.exists(context.tx, tenant, p.settlement_id)) return;
    const now = new Date();
    const net = p.totals.net_amount;
    let transferId: string | null = null;
    let balances: ReturnType<typeof snapshot>[] = [];
    if (net !== 0) {
      const identity = (kind: "network_settlement" | "platform_clearing") => ({
        kind,
        ownerId: null,
        currency: p.currency,
      });
      const settlement = await openAccount(
        ledger,
        context.tx,
        tenant,
        identity("network_settlement"),
        context.emit,
        now,
      );
      const clearing = await openAccount(ledger, context.tx, tenant, identity("platform_clearing"), context.emit, now);
      transferId = newId("tr");
      const [outcome] = await createTransfers(
        ledger,
        context.tx,
        tenant,
        [
          {
            id: transferId,
            type: "single_phase",
            debitAccountId: net > 0 ? settlement.id : clearing.id,
            creditAccountId: net > 0 ? clearing.id : settlement.id,
            amount: Math.abs(net),
            currency: p.currency,
            code: "settlement",
            metadata: { settlement_id: p.settlement_id, date: p.date },
          },
        ],
        now,
      );
      if (!outcome) throw new Error("no outcome for a settlement");
      balances = [snapshot(outcome.debit), snapshot(outcome.credit)];
    }
    await postings.insert(context.tx, tenant, {
      settlementId: p.settlement_id,
      date: p.date,
      currency: p.currency,
      netAmount: net,
      transferId,
      postedAt: now,
    });
    context.emit(
      SettlementPosted,
      {
        settlement_id: p.settlement_id,
        date: p.date,
        currency: p.currency,
        net_amount: net,
        transfer_id: transferId,
        balances,
        posted_at: now.toISOString(),
      },
      { id: `${p.settlement_id}:account`, version: 1 },
    );
  });
