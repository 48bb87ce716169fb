import type { SettlementTotals, TransactionType } from "@koban/contracts";

export interface SettledTransaction {
  type: TransactionType;
  amount: number;
  fee: number;
  shortfall: number;
}

/**
 * A day's totals: counts and sums per kind, and the net Koban pays the network (purchases and
 * force posts, less refunds and the interchange the network pays Koban).
 */
export function settlementTotals(transactions: Iterable<SettledTransaction>): SettlementTotals {
  const line = () => ({ count: 0, amount: 0 });
  const totals = { purchases: line(), refunds: line(), force_posts: line(), fees: line(), shortfall: 0 };
  for (const t of transactions) {
    const kind = t.type === "purchase" ? totals.purchases : t.type === "refund" ? totals.refunds : totals.force_posts;
    kind.count++;
    kind.amount += t.amount;
    if (t.fee > 0) {
      totals.fees.count++;
      totals.fees.amount += t.fee;
    }
    totals.shortfall += t.shortfall;
  }
  const net = totals.purchases.amount + totals.force_posts.amount - totals.refunds.amount - totals.fees.amount;
  return { ...totals, net_amount: net };
}

/** `YYYY-MM-DD` of an instant, in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The day before a `YYYY-MM-DD` day. */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
