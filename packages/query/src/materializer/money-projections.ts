import {
  AccountOpened,
  type accountBalance,
  DepositRecorded,
  type Envelope,
  FundsTransferred,
  HoldExpired,
  HoldPlaced,
  HoldPosted,
  HoldVoided,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { type EventRegistration, onEvent } from "@koban/messaging";
import type { z } from "zod";
import { applyBalance } from "./account-balances.ts";
import { advance } from "./advance.ts";

type Balance = z.infer<typeof accountBalance>;
type Movement = { currency: string; debit: Balance; credit: Balance };

/** Both sides' balances after a movement; an older balance (lower sequence) never overwrites a newer one. */
async function applyBalances(tx: Queryable, event: Envelope<Movement>): Promise<void> {
  if (!event.tenant) return;
  for (const side of [event.payload.debit, event.payload.credit]) {
    await applyBalance(tx, event.tenant, event.payload.currency, side, event.occurredAt);
  }
}

/** A projection that only moves balances (holds' own states are not read models yet). */
function movement<D extends Parameters<typeof onEvent>[0]>(definition: D): EventRegistration {
  return onEvent(definition, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    await applyBalances(tx, event as Envelope<Movement>);
  });
}

export const moneyProjections: EventRegistration[] = [
  onEvent(AccountOpened, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.accounts (id, partner_id, livemode, kind, owner_id, currency, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, created_at = excluded.created_at`,
      [p.account_id, event.tenant.partnerId, event.tenant.livemode, p.kind, p.owner_id, p.currency, p.opened_at],
    );
  }),
  onEvent(DepositRecorded, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.deposits (id, partner_id, livemode, program_id, amount, currency, description, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        p.deposit_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.program_id,
        p.amount,
        p.currency,
        p.description,
        p.recorded_at,
      ],
    );
    await applyBalances(tx, event);
  }),
  onEvent(FundsTransferred, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.transfers (id, partner_id, livemode, program_id, cardholder_id, direction, amount, currency,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        p.transfer_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.program_id,
        p.cardholder_id,
        p.direction,
        p.amount,
        p.currency,
        p.transferred_at,
      ],
    );
    await applyBalances(tx, event);
  }),
  onEvent(HoldPlaced, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    await applyBalances(tx, event);
    // A hold placed for an authorization (again, for what a partial reversal left) is the one it stands on.
    const reference = event.payload.reference;
    if (reference?.startsWith("auth_")) {
      await tx.query("UPDATE query.authorizations SET hold_id = $2 WHERE id = $1", [reference, event.payload.hold_id]);
    }
  }),
  movement(HoldPosted),
  movement(HoldVoided),
  onEvent(HoldExpired, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    await applyBalances(tx, event);
  }),
];
