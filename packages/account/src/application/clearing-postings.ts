import {
  ClearingPosted,
  ClearingPostingRefused,
  DomainError,
  newId,
  type PayloadOf,
  type Tenant,
  TransactionCleared,
  type TransactionType,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { type HandlerContext, onEvent } from "@koban/messaging";
import { drawDown, payFromHolds, shortfallOf, withinTolerance } from "../domain/clearing.ts";
import { type Account, balanceOf } from "../domain/ledger.ts";
import type { AuthorizationHold, AuthorizationHoldStore } from "./authorization-holds.ts";
import { tenantOf } from "./handlers.ts";
import type { LedgerStore } from "./ledger-store.ts";
import { type Emit, openAccount, placeHold, resolveHold, snapshot } from "./operations.ts";
import { createTransfers } from "./transfers.ts";

/** What account posted for a cleared transaction, once per transaction. */
export interface ClearingPosting {
  transactionId: string;
  status: "posted" | "refused";
  type: TransactionType | null;
  authorizationId: string | null;
  amount: number;
  currency: string;
  fee: number;
  forced: boolean;
  shortfall: number;
  transferIds: string[];
  refusal: string | null;
  postedAt: Date;
}

export interface ClearingPostingStore {
  exists(db: Queryable, tenant: Tenant, transactionId: string): Promise<boolean>;
  insert(db: Queryable, tenant: Tenant, posting: ClearingPosting): Promise<void>;
}

type Cleared = PayloadOf<typeof TransactionCleared>;

interface Posted {
  type: TransactionType;
  holdId: string | null;
  fromHold: number;
  released: number;
  excess: number;
  forced: boolean;
  /** The card's balance after, and what this posting debited from it (negative: credited). */
  balance: Account;
  debited: number;
  transferIds: string[];
}

/**
 * The balance a cleared transaction moves: the one its authorization's hold was on, else the
 * cardholder's prepaid balance in its currency, else the program's funding.
 */
async function balanceFor(
  ledger: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  p: Cleared,
  holdSource: { type: "program"; program_id: string } | { type: "cardholder"; cardholder_id: string } | null,
): Promise<Account> {
  const prepaid = () =>
    ledger.findAccount(db, tenant, { kind: "cardholder_prepaid", ownerId: p.cardholder_id, currency: p.currency });
  const funding = async () => {
    const program = await ledger.program(db, tenant, p.program_id);
    if (!program || program.currency !== p.currency) return undefined;
    return ledger.findAccount(db, tenant, { kind: "program_funding", ownerId: program.id, currency: p.currency });
  };
  const account =
    holdSource?.type === "program"
      ? await funding()
      : holdSource?.type === "cardholder"
        ? await prepaid()
        : ((await prepaid()) ?? (await funding()));
  if (!account) {
    throw new DomainError(
      "account_not_found",
      `Cardholder ${p.cardholder_id} has no ${p.currency} balance to post transaction ${p.transaction_id} on.`,
    );
  }
  return account;
}

/** A single-phase transfer between the card's balance and the network settlement account. */
async function direct(
  ledger: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  request: { debit: string; credit: string; amount: number; currency: string; forced: boolean; code: string },
  transactionId: string,
  now: Date,
) {
  const id = newId("tr");
  const [outcome] = await createTransfers(
    ledger,
    db,
    tenant,
    [
      {
        id,
        type: "single_phase",
        debitAccountId: request.debit,
        creditAccountId: request.credit,
        amount: request.amount,
        currency: request.currency,
        forced: request.forced,
        code: request.code,
        metadata: { transaction_id: transactionId },
      },
    ],
    now,
    { fresh: true },
  );
  if (!outcome) throw new Error("no outcome for a clearing transfer");
  return { id, outcome };
}

/** Would debiting `amount` more take this balance past what it holds? */
const wouldOverdraw = (account: Account, amount: number) =>
  account.debitsMustNotExceedCredits && account.debitsPending + account.debitsPosted + amount > account.creditsPosted;

async function post(
  ledger: LedgerStore,
  parts: AuthorizationHoldStore,
  context: HandlerContext,
  emit: Emit,
  tenant: Tenant,
  event: { payload: Cleared; correlationId: string },
  now: Date,
): Promise<Posted> {
  const { tx } = context;
  const p = event.payload;
  const family = p.authorization_id ? await parts.lockWithIncrements(tx, tenant, p.authorization_id) : undefined;
  const part = family?.part;
  const settlement = await openAccount(
    ledger,
    tx,
    tenant,
    { kind: "network_settlement", ownerId: null, currency: p.currency },
    emit,
    now,
  );
  // Every posting of the tenant moves this account (and the revenue one, for a fee): taken first, as
  // every transaction takes the tenant's ownerless accounts, so postings handled together in one
  // transaction (a batch) never hold a card's balance while waiting for them, which would deadlock.
  const revenue =
    p.fee > 0
      ? await openAccount(ledger, tx, tenant, { kind: "revenue", ownerId: null, currency: p.currency }, emit, now)
      : undefined;
  await ledger.lockAccounts(tx, tenant, revenue ? [settlement.id, revenue.id] : [settlement.id]);
  const source = await balanceFor(ledger, tx, tenant, p, part?.holdSource ?? null);

  if (p.kind === "refund") {
    const { id, outcome } = await direct(
      ledger,
      tx,
      tenant,
      {
        debit: settlement.id,
        credit: source.id,
        amount: p.amount,
        currency: p.currency,
        forced: false,
        code: "refund",
      },
      p.transaction_id,
      now,
    );
    return {
      type: "refund",
      holdId: null,
      fromHold: 0,
      released: 0,
      excess: 0,
      forced: false,
      balance: outcome.credit,
      debited: -p.amount,
      transferIds: [id],
    };
  }

  // Only account knows whether a hold is still live: expired (swept or not), voided or posted, it is not.
  // The authorization's own hold pays first, then its increments' (a hotel stay that grew).
  const increments = family?.increments ?? [];
  const confirmed = [part, ...increments].filter(
    (candidate): candidate is AuthorizationHold & { holdId: string } =>
      candidate?.state === "confirmed" && candidate.holdId !== null,
  );
  const found = await ledger.lockHolds(
    tx,
    tenant,
    confirmed.map((candidate) => candidate.holdId),
  );
  const live = confirmed.flatMap((candidate) => {
    const hold = found.get(candidate.holdId);
    return hold?.status === "pending" && Date.parse(hold.expiresAt) > now.getTime() ? [hold] : [];
  });
  const [first] = live;
  if (!first || !part || !p.authorization_id) {
    const { id, outcome } = await direct(
      ledger,
      tx,
      tenant,
      {
        debit: source.id,
        credit: settlement.id,
        amount: p.amount,
        currency: p.currency,
        forced: true,
        code: "force_post",
      },
      p.transaction_id,
      now,
    );
    return {
      type: "force_post",
      holdId: null,
      fromHold: 0,
      released: 0,
      excess: 0,
      forced: true,
      balance: outcome.debit,
      debited: p.amount,
      transferIds: [id],
    };
  }

  const held = live.reduce((sum, hold) => sum + hold.amount, 0);
  const share = drawDown(held, p.amount, p.sequence === p.count);
  const transferIds: string[] = [];
  for (const { hold, take } of payFromHolds(live, share.fromHold)) {
    const transferId = newId("tr");
    const request =
      take > 0
        ? { type: "post_pending" as const, holdId: hold.id, transferId, amount: take }
        : { type: "void_pending" as const, holdId: hold.id, transferId };
    const resolved = await resolveHold(ledger, tx, tenant, request, emit, now);
    if (resolved.debit.account_id !== source.id) throw new Error(`hold ${hold.id} is not on ${source.id}`);
    transferIds.push(transferId);
  }
  let balance = await lockOne(ledger, tx, tenant, source.id);
  if (share.keep > 0 && part.holdSource) {
    // Several presentments: what this one did not take stays held for the next, until the same expiry.
    const remainder = newId("hold");
    const seconds = Math.max(1, Math.ceil((Date.parse(first.expiresAt) - now.getTime()) / 1000));
    await placeHold(
      ledger,
      tx,
      tenant,
      {
        hold_id: remainder,
        source: part.holdSource,
        amount: share.keep,
        currency: p.currency,
        expires_in_seconds: seconds,
        reference: p.authorization_id,
      },
      emit,
      now,
      event.correlationId,
    );
    transferIds.push(remainder);
    await parts.replaceHold(tx, p.authorization_id, remainder);
    balance = await lockOne(ledger, tx, tenant, source.id);
  }
  let forced = false;
  const authorized = (p.authorized_amount ?? first.amount) + (held - first.amount);
  if (share.excess > 0) {
    // More than was held: taken anyway (the network has cleared it), forced only if the balance cannot cover it.
    forced = wouldOverdraw(balance, share.excess);
    const { id, outcome } = await direct(
      ledger,
      tx,
      tenant,
      {
        debit: source.id,
        credit: settlement.id,
        amount: share.excess,
        currency: p.currency,
        forced,
        code: "presentment_excess",
      },
      p.transaction_id,
      now,
    );
    transferIds.push(id);
    balance = outcome.debit;
  }
  const type: TransactionType =
    share.excess > 0 && !withinTolerance(share.excess, authorized) ? "force_post" : "purchase";
  return {
    type,
    holdId: first.id,
    fromHold: share.fromHold,
    released: share.released,
    excess: share.excess,
    forced,
    balance,
    debited: p.amount,
    transferIds,
  };
}

/** The card's balance, then the tenant's network settlement and revenue accounts in the currency, as they are now. */
async function touchedAccounts(ledger: LedgerStore, db: Queryable, tenant: Tenant, balance: Account, currency: string) {
  const accounts = [balance];
  for (const kind of ["network_settlement", "revenue"] as const) {
    const found = await ledger.findAccount(db, tenant, { kind, ownerId: null, currency });
    if (found) accounts.push(found);
  }
  return accounts;
}

async function lockOne(ledger: LedgerStore, db: Queryable, tenant: Tenant, id: string): Promise<Account> {
  const account = (await ledger.lockAccounts(db, tenant, [id])).get(id);
  if (!account) throw new Error(`account ${id} vanished`);
  return account;
}

/** The interchange the network pays on a record: less owed to the network, Koban's revenue. */
async function postFee(ledger: LedgerStore, db: Queryable, tenant: Tenant, p: Cleared, emit: Emit, now: Date) {
  const identity = (kind: "network_settlement" | "revenue") => ({ kind, ownerId: null, currency: p.currency });
  const settlement = await openAccount(ledger, db, tenant, identity("network_settlement"), emit, now);
  const revenue = await openAccount(ledger, db, tenant, identity("revenue"), emit, now);
  const { id } = await direct(
    ledger,
    db,
    tenant,
    {
      debit: settlement.id,
      credit: revenue.id,
      amount: p.fee,
      currency: p.currency,
      forced: false,
      code: "interchange",
    },
    p.transaction_id,
    now,
  );
  return id;
}

/**
 * account's part of the clearing saga: posts a cleared transaction in the ledger. A presentment
 * matched to a live hold draws it down (in full, in part with the rest released on the last of
 * `count`, or beyond it by an excess); one with no live hold (none, declined, expired, already
 * posted) is force posted, the only way a prepaid balance goes below zero; a refund gives the
 * money back. Posted once per transaction; a refusal (no balance in that currency) changes
 * nothing in the ledger and is published for staff.
 */
export const postClearedTransaction = (
  ledger: LedgerStore,
  parts: AuthorizationHoldStore,
  postings: ClearingPostingStore,
) =>
  onEvent(TransactionCleared, async (event, context) => {
    const tenant = tenantOf(event);
    const p = event.payload;
    if (await postings.exists(context.tx, tenant, p.transaction_id)) return;
    const now = new Date();
    const emitted: Array<Parameters<Emit>> = [];
    const emit: Emit = (...args) => emitted.push(args);
    let outcome: { posted: Posted; feeTransfer: string | null };
    try {
      outcome = await ledger.savepoint(context.tx, "clearing_posting", async () => ({
        posted: await post(ledger, parts, context, emit, tenant, event, now),
        feeTransfer: p.fee > 0 ? await postFee(ledger, context.tx, tenant, p, emit, now) : null,
      }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await postings.insert(context.tx, tenant, {
        transactionId: p.transaction_id,
        status: "refused",
        type: null,
        authorizationId: p.authorization_id,
        amount: p.amount,
        currency: p.currency,
        fee: p.fee,
        forced: false,
        shortfall: 0,
        transferIds: [],
        refusal: `${error.code}: ${error.message}`.slice(0, 500),
        postedAt: now,
      });
      context.emit(
        ClearingPostingRefused,
        {
          transaction_id: p.transaction_id,
          code: error.code.slice(0, 100),
          message: error.message.slice(0, 500),
          refused_at: now.toISOString(),
        },
        { id: `${p.transaction_id}:account`, version: 1 },
      );
      return;
    }
    const { posted, feeTransfer } = outcome;
    for (const args of emitted) context.emit(...args);
    const moved = await touchedAccounts(ledger, context.tx, tenant, posted.balance, p.currency);
    const shortfall = posted.debited > 0 ? shortfallOf(balanceOf(posted.balance).posted, posted.debited) : 0;
    const transferIds = feeTransfer ? [...posted.transferIds, feeTransfer] : posted.transferIds;
    await postings.insert(context.tx, tenant, {
      transactionId: p.transaction_id,
      status: "posted",
      type: posted.type,
      authorizationId: p.authorization_id,
      amount: p.amount,
      currency: p.currency,
      fee: p.fee,
      forced: posted.forced,
      shortfall,
      transferIds,
      refusal: null,
      postedAt: now,
    });
    context.emit(
      ClearingPosted,
      {
        transaction_id: p.transaction_id,
        type: posted.type,
        authorization_id: p.authorization_id,
        hold_id: posted.holdId,
        amount: p.amount,
        currency: p.currency,
        from_hold: posted.fromHold,
        released: posted.released,
        excess: posted.excess,
        forced: posted.forced,
        shortfall,
        fee: p.fee,
        balances: moved.map(snapshot),
        transfer_ids: transferIds,
        posted_at: now.toISOString(),
      },
      { id: `${p.transaction_id}:account`, version: 1 },
    );
  });
