import {
  AccountOpened,
  DepositRecorded,
  DomainError,
  FundsTransferred,
  HoldPlaced,
  HoldPosted,
  HoldVoided,
  newId,
  type PayloadOf,
  type PlaceHold,
  type RecordDeposit,
  type Tenant,
  type TransferFunds,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { HandlerContext } from "@koban/messaging";
import { type Account, balanceOf, type Hold, rejected } from "../domain/ledger.ts";
import type { AccountIdentity, LedgerStore, ProgramFacts } from "./ledger-store.ts";
import { accountFor, createTransfers, newAccount } from "./transfers.ts";

/** How an operation publishes: the handler's emit (same transaction as the state). */
export type Emit = HandlerContext["emit"];

/** An account's balance as the events and results carry it. */
export function snapshot(account: Account) {
  return {
    account_id: account.id,
    kind: account.kind,
    sequence: account.sequence,
    debits_pending: account.debitsPending,
    debits_posted: account.debitsPosted,
    credits_pending: account.creditsPending,
    credits_posted: account.creditsPosted,
    ...balanceOf(account),
  };
}

function emitOpened(emit: Emit, account: Account, at: Date): void {
  emit(
    AccountOpened,
    {
      account_id: account.id,
      kind: account.kind,
      owner_id: account.ownerId,
      currency: account.currency,
      normal_side: account.normalSide,
      debits_must_not_exceed_credits: account.debitsMustNotExceedCredits,
      opened_at: at.toISOString(),
    },
    { id: account.id, version: 1 },
  );
}

/** The account of this identity, opened (and announced) on first use. */
export async function openAccount(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  identity: AccountIdentity,
  emit: Emit,
  now: Date,
): Promise<Account> {
  const { account, opened } = await accountFor(store, db, tenant, identity, () => newId("acct"), now);
  if (opened) emitOpened(emit, account, now);
  return account;
}

/** A new program gets its funding account, in its currency; `account` keeps what it needs of the program. */
export async function openProgramFunding(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  program: { id: string; currency: string },
  emit: Emit,
  now: Date,
): Promise<void> {
  if (await store.program(db, tenant, program.id)) return;
  const identity = { kind: "program_funding" as const, ownerId: program.id, currency: program.currency };
  const { account, opened } = await store.openAccount(db, tenant, newAccount(newId("acct"), identity), now);
  await store.copyProgram(db, tenant, { id: program.id, currency: program.currency, fundingAccountId: account.id });
  if (opened) emitOpened(emit, account, now);
}

async function knownProgram(store: LedgerStore, db: Queryable, tenant: Tenant, id: string, currency: string) {
  const program = await store.program(db, tenant, id);
  if (!program) {
    throw new DomainError("program_not_found", `No such program: ${id}.`, { status: 422, param: "program_id" });
  }
  if (program.currency !== currency) {
    throw rejected.currencyMismatch(`Program ${id} is in ${program.currency}, not ${currency}.`);
  }
  return program;
}

/** Money from outside: debit the tenant's platform clearing account, credit the program's funding. */
export async function recordDeposit(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  payload: PayloadOf<typeof RecordDeposit>,
  emit: Emit,
  now: Date,
) {
  const program = await knownProgram(store, db, tenant, payload.program_id, payload.currency);
  const clearing = await openAccount(
    store,
    db,
    tenant,
    { kind: "platform_clearing", ownerId: null, currency: program.currency },
    emit,
    now,
  );
  const [outcome] = await createTransfers(
    store,
    db,
    tenant,
    [
      {
        id: payload.deposit_id,
        type: "single_phase",
        debitAccountId: clearing.id,
        creditAccountId: program.fundingAccountId,
        amount: payload.amount,
        currency: payload.currency,
        code: "deposit",
        metadata: { program_id: program.id, description: payload.description },
      },
    ],
    now,
  );
  if (!outcome) throw new Error("no outcome for a deposit");
  if (outcome.created) {
    emit(
      DepositRecorded,
      {
        deposit_id: payload.deposit_id,
        program_id: program.id,
        amount: payload.amount,
        currency: payload.currency,
        debit: snapshot(outcome.debit),
        credit: snapshot(outcome.credit),
        description: payload.description,
        recorded_at: now.toISOString(),
      },
      { id: payload.deposit_id, version: 1 },
    );
  }
  return { deposit_id: payload.deposit_id, funding: snapshot(outcome.credit) };
}

/** Loads a cardholder's prepaid balance from the program's funding, or unloads it back. */
export async function transferFunds(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  payload: PayloadOf<typeof TransferFunds>,
  emit: Emit,
  now: Date,
) {
  const program = await knownProgram(store, db, tenant, payload.program_id, payload.currency);
  const prepaid = await openAccount(
    store,
    db,
    tenant,
    { kind: "cardholder_prepaid", ownerId: payload.cardholder_id, currency: program.currency },
    emit,
    now,
  );
  const load = payload.direction === "to_cardholder";
  const [outcome] = await createTransfers(
    store,
    db,
    tenant,
    [
      {
        id: payload.transfer_id,
        type: "single_phase",
        debitAccountId: load ? program.fundingAccountId : prepaid.id,
        creditAccountId: load ? prepaid.id : program.fundingAccountId,
        amount: payload.amount,
        currency: payload.currency,
        code: load ? "load" : "unload",
        metadata: { program_id: program.id, cardholder_id: payload.cardholder_id },
      },
    ],
    now,
  );
  if (!outcome) throw new Error("no outcome for a transfer");
  if (outcome.created) {
    emit(
      FundsTransferred,
      {
        transfer_id: payload.transfer_id,
        program_id: program.id,
        cardholder_id: payload.cardholder_id,
        direction: payload.direction,
        amount: payload.amount,
        currency: payload.currency,
        debit: snapshot(outcome.debit),
        credit: snapshot(outcome.credit),
        transferred_at: now.toISOString(),
      },
      { id: payload.transfer_id, version: 1 },
    );
  }
  const [funding, cardholder] = load ? [outcome.debit, outcome.credit] : [outcome.credit, outcome.debit];
  return { transfer_id: payload.transfer_id, funding: snapshot(funding), prepaid: snapshot(cardholder) };
}

export function holdResult(hold: Hold, debit: Account, credit: Account) {
  return {
    hold_id: hold.id,
    status: hold.status,
    amount: hold.amount,
    posted_amount: hold.postedAmount,
    debit: snapshot(debit),
    credit: snapshot(credit),
  };
}

/**
 * Reserves funds on a program's funding or a cardholder's prepaid balance, against the tenant's
 * network settlement account. Never takes the balance below zero, however many run at once.
 */
export async function placeHold(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  payload: PayloadOf<typeof PlaceHold>,
  emit: Emit,
  now: Date,
  correlationId: string | null = null,
) {
  const source = payload.source;
  let debitAccountId: string;
  if (source.type === "program") {
    debitAccountId = (await knownProgram(store, db, tenant, source.program_id, payload.currency)).fundingAccountId;
  } else {
    const identity = { kind: "cardholder_prepaid" as const, ownerId: source.cardholder_id, currency: payload.currency };
    const prepaid = await store.findAccount(db, tenant, identity);
    if (!prepaid) {
      throw new DomainError(
        "account_not_found",
        `Cardholder ${source.cardholder_id} has no ${payload.currency} balance.`,
        {
          status: 422,
          param: "source",
        },
      );
    }
    debitAccountId = prepaid.id;
  }
  const settlement = await openAccount(
    store,
    db,
    tenant,
    { kind: "network_settlement", ownerId: null, currency: payload.currency },
    emit,
    now,
  );
  const [outcome] = await createTransfers(
    store,
    db,
    tenant,
    [
      {
        id: payload.hold_id,
        type: "pending",
        debitAccountId,
        creditAccountId: settlement.id,
        amount: payload.amount,
        currency: payload.currency,
        timeoutSeconds: payload.expires_in_seconds,
        code: "hold",
        metadata: { source, reference: payload.reference },
      },
    ],
    now,
    { correlationId },
  );
  if (!outcome?.hold) throw new Error("no hold placed");
  if (outcome.created) {
    emit(
      HoldPlaced,
      {
        hold_id: payload.hold_id,
        source,
        reference: payload.reference,
        amount: payload.amount,
        currency: payload.currency,
        debit: snapshot(outcome.debit),
        credit: snapshot(outcome.credit),
        expires_at: outcome.hold.expiresAt,
        placed_at: now.toISOString(),
      },
      { id: payload.hold_id, version: 1 },
    );
  }
  return holdResult(outcome.hold, outcome.debit, outcome.credit);
}

/** Posts a hold (all of it, or `amount` and releases the rest) or voids it; `transfer_id` is the idempotency key. */
export async function resolveHold(
  store: LedgerStore,
  db: Queryable,
  tenant: Tenant,
  request: { type: "post_pending" | "void_pending"; holdId: string; transferId: string; amount?: number },
  emit: Emit,
  now: Date,
) {
  const [outcome] = await createTransfers(
    store,
    db,
    tenant,
    [
      request.type === "post_pending"
        ? {
            id: request.transferId,
            type: "post_pending",
            pendingId: request.holdId,
            ...(request.amount !== undefined ? { amount: request.amount } : {}),
            code: "post",
          }
        : { id: request.transferId, type: "void_pending", pendingId: request.holdId, code: "void" },
    ],
    now,
  );
  const hold = outcome?.hold;
  if (!outcome || !hold) throw new Error("no hold resolved");
  if (outcome.created) {
    const movement = {
      hold_id: hold.id,
      transfer_id: request.transferId,
      currency: hold.currency,
      debit: snapshot(outcome.debit),
      credit: snapshot(outcome.credit),
    };
    const stream = { id: hold.id, version: 2 };
    if (hold.status === "posted") {
      const released = hold.amount - hold.postedAmount;
      emit(HoldPosted, { ...movement, amount: hold.postedAmount, released, posted_at: now.toISOString() }, stream);
    } else {
      emit(HoldVoided, { ...movement, amount: hold.amount, voided_at: now.toISOString() }, stream);
    }
  }
  return holdResult(hold, outcome.debit, outcome.credit);
}

export type { ProgramFacts };
