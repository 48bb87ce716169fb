import {
  type Envelope,
  newId,
  SettlementCalculated,
  SettlementPosted,
  type SettlementTotals,
  SettlementTransactionsListed,
  type Tenant,
} from "@koban/contracts";
import { type Pool, type Queryable, transaction } from "@koban/db";
import { appendToOutbox, createEvent, onEvent, PermanentError } from "@koban/messaging";
import { dayBefore, localDay, type SettledTransaction, settlementTotals } from "../domain/settlement.ts";

export interface Settlement {
  id: string;
  tenant: Tenant;
  currency: string;
  date: string;
  timeZone: string;
  totals: SettlementTotals;
  transactionCount: number;
  status: "calculated" | "posted";
  calculatedAt: Date;
}

export interface SettlementStore {
  /** Serializes settlement runs (the schedule and the CLI at once): a transaction-level lock. */
  lockRuns(db: Queryable): Promise<void>;
  /** The tenants and currencies with posted, unsettled transactions of `date` or before, and no settlement for `date`. */
  dueGroups(db: Queryable, date: string): Promise<Array<{ tenant: Tenant; currency: string; timeZone: string }>>;
  /** Marks those transactions settled by `settlementId`; returns them. */
  assign(
    db: Queryable,
    group: { tenant: Tenant; currency: string },
    date: string,
    settlementId: string,
  ): Promise<Array<SettledTransaction & { id: string }>>;
  insert(db: Queryable, settlement: Settlement): Promise<void>;
  on(db: Queryable, date: string): Promise<Settlement[]>;
  markPosted(db: Queryable, tenant: Tenant, settlementId: string, at: Date): Promise<void>;
  /** The schedules due by `now`, locked (another worker's are skipped). */
  lockDueSchedules(db: Queryable, now: Date): Promise<Array<{ name: string; timeZone: string; nextRunAt: Date }>>;
  /** Moves a schedule a day on (its local time of day, in its time zone), recording the day it settled. */
  advanceSchedule(db: Queryable, name: string, settled: string, now: Date): Promise<void>;
}

const CHUNK = 1_000;

/**
 * Settles `date` (a calendar day, in each program's time zone): one settlement per tenant and
 * currency, counting its posted transactions not yet settled whose posting day is `date` or
 * before (a late posting counts in the next day's). Idempotent: a day settled is not settled
 * again. Each settlement is published (SettlementCalculated, then its transactions in chunks)
 * for account to post and the read side to show.
 */
export async function settleDayIn(store: SettlementStore, tx: Queryable, date: string, now: Date) {
  await store.lockRuns(tx);
  for (const group of await store.dueGroups(tx, date)) {
    const id = newId("stl");
    const settled = await store.assign(tx, group, date, id);
    if (settled.length === 0) continue;
    const totals = settlementTotals(settled);
    const settlement: Settlement = {
      id,
      tenant: group.tenant,
      currency: group.currency,
      date,
      timeZone: group.timeZone,
      totals,
      transactionCount: settled.length,
      status: "calculated",
      calculatedAt: now,
    };
    await store.insert(tx, settlement);
    const origin = { source: "clearing" as const, tenant: group.tenant };
    const chunks = Math.ceil(settled.length / CHUNK);
    const events: Envelope[] = [
      createEvent(
        SettlementCalculated,
        {
          settlement_id: id,
          date,
          currency: group.currency,
          time_zone: group.timeZone,
          totals,
          transaction_count: settled.length,
          chunks,
          calculated_at: now.toISOString(),
        },
        { ...origin, stream: { id, version: 1 } },
      ),
    ];
    const correlationId = events[0]?.correlationId;
    for (let chunk = 1; chunk <= chunks; chunk++) {
      const ids = settled.slice((chunk - 1) * CHUNK, chunk * CHUNK).map((t) => t.id);
      events.push(
        createEvent(
          SettlementTransactionsListed,
          { settlement_id: id, chunk, transaction_ids: ids },
          { ...origin, ...(correlationId ? { correlationId } : {}), stream: { id, version: chunk + 1 } },
        ),
      );
    }
    await appendToOutbox(tx, "clearing", events);
  }
  return store.on(tx, date);
}

export function settleDay(pool: Pool, store: SettlementStore, date: string, now = new Date()) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`Invalid date: ${date} (YYYY-MM-DD)`);
  }
  return transaction(pool, (tx) => settleDayIn(store, tx, date, now));
}

/**
 * Runs every settlement schedule that is due: each run settles the day before its run's local
 * day, and moves the schedule a day on (catching up day by day after a pause). The worker calls
 * it periodically; safe in several processes at once.
 */
export async function runDueSettlements(pool: Pool, store: SettlementStore, now = new Date()): Promise<string[]> {
  const settled: string[] = [];
  for (;;) {
    const ran = await transaction(pool, async (tx) => {
      const [due] = await store.lockDueSchedules(tx, now);
      if (!due) return null;
      const day = dayBefore(localDay(due.nextRunAt, due.timeZone));
      await settleDayIn(store, tx, day, now);
      await store.advanceSchedule(tx, due.name, day, now);
      return day;
    });
    if (!ran) return settled;
    settled.push(ran);
  }
}

/** account posted the settlement's net amount: clearing's settlement is done. */
export const confirmPostedSettlement = (store: SettlementStore) =>
  onEvent(SettlementPosted, async (event, { tx }) => {
    if (!event.tenant) throw new PermanentError("SettlementPosted needs a tenant");
    await store.markPosted(tx, event.tenant, event.payload.settlement_id, new Date(event.payload.posted_at));
  });
