import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { newAccount } from "../src/application/transfers.ts";
import {
  type Account,
  assertSameTransfer,
  balanceOf,
  decide,
  decideExpiry,
  evolve,
  type Ledger,
  type LedgerEvent,
  type Transfer,
  type TransferRequest,
} from "../src/domain/ledger.ts";

const now = new Date("2026-11-26T00:00:00Z");
const seconds = (n: number) => new Date(now.getTime() + n * 1000);

const prepaid = newAccount(newId("acct"), { kind: "cardholder_prepaid", ownerId: newId("ch"), currency: "JPY" });
const funding = newAccount(newId("acct"), { kind: "program_funding", ownerId: newId("prg"), currency: "JPY" });
const settlement = newAccount(newId("acct"), { kind: "network_settlement", ownerId: null, currency: "JPY" });
const usd = newAccount(newId("acct"), { kind: "network_settlement", ownerId: null, currency: "USD" });
const empty: Ledger = {
  accounts: new Map([prepaid, funding, settlement, usd].map((a) => [a.id, a])),
  holds: new Map(),
};

/** The ledger after these events, from accounts that start empty. */
const given = (...events: LedgerEvent[]): Ledger => events.reduce(evolve, empty);

const created = (transfer: Partial<Transfer> & Pick<Transfer, "type" | "amount">): LedgerEvent => ({
  type: "TransferCreated",
  transfer: {
    id: newId("tr"),
    debitAccountId: funding.id,
    creditAccountId: prepaid.id,
    currency: "JPY",
    pendingId: null,
    timeoutSeconds: null,
    forced: false,
    code: "test",
    metadata: {},
    createdAt: now.toISOString(),
    ...transfer,
  },
});

/** `amount` on the prepaid balance, as a forced load from the program (which may go below zero). */
const loaded = (amount: number) => created({ type: "single_phase", amount, forced: true });

const pay = (amount: number, extra: Partial<TransferRequest> = {}): TransferRequest =>
  ({
    id: newId("tr"),
    type: "single_phase",
    debitAccountId: prepaid.id,
    creditAccountId: settlement.id,
    amount,
    currency: "JPY",
    code: "test",
    ...extra,
  }) as TransferRequest;

const hold = (amount: number, timeoutSeconds = 60): TransferRequest & { type: "pending" } => ({
  id: newId("hold"),
  type: "pending",
  debitAccountId: prepaid.id,
  creditAccountId: settlement.id,
  amount,
  currency: "JPY",
  timeoutSeconds,
  code: "hold",
});

const post = (pendingId: string, amount?: number): TransferRequest => ({
  id: newId("tr"),
  type: "post_pending",
  pendingId,
  ...(amount !== undefined ? { amount } : {}),
  code: "post",
});
const voiding = (pendingId: string): TransferRequest => ({
  id: newId("tr"),
  type: "void_pending",
  pendingId,
  code: "void",
});

/** Decides, then applies: the ledger after the request. */
const when = (ledger: Ledger, request: TransferRequest, at = now) => evolve(ledger, decide(ledger, request, at));

const balance = (ledger: Ledger, account: Account) => balanceOf(ledger.accounts.get(account.id) as Account);

/** The ledger after a hold of `amount` on a balance of `credits`, and the hold's id. */
function held(credits: number, amount: number, timeoutSeconds = 60) {
  const request = hold(amount, timeoutSeconds);
  return { ledger: when(given(loaded(credits)), request), holdId: request.id };
}

describe("balances", () => {
  it("read a credit-normal account as posted credits less debits, with pending debits reserved", () => {
    const account = { ...prepaid, creditsPosted: 1_000, debitsPosted: 200, debitsPending: 300, creditsPending: 50 };
    expect(balanceOf(account)).toEqual({ posted: 800, pending: 300, available: 500 });
  });

  it("read a debit-normal account the other way round", () => {
    const account = { ...settlement, debitsPosted: 1_000, creditsPosted: 100, creditsPending: 400 };
    expect(balanceOf(account)).toEqual({ posted: 900, pending: 400, available: 500 });
  });
});

describe("single-phase transfers", () => {
  it("given a funded balance, when it pays, then each side moves once by the same amount", () => {
    const ledger = given(loaded(1_000));
    const request = pay(400);
    const event = decide(ledger, request, now);
    expect(event).toEqual({
      type: "TransferCreated",
      transfer: expect.objectContaining({ id: request.id, type: "single_phase", amount: 400, forced: false }),
    });
    const after = evolve(ledger, event);
    expect(balance(after, prepaid)).toEqual({ posted: 600, pending: 0, available: 600 });
    expect(after.accounts.get(settlement.id)).toMatchObject({ creditsPosted: 400, sequence: 1 });
    expect(after.accounts.get(prepaid.id)?.sequence).toBe(2);
  });

  it("refuse to take a prepaid balance below zero, unless forced", () => {
    const ledger = given(loaded(100));
    expect(() => decide(ledger, pay(101), now)).toThrow(
      expect.objectContaining({ code: "insufficient_funds", details: { status: 422, param: "amount" } }),
    );
    expect(balance(when(ledger, pay(101, { forced: true })), prepaid).posted).toBe(-1);
  });

  it("let a platform account go either way: it has no flag", () => {
    const ledger = when(given(loaded(10)), pay(10));
    expect(balance(ledger, settlement).posted).toBe(-10);
    const back = when(ledger, pay(25, { debitAccountId: settlement.id, creditAccountId: prepaid.id }));
    expect(balance(back, settlement).posted).toBe(15);
  });

  it.each([
    ["zero", 0],
    ["negative", -5],
    ["fractional", 1.5],
  ])("refuse a %s amount", (_, amount) => {
    expect(() => decide(given(loaded(100)), pay(amount), now)).toThrow(
      expect.objectContaining({ code: "amount_invalid" }),
    );
  });

  it("refuse another currency, one account on both sides, and an account not in the ledger", () => {
    const ledger = given(loaded(100));
    expect(() => decide(ledger, pay(1, { creditAccountId: usd.id }), now)).toThrow(
      expect.objectContaining({ code: "currency_mismatch" }),
    );
    expect(() => decide(ledger, pay(1, { currency: "USD" }), now)).toThrow(
      expect.objectContaining({ code: "currency_mismatch" }),
    );
    expect(() => decide(ledger, pay(1, { creditAccountId: prepaid.id }), now)).toThrow(
      expect.objectContaining({ code: "accounts_must_be_different" }),
    );
    expect(() => decide(ledger, pay(1, { creditAccountId: newId("acct") }), now)).toThrow(
      expect.objectContaining({ code: "account_not_found", details: expect.objectContaining({ status: 404 }) }),
    );
  });
});

describe("holds", () => {
  it("given 1000, when 300 is held, then 700 is available and the settlement side is pending", () => {
    const { ledger, holdId } = held(1_000, 300);
    expect(balance(ledger, prepaid)).toEqual({ posted: 1_000, pending: 300, available: 700 });
    expect(ledger.accounts.get(settlement.id)).toMatchObject({ creditsPending: 300, creditsPosted: 0 });
    expect(ledger.holds.get(holdId)).toMatchObject({
      status: "pending",
      amount: 300,
      expiresAt: seconds(60).toISOString(),
    });
  });

  it("never exceed what is available, are never forced, and expire after some time", () => {
    const { ledger } = held(1_000, 600);
    expect(() => decide(ledger, hold(401), now)).toThrow(expect.objectContaining({ code: "insufficient_funds" }));
    expect(() => decide(ledger, { ...hold(1), forced: true }, now)).toThrow(
      expect.objectContaining({ code: "force_not_allowed" }),
    );
    expect(() => decide(ledger, hold(1, 0), now)).toThrow(expect.objectContaining({ code: "timeout_invalid" }));
    expect(() => decide(ledger, hold(400), now)).not.toThrow();
  });

  it("when posted in part, then the part is posted and the rest released", () => {
    const { ledger, holdId } = held(1_000, 300);
    const request = post(holdId, 120);
    const event = decide(ledger, request, seconds(10));
    expect(event).toMatchObject({
      transfer: { type: "post_pending", amount: 120, pendingId: holdId, debitAccountId: prepaid.id },
    });
    const after = evolve(ledger, event);
    expect(balance(after, prepaid)).toEqual({ posted: 880, pending: 0, available: 880 });
    expect(after.accounts.get(settlement.id)).toMatchObject({ creditsPending: 0, creditsPosted: 120 });
    expect(after.holds.get(holdId)).toMatchObject({ status: "posted", postedAmount: 120, resolvedBy: request.id });
  });

  it("when posted without an amount, then all of it is posted", () => {
    const { ledger, holdId } = held(1_000, 300);
    expect(balance(when(ledger, post(holdId)), prepaid)).toEqual({ posted: 700, pending: 0, available: 700 });
  });

  it("refuse to post more than was held, and a hold that is not there", () => {
    const { ledger, holdId } = held(1_000, 300);
    expect(() => decide(ledger, post(holdId, 301), now)).toThrow(
      expect.objectContaining({ code: "amount_exceeds_hold" }),
    );
    expect(() => decide(ledger, post(newId("hold")), now)).toThrow(expect.objectContaining({ code: "hold_not_found" }));
  });

  it("when voided, then all of it is released", () => {
    const { ledger, holdId } = held(1_000, 300);
    const after = when(ledger, voiding(holdId));
    expect(balance(after, prepaid)).toEqual({ posted: 1_000, pending: 0, available: 1_000 });
    expect(after.accounts.get(settlement.id)).toMatchObject({ creditsPending: 0, creditsPosted: 0 });
    expect(after.holds.get(holdId)?.status).toBe("voided");
  });

  it("expire when due, not before", () => {
    const { ledger, holdId } = held(1_000, 300);
    expect(() => decideExpiry(ledger, holdId, seconds(59))).toThrow(/not due/);
    const event = decideExpiry(ledger, holdId, seconds(60));
    expect(event).toEqual({ type: "HoldExpired", holdId, at: seconds(60).toISOString() });
    const after = evolve(ledger, event);
    expect(after.holds.get(holdId)).toMatchObject({ status: "expired", resolvedBy: null });
    expect(balance(after, prepaid).available).toBe(1_000);
  });

  it.each([
    ["posted", (ledger: Ledger, id: string) => when(ledger, post(id))],
    ["voided", (ledger: Ledger, id: string) => when(ledger, voiding(id))],
    ["expired", (ledger: Ledger, id: string) => evolve(ledger, decideExpiry(ledger, id, seconds(60)))],
  ])("given a %s hold, refuse to post, void or expire it", (status, resolve) => {
    const { ledger, holdId } = held(1_000, 300);
    const resolved = resolve(ledger, holdId);
    const code = `hold_already_${status}`;
    expect(() => decide(resolved, post(holdId), now)).toThrow(expect.objectContaining({ code }));
    expect(() => decide(resolved, voiding(holdId), now)).toThrow(expect.objectContaining({ code }));
    expect(() => decideExpiry(resolved, holdId, seconds(3_600))).toThrow(expect.objectContaining({ code }));
  });

  it("given a pending hold past its expiry, refuse to post it even before the sweep", () => {
    const { ledger, holdId } = held(1_000, 300);
    expect(() => decide(ledger, post(holdId), seconds(60))).toThrow(
      expect.objectContaining({ code: "hold_already_expired", details: { status: 409 } }),
    );
  });

  it("keep debits equal to credits whatever happens to them", () => {
    const { ledger, holdId } = held(1_000, 300);
    const second = hold(200);
    const after = [post(holdId, 50), second, voiding(second.id), pay(100)].reduce((l, r) => when(l, r), ledger);
    const sum = (field: keyof Account) =>
      [...after.accounts.values()].reduce((total, account) => total + (account[field] as number), 0);
    expect(sum("debitsPosted")).toBe(sum("creditsPosted"));
    expect(sum("debitsPending")).toBe(sum("creditsPending"));
    expect(balance(after, prepaid)).toEqual({ posted: 850, pending: 0, available: 850 });
  });
});

describe("idempotency", () => {
  it("accepts the same transfer again and names the first field that differs", () => {
    const ledger = given(loaded(1_000));
    const request = pay(100);
    const event = decide(ledger, request, now);
    if (event.type !== "TransferCreated") throw new Error("no transfer");
    expect(() => assertSameTransfer(event.transfer, request)).not.toThrow();
    const differing: Array<[Record<string, unknown>, string]> = [
      [{ amount: 101 }, "exists_with_different_amount"],
      [{ debitAccountId: newId("acct") }, "exists_with_different_debit_account_id"],
      [{ creditAccountId: newId("acct") }, "exists_with_different_credit_account_id"],
      [{ forced: true }, "exists_with_different_flags"],
      [{ code: "other" }, "exists_with_different_code"],
      [{ type: "pending", timeoutSeconds: 5 }, "exists_with_different_type"],
    ];
    for (const [change, code] of differing) {
      expect(() => assertSameTransfer(event.transfer, { ...request, ...change } as TransferRequest)).toThrow(
        expect.objectContaining({ code, details: expect.objectContaining({ status: 409 }) }),
      );
    }
  });
});
