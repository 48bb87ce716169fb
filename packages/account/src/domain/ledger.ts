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

const moved = (account: Account, change: Partial<Account>): Account => ({
  ...account,
  ...change,
  sequence: account.sequence + 1,
});

/** Would debiting `amount` more (pending or posted) take the account past its posted credits? */
function exceedsCredits(account: Account, amount: number): boolean {
  return (
    account.debitsMustNotExceedCredits && account.debitsPending + account.debitsPosted + amount > account.creditsPosted
  );
}

export interface Applied {
  transfer: Transfer;
  debit: Account;
  credit: Account;
  /** The hold the transfer placed, posted or voided. */
  hold?: Hold;
}

/** A single-phase transfer posts at once; a pending one reserves on both sides until posted, voided or expired. */
export function applyTransfer(request: DirectTransferRequest, debit: Account, credit: Account, now: Date): Applied {
  assertAmount(request.amount);
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
  if (!forced && exceedsCredits(debit, request.amount)) throw rejected.insufficientFunds(debit, request.amount);
  const transfer: Transfer = {
    id: request.id,
    type: request.type,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount: request.amount,
    currency: request.currency,
    pendingId: null,
    timeoutSeconds: request.type === "pending" ? (request.timeoutSeconds ?? 0) : null,
    forced,
    code: request.code,
    metadata: request.metadata ?? {},
    createdAt: now.toISOString(),
  };
  if (request.type === "single_phase") {
    return {
      transfer,
      debit: moved(debit, { debitsPosted: debit.debitsPosted + request.amount }),
      credit: moved(credit, { creditsPosted: credit.creditsPosted + request.amount }),
    };
  }
  const timeout = request.timeoutSeconds ?? 0;
  if (!Number.isSafeInteger(timeout) || timeout <= 0) {
    throw new DomainError("timeout_invalid", "A hold expires after a positive number of seconds.", { status: 400 });
  }
  return {
    transfer,
    debit: moved(debit, { debitsPending: debit.debitsPending + request.amount }),
    credit: moved(credit, { creditsPending: credit.creditsPending + request.amount }),
    hold: {
      id: request.id,
      status: "pending",
      amount: request.amount,
      postedAmount: 0,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      currency: request.currency,
      expiresAt: new Date(now.getTime() + timeout * 1000).toISOString(),
      resolvedBy: null,
      resolvedAt: null,
    },
  };
}

/** A hold past its expiry is expired, whether or not the sweep has come by yet. */
function assertResolvable(hold: Hold, now: Date): void {
  if (hold.status !== "pending") throw holdResolved(hold);
  if (Date.parse(hold.expiresAt) <= now.getTime()) {
    throw new DomainError("hold_already_expired", `Hold ${hold.id} expired at ${hold.expiresAt}.`, { status: 409 });
  }
}

/** Releases the whole reservation and posts `amount` of it (all by default); the rest goes back. */
export function postHold(request: PostRequest, hold: Hold, debit: Account, credit: Account, now: Date): Applied {
  assertResolvable(hold, now);
  const amount = request.amount ?? hold.amount;
  assertAmount(amount);
  if (amount > hold.amount) {
    throw new DomainError("amount_exceeds_hold", `Hold ${hold.id} is for ${hold.amount}; cannot post ${amount}.`, {
      status: 422,
      param: "amount",
    });
  }
  return {
    transfer: resolution(request, hold, amount, now),
    debit: moved(debit, {
      debitsPending: debit.debitsPending - hold.amount,
      debitsPosted: debit.debitsPosted + amount,
    }),
    credit: moved(credit, {
      creditsPending: credit.creditsPending - hold.amount,
      creditsPosted: credit.creditsPosted + amount,
    }),
    hold: { ...hold, status: "posted", postedAmount: amount, resolvedBy: request.id, resolvedAt: now.toISOString() },
  };
}

export function voidHold(request: VoidRequest, hold: Hold, debit: Account, credit: Account, now: Date): Applied {
  assertResolvable(hold, now);
  return {
    transfer: resolution(request, hold, hold.amount, now),
    ...released(hold, debit, credit),
    hold: { ...hold, status: "voided", resolvedBy: request.id, resolvedAt: now.toISOString() },
  };
}

/** The sweep's work: a pending hold whose time has come releases its whole amount. */
export function expireHold(
  hold: Hold,
  debit: Account,
  credit: Account,
  now: Date,
): { debit: Account; credit: Account; hold: Hold } {
  if (hold.status !== "pending") throw holdResolved(hold);
  if (Date.parse(hold.expiresAt) > now.getTime()) throw new Error(`Hold ${hold.id} is not due until ${hold.expiresAt}`);
  return { ...released(hold, debit, credit), hold: { ...hold, status: "expired", resolvedAt: now.toISOString() } };
}

function released(hold: Hold, debit: Account, credit: Account) {
  return {
    debit: moved(debit, { debitsPending: debit.debitsPending - hold.amount }),
    credit: moved(credit, { creditsPending: credit.creditsPending - hold.amount }),
  };
}

function resolution(request: PostRequest | VoidRequest, hold: Hold, amount: number, now: Date): Transfer {
  return {
    id: request.id,
    type: request.type,
    debitAccountId: hold.debitAccountId,
    creditAccountId: hold.creditAccountId,
    amount,
    currency: hold.currency,
    pendingId: hold.id,
    timeoutSeconds: null,
    forced: false,
    code: request.code,
    metadata: request.metadata ?? {},
    createdAt: now.toISOString(),
  };
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
