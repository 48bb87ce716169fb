import { type Envelope, HoldExpired } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { decideExpiry, evolve, type Ledger } from "../domain/ledger.ts";
import type { LedgerStore } from "./ledger-store.ts";
import { snapshot } from "./operations.ts";

/**
 * Expires every pending hold due by `now`, in batches of `batchSize`, one transaction per batch:
 * the hold's reservation goes back on both sides and HoldExpired goes to the outbox with it.
 * The worker calls it periodically. Safe to repeat (an expired hold is not pending any more)
 * and to run in two processes at once: each locks its batch and skips the holds another
 * transaction has locked (another sweeper's, or a post or void in flight). Returns how many it
 * expired.
 */
export async function sweepDueHolds(
  store: LedgerStore,
  pool: Pool,
  now: Date,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  let total = 0;
  for (;;) {
    const expired = await retryDeadlock(() =>
      transaction(pool, async (tx) => {
        const holds = await store.lockDueHolds(tx, now, batchSize);
        if (holds.length === 0) return 0;
        const envelopes: Envelope[] = [];
        const byTenant = new Map<string, typeof holds>();
        for (const hold of holds) {
          const key = JSON.stringify(hold.tenant);
          byTenant.set(key, [...(byTenant.get(key) ?? []), hold]);
        }
        // Tenant by tenant in one order, accounts by id within each: two sweepers never wait on each other in a cycle.
        for (const [, group] of [...byTenant].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const tenant = group[0]?.tenant;
          if (!tenant) continue;
          const accounts = await store.lockAccounts(
            tx,
            tenant,
            group.flatMap((hold) => [hold.debitAccountId, hold.creditAccountId]),
          );
          let ledger: Ledger = { accounts, holds: new Map(group.map((hold) => [hold.id, hold])) };
          for (const hold of group) {
            ledger = evolve(ledger, decideExpiry(ledger, hold.id, now));
            const debit = ledger.accounts.get(hold.debitAccountId);
            const credit = ledger.accounts.get(hold.creditAccountId);
            const expired = ledger.holds.get(hold.id);
            if (!debit || !credit || !expired) throw new Error(`hold ${hold.id} lost its accounts`);
            await store.updateHold(tx, expired);
            envelopes.push(
              createEvent(
                HoldExpired,
                {
                  hold_id: hold.id,
                  amount: hold.amount,
                  currency: hold.currency,
                  debit: snapshot(debit),
                  credit: snapshot(credit),
                  expired_at: now.toISOString(),
                },
                {
                  source: "account",
                  tenant,
                  ...(hold.correlationId ? { correlationId: hold.correlationId } : {}),
                  stream: { id: hold.id, version: 2 },
                },
              ),
            );
          }
          await store.saveAccounts(tx, [...ledger.accounts.values()]);
        }
        await appendToOutbox(tx, "account", envelopes);
        return holds.length;
      }),
    );
    total += expired;
    if (expired < batchSize) return total;
  }
}

/**
 * A batched consumer's transaction can hold an account the sweep wants while it waits for a
 * hold the sweep has locked; Postgres breaks the cycle by failing one side. The sweep's batch
 * is simply tried again.
 */
async function retryDeadlock<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || (error as { code?: string }).code !== "40P01") throw error;
    }
  }
}
