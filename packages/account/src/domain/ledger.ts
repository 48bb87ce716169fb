import { type accountKinds, DomainError } from "@koban/contracts";

export type AccountKind = (typeof accountKinds)[number];
export type NormalSide = "debit" | "credit";

/** An account as TigerBeetle keeps one: four running sums, never edited but by a transfer. */
export interface Account {
  id: string;
  kind: AccountKind;
  /** The program or cardholder it belongs to; null for the platform's own. */
  ownerId: string | null;
  currency: string;
  normalSide: NormalSide;
  debitsMustNotExceedCredits: boolean;
  debitsPending: number;
  debitsPosted: number;
  creditsPending: number;
  creditsPosted: number;
  /** How many movements the account has seen. */
  sequence: number;
}

/** What Koban owes (a program's or a cardholder's money) is credit-normal and may not go below zero. */
export function accountRules(kind: AccountKind): Pick<Account, "normalSide" | "debitsMustNotExceedCredits"> {
  switch (kind) {
    case "program_funding":
    case "cardholder_prepaid":
      return { normalSide: "credit", debitsMustNotExceedCredits: true };
    case "revenue":
      return { normalSide: "credit", debitsMustNotExceedCredits: false };
    case "platform_clearing":
    case "network_settlement":
    case "suspense":
      return { normalSide: "debit", debitsMustNotExceedCredits: false };
  }
}

export interface Balance {
  /** Settled, on the account's normal side. */
  posted: number;
  /** Reserved by holds against the normal side (pending debits of a credit-normal account). */
  pending: number;
  /** What a hold or a transfer may still take: posted − pending. */
  available: number;
}

/** Incoming pending amounts are not counted: money on its way is not money yet. */
export function balanceOf(account: Account): Balance {
  const credit = account.normalSide === "credit";
  const posted = credit ? account.creditsPosted - account.debitsPosted : account.debitsPosted - account.creditsPosted;
  const pending = credit ? account.debitsPending : account.creditsPending;
  return { posted, pending, available: posted - pending };
}

export type TransferType = "single_phase" | "pending" | "post_pending" | "void_pending";

/** Immutable once written. A hold is a `pending` transfer; its post or void names it in `pendingId`. */
export interface Transfer {
  id: string;
  type: TransferType;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  currency: string;
  pendingId: string | null;
  timeoutSeconds: number | null;
  /** A single-phase transfer that may take a balance below zero (clearing more than was held). */
  forced: boolean;
  code: string;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export type HoldStatus = "pending" | "posted" | "voided" | "expired";

export interface Hold {
  id: string;
  status: HoldStatus;
  amount: number;
  postedAmount: number;
  debitAccountId: string;
  creditAccountId: string;
  currency: string;
  expiresAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/** A transfer between two named accounts: posted at once, or pending (a hold) until posted, voided or expired. */
interface DirectRequest<T extends "single_phase" | "pending"> {
  id: string;
  type: T;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  currency: string;
  timeoutSeconds?: number;
  forced?: boolean;
  code: string;
  metadata?: Record<string, unknown>;
}

export type DirectTransferRequest = DirectRequest<"single_phase"> | DirectRequest<"pending">;

export interface PostRequest {
  id: string;
  type: "post_pending";
  pendingId: string;
  /** Absent: the hold's whole amount. */
  amount?: number;
  code: string;
  metadata?: Record<string, unknown>;
}

export interface VoidRequest {
  id: string;
  type: "void_pending";
  pendingId: string;
  code: string;
  metadata?: Record<string, unknown>;
}

/** What a caller asks for; a post or void takes its accounts and currency from the hold. */
export type TransferRequest = DirectTransferRequest | PostRequest | VoidRequest;

export const rejected = {
  accountNotFound: (id: string) =>
    new DomainError("account_not_found", `No such account: ${id}.`, { status: 404, param: "account_id" }),
  holdNotFound: (id: string) => new DomainError("hold_not_found", `No such hold: ${id}.`, { status: 404 }),
  currencyMismatch: (message: string) =>
    new DomainError("currency_mismatch", message, { status: 422, param: "currency" }),
  insufficientFunds: (account: Account, amount: number) =>
    new DomainError(
      "insufficient_funds",
      `Account ${account.id} has ${balanceOf(account).available} ${account.currency} available, less than ${amount}.`,
      { status: 422, param: "amount" },
    ),
  invalidAmount: (message: string) => new DomainError("amount_invalid", message, { status: 400, param: "amount" }),
};

/** The accounts and holds a decision reads and an event changes: a slice of the ledger, not all of it. */
export interface Ledger {
  accounts: ReadonlyMap<string, Account>;
  holds: ReadonlyMap<string, Hold>;
}

/**
 * What happens in the ledger. A transfer is a fact written once; an expiry writes no transfer
 * (as in TigerBeetle) but releases the hold. Balances and holds are the fold of these.
 */
export type LedgerEvent =
  | { type: "TransferCreated"; transfer: Transfer }
  | { type: "HoldExpired"; holdId: string; at: string };

function account(ledger: Ledger, id: string): Account {
  const found = ledger.accounts.get(id);
  if (!found) throw rejected.accountNotFound(id);
  return found;
}

function holdResolved(hold: Hold): DomainError {
  return new DomainError(`hold_already_${hold.status}`, `Hold ${hold.id} is already ${hold.status}.`, {
    status: 409,
  });
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw rejected.invalidAmount(`The amount must be a positive integer in minor units, not ${amount}.`);
  }
}

/** Would debiting `amount` more (pending or posted) take the account past its posted credits? */
function exceedsCredits(account: Account, amount: number): boolean {
  return (
    account.debitsMustNotExceedCredits && account.debitsPending + account.debitsPosted + amount > account.creditsPosted
  );
}

/** A hold past its expiry is expired, whether or not the sweep has come by yet. */
function assertResolvable(hold: Hold, now: Date): void {
  if (hold.status !== "pending") throw holdResolved(hold);
  if (Date.parse(hold.expiresAt) <= now.getTime()) {
    throw new DomainError("hold_already_expired", `Hold ${hold.id} expired at ${hold.expiresAt}.`, { status: 409 });
  }
}

/**
 * Decides a transfer against the ledger as it is: single-phase (posted at once), pending (a
 * hold, reserving on both sides), or the post or void of a pending one. Throws the rejection.
 */
export function decide(ledger: Ledger, request: TransferRequest, now: Date): LedgerEvent {
  const base = { id: request.id, code: request.code, metadata: request.metadata ?? {}, createdAt: now.toISOString() };
  if (request.type === "post_pending" || request.type === "void_pending") {
    const hold = ledger.holds.get(request.pendingId);
    if (!hold) throw rejected.holdNotFound(request.pendingId);
    assertResolvable(hold, now);
    const amount = request.type === "post_pending" ? (request.amount ?? hold.amount) : hold.amount;
    assertAmount(amount);
    if (amount > hold.amount) {
      throw new DomainError("amount_exceeds_hold", `Hold ${hold.id} is for ${hold.amount}; cannot post ${amount}.`, {
        status: 422,
        param: "amount",
      });
    }
    return {
      type: "TransferCreated",
      transfer: {
        ...base,
        type: request.type,
        debitAccountId: hold.debitAccountId,
        creditAccountId: hold.creditAccountId,
        amount,
        currency: hold.currency,
        pendingId: hold.id,
        timeoutSeconds: null,
        forced: false,
      },
    };
  }
  assertAmount(request.amount);
  const debit = account(ledger, request.debitAccountId);
  const credit = account(ledger, request.creditAccountId);
  if (debit.id === credit.id) {
    throw new DomainError("accounts_must_be_different", "A transfer debits one account and credits another.", {
      status: 422,
    });
  }
  if (debit.currency !== credit.currency || debit.currency !== request.currency) {
    throw rejected.currencyMismatch(
      `Cannot move ${request.currency} from a ${debit.currency} account to a ${credit.currency} account.`,
    );
  }
  const forced = request.forced ?? false;
  if (forced && request.type !== "single_phase") {
    throw new DomainError("force_not_allowed", "Only a single-phase transfer may be forced; a hold never is.", {
      status: 422,
    });
  }
  const timeout = request.type === "pending" ? (request.timeoutSeconds ?? 0) : null;
  if (timeout !== null && (!Number.isSafeInteger(timeout) || timeout <= 0)) {
    throw new DomainError("timeout_invalid", "A hold expires after a positive number of seconds.", { status: 400 });
  }
  if (!forced && exceedsCredits(debit, request.amount)) throw rejected.insufficientFunds(debit, request.amount);
  return {
    type: "TransferCreated",
    transfer: {
      ...base,
      type: request.type,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amount: request.amount,
      currency: request.currency,
      pendingId: null,
      timeoutSeconds: timeout,
      forced,
    },
  };
}

/** The sweep's decision: a pending hold whose time has come expires. */
export function decideExpiry(ledger: Ledger, holdId: string, now: Date): LedgerEvent {
  const hold = ledger.holds.get(holdId);
  if (!hold) throw rejected.holdNotFound(holdId);
  if (hold.status !== "pending") throw holdResolved(hold);
  if (Date.parse(hold.expiresAt) > now.getTime()) throw new Error(`Hold ${hold.id} is not due until ${hold.expiresAt}`);
  return { type: "HoldExpired", holdId, at: now.toISOString() };
}

type Sums = Pick<Account, "debitsPending" | "debitsPosted" | "creditsPending" | "creditsPosted">;

/** Applies an event: each side of a movement changes once, by the same amount (debits = credits). */
export function evolve(ledger: Ledger, event: LedgerEvent): Ledger {
  const accounts = new Map(ledger.accounts);
  const holds = new Map(ledger.holds);
  const move = (id: string, change: (a: Account) => Partial<Sums>) => {
    const before = accounts.get(id);
    if (!before) throw new Error(`${event.type} for account ${id}, which is not in the ledger`);
    accounts.set(id, { ...before, ...change(before), sequence: before.sequence + 1 });
  };
  const release = (hold: Hold) => {
    move(hold.debitAccountId, (a) => ({ debitsPending: a.debitsPending - hold.amount }));
    move(hold.creditAccountId, (a) => ({ creditsPending: a.creditsPending - hold.amount }));
  };
  const held = (id: string) => {
    const hold = holds.get(id);
    if (!hold) throw new Error(`${event.type} for hold ${id}, which is not in the ledger`);
    return hold;
  };

  if (event.type === "HoldExpired") {
    const hold = held(event.holdId);
    release(hold);
    holds.set(hold.id, { ...hold, status: "expired", resolvedAt: event.at });
    return { accounts, holds };
  }
  const t = event.transfer;
  switch (t.type) {
    case "single_phase":
      move(t.debitAccountId, (a) => ({ debitsPosted: a.debitsPosted + t.amount }));
      move(t.creditAccountId, (a) => ({ creditsPosted: a.creditsPosted + t.amount }));
      break;
    case "pending":
      move(t.debitAccountId, (a) => ({ debitsPending: a.debitsPending + t.amount }));
      move(t.creditAccountId, (a) => ({ creditsPending: a.creditsPending + t.amount }));
      holds.set(t.id, {
        id: t.id,
        status: "pending",
        amount: t.amount,
        postedAmount: 0,
        debitAccountId: t.debitAccountId,
        creditAccountId: t.creditAccountId,
        currency: t.currency,
        expiresAt: new Date(Date.parse(t.createdAt) + (t.timeoutSeconds ?? 0) * 1000).toISOString(),
        resolvedBy: null,
        resolvedAt: null,
      });
      break;
    case "post_pending":
    case "void_pending": {
      const hold = held(t.pendingId ?? "");
      // The whole reservation goes; a post then takes what it posts (the rest is released).
      const posted = t.type === "post_pending" ? t.amount : 0;
      move(hold.debitAccountId, (a) => ({
        debitsPending: a.debitsPending - hold.amount,
        debitsPosted: a.debitsPosted + posted,
      }));
      move(hold.creditAccountId, (a) => ({
        creditsPending: a.creditsPending - hold.amount,
        creditsPosted: a.creditsPosted + posted,
      }));
      holds.set(hold.id, {
        ...hold,
        status: t.type === "post_pending" ? "posted" : "voided",
        postedAmount: posted,
        resolvedBy: t.id,
        resolvedAt: t.createdAt,
      });
      break;
    }
  }
  return { accounts, holds };
}

/**
 * A transfer id is the client's idempotency key: asking again with the same fields gets the
 * transfer that exists; with different ones it is an error naming the first field that differs.
 */
export function assertSameTransfer(existing: Transfer, request: TransferRequest): void {
  const differs = (field: string) =>
    new DomainError(`exists_with_different_${field}`, `Transfer ${existing.id} exists with a different ${field}.`, {
      status: 409,
      param: field,
    });
  if (existing.type !== request.type) throw differs("type");
  if (request.type === "single_phase" || request.type === "pending") {
    if (existing.debitAccountId !== request.debitAccountId) throw differs("debit_account_id");
    if (existing.creditAccountId !== request.creditAccountId) throw differs("credit_account_id");
    if (existing.amount !== request.amount) throw differs("amount");
    if (existing.currency !== request.currency) throw differs("currency");
    if (existing.forced !== (request.forced ?? false)) throw differs("flags");
    if (request.type === "pending" && existing.timeoutSeconds !== (request.timeoutSeconds ?? 0)) {
      throw differs("timeout");
    }
  } else {
    if (existing.pendingId !== request.pendingId) throw differs("pending_id");
    if (request.type === "post_pending" && request.amount !== undefined && request.amount !== existing.amount) {
      throw differs("amount");
    }
  }
  if (existing.code !== request.code) throw differs("code");
}
