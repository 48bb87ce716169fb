import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { newAccount } from "../src/application/transfers.ts";
import {
  type Account,
  type Applied,
  applyTransfer,
  assertSameTransfer,
  balanceOf,
  expireHold,
  type Hold,
  postHold,
  voidHold,
} from "../src/domain/ledger.ts";

const now = new Date("2026-11-26T00:00:00Z");
const seconds = (n: number) => new Date(now.getTime() + n * 1000);

const prepaid = (credits = 0): Account => ({
  ...newAccount(newId("acct"), { kind: "cardholder_prepaid", ownerId: newId("ch"), currency: "JPY" }),
  creditsPosted: credits,
});
const settlement = (): Account =>
  newAccount(newId("acct"), { kind: "network_settlement", ownerId: null, currency: "JPY" });

const single = (debit: Account, credit: Account, amount: number, extra: { forced?: boolean; currency?: string } = {}) =>
  ({
    id: newId("tr"),
    type: "single_phase",
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount,
    currency: extra.currency ?? "JPY",
    code: "test",
    ...(extra.forced ? { forced: true } : {}),
  }) as const;

const pending = (debit: Account, credit: Account, amount: number, timeoutSeconds = 60) =>
  ({
    id: newId("hold"),
    type: "pending",
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount,
    currency: "JPY",
    timeoutSeconds,
    code: "hold",
  }) as const;

/** Given a prepaid balance of `credits`, when `amount` is held: the hold and both accounts after it. */
function held(credits: number, amount: number) {
  const debit = prepaid(credits);
  const credit = settlement();
  return applyTransfer(pending(debit, credit, amount), debit, credit, now) as Applied & { hold: Hold };
}

describe("balances", () => {
  it("read a credit-normal account as posted credits less debits, with pending debits reserved", () => {
    const account = { ...prepaid(1_000), debitsPosted: 200, debitsPending: 300, creditsPending: 50 };
    expect(balanceOf(account)).toEqual({ posted: 800, pending: 300, available: 500 });
  });

  it("read a debit-normal account the other way round", () => {
    const account = { ...settlement(), debitsPosted: 1_000, creditsPosted: 100, creditsPending: 400 };
    expect(balanceOf(account)).toEqual({ posted: 900, pending: 400, available: 500 });
  });
});

describe("single-phase transfers", () => {
  it("given a funded balance, when it pays, then debits equal credits and each side moves once", () => {
    const debit = prepaid(1_000);
    const credit = settlement();
    const applied = applyTransfer(single(debit, credit, 400), debit, credit, now);
    expect(applied.debit).toMatchObject({ debitsPosted: 400, sequence: 1 });
    expect(applied.credit).toMatchObject({ creditsPosted: 400, sequence: 1 });
    expect(balanceOf(applied.debit)).toEqual({ posted: 600, pending: 0, available: 600 });
  });

  it("refuse to take a prepaid balance below zero, unless forced", () => {
    const debit = prepaid(100);
    const credit = settlement();
    expect(() => applyTransfer(single(debit, credit, 101), debit, credit, now)).toThrow(
      expect.objectContaining({ code: "insufficient_funds", details: { status: 422, param: "amount" } }),
    );
    const forced = applyTransfer(single(debit, credit, 101, { forced: true }), debit, credit, now);
    expect(balanceOf(forced.debit).posted).toBe(-1);
    expect(forced.transfer.forced).toBe(true);
  });

  it("let a platform account go either way: it has no flag", () => {
    const payer = prepaid(10);
    const platform = settlement();
    const applied = applyTransfer(single(payer, platform, 10), payer, platform, now);
    expect(balanceOf(applied.credit).posted).toBe(-10);
    const back = applyTransfer(single(applied.credit, applied.debit, 25), applied.credit, applied.debit, now);
    expect(balanceOf(back.debit).posted).toBe(15);
  });

  it.each([
    ["zero", 0, "amount_invalid"],
    ["negative", -5, "amount_invalid"],
    ["fractional", 1.5, "amount_invalid"],
  ])("refuse a %s amount", (_, amount, code) => {
    const debit = prepaid(100);
    const credit = settlement();
    expect(() => applyTransfer(single(debit, credit, amount), debit, credit, now)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it("refuse another currency, and one account on both sides", () => {
    const debit = prepaid(100);
    const usd = { ...settlement(), currency: "USD" };
    expect(() => applyTransfer(single(debit, usd, 1, { currency: "JPY" }), debit, usd, now)).toThrow(
      expect.objectContaining({ code: "currency_mismatch" }),
    );
    expect(() => applyTransfer(single(debit, debit, 1, { currency: "USD" }), debit, debit, now)).toThrow(
      expect.objectContaining({ code: "accounts_must_be_different" }),
    );
  });
});

describe("holds", () => {
  it("given 1000, when 300 is held, then 700 is available and the settlement side is pending", () => {
    const { debit, credit, hold } = held(1_000, 300);
    expect(balanceOf(debit)).toEqual({ posted: 1_000, pending: 300, available: 700 });
    expect(credit).toMatchObject({ creditsPending: 300, creditsPosted: 0 });
    expect(hold).toMatchObject({ status: "pending", amount: 300, expiresAt: seconds(60).toISOString() });
  });

  it("never exceed what is available, and are never forced", () => {
    expect(() => held(1_000, 1_001)).toThrow(expect.objectContaining({ code: "insufficient_funds" }));
    const debit = prepaid(10);
    const credit = settlement();
    expect(() => applyTransfer({ ...pending(debit, credit, 20), forced: true }, debit, credit, now)).toThrow(
      expect.objectContaining({ code: "force_not_allowed" }),
    );
    expect(() => applyTransfer(pending(debit, credit, 5, 0), debit, credit, now)).toThrow(
      expect.objectContaining({ code: "timeout_invalid" }),
    );
  });

  it("when posted in part, then the part is posted and the rest released", () => {
    const { debit, credit, hold } = held(1_000, 300);
    const post = { id: newId("tr"), type: "post_pending", pendingId: hold.id, amount: 120, code: "post" } as const;
    const after = postHold(post, hold, debit, credit, seconds(10));
    expect(balanceOf(after.debit)).toEqual({ posted: 880, pending: 0, available: 880 });
    expect(after.credit).toMatchObject({ creditsPending: 0, creditsPosted: 120 });
    expect(after.hold).toMatchObject({ status: "posted", postedAmount: 120, resolvedBy: post.id });
    expect(after.transfer).toMatchObject({ type: "post_pending", amount: 120, pendingId: hold.id });
  });

  it("when posted without an amount, then all of it is posted", () => {
    const { debit, credit, hold } = held(1_000, 300);
    const after = postHold(
      { id: newId("tr"), type: "post_pending", pendingId: hold.id, code: "post" },
      hold,
      debit,
      credit,
      now,
    );
    expect(balanceOf(after.debit)).toEqual({ posted: 700, pending: 0, available: 700 });
  });

  it("refuse to post more than was held", () => {
    const { debit, credit, hold } = held(1_000, 300);
    const post = { id: newId("tr"), type: "post_pending", pendingId: hold.id, amount: 301, code: "post" } as const;
    expect(() => postHold(post, hold, debit, credit, now)).toThrow(
      expect.objectContaining({ code: "amount_exceeds_hold" }),
    );
  });

  it("when voided, then all of it is released", () => {
    const { debit, credit, hold } = held(1_000, 300);
    const after = voidHold(
      { id: newId("tr"), type: "void_pending", pendingId: hold.id, code: "void" },
      hold,
      debit,
      credit,
      now,
    );
    expect(balanceOf(after.debit)).toEqual({ posted: 1_000, pending: 0, available: 1_000 });
    expect(after.credit).toMatchObject({ creditsPending: 0, creditsPosted: 0 });
    expect(after.hold?.status).toBe("voided");
  });

  it("expire when due, not before", () => {
    const { debit, credit, hold } = held(1_000, 300);
    expect(() => expireHold(hold, debit, credit, seconds(59))).toThrow(/not due/);
    const after = expireHold(hold, debit, credit, seconds(60));
    expect(after.hold).toMatchObject({ status: "expired", resolvedBy: null });
    expect(balanceOf(after.debit).available).toBe(1_000);
  });

  it.each(["posted", "voided", "expired"] as const)("given a %s hold, refuse to post, void or expire it", (status) => {
    const { debit, credit, hold } = held(1_000, 300);
    const resolved = { ...hold, status };
    const code = `hold_already_${status}`;
    const post = { id: newId("tr"), type: "post_pending", pendingId: hold.id, code: "post" } as const;
    const voiding = { id: newId("tr"), type: "void_pending", pendingId: hold.id, code: "void" } as const;
    expect(() => postHold(post, resolved, debit, credit, now)).toThrow(expect.objectContaining({ code }));
    expect(() => voidHold(voiding, resolved, debit, credit, now)).toThrow(expect.objectContaining({ code }));
    expect(() => expireHold(resolved, debit, credit, seconds(3_600))).toThrow(expect.objectContaining({ code }));
  });

  it("given a pending hold past its expiry, refuse to post it even before the sweep", () => {
    const { debit, credit, hold } = held(1_000, 300);
    const post = { id: newId("tr"), type: "post_pending", pendingId: hold.id, code: "post" } as const;
    expect(() => postHold(post, hold, debit, credit, seconds(60))).toThrow(
      expect.objectContaining({ code: "hold_already_expired" }),
    );
  });
});

describe("idempotency", () => {
  it("accepts the same transfer again and names the first field that differs", () => {
    const debit = prepaid(1_000);
    const credit = settlement();
    const request = single(debit, credit, 100);
    const { transfer } = applyTransfer(request, debit, credit, now);
    expect(() => assertSameTransfer(transfer, request)).not.toThrow();
    const differing: Array<[Partial<typeof request> | Record<string, unknown>, string]> = [
      [{ amount: 101 }, "exists_with_different_amount"],
      [{ debitAccountId: newId("acct") }, "exists_with_different_debit_account_id"],
      [{ creditAccountId: newId("acct") }, "exists_with_different_credit_account_id"],
      [{ forced: true }, "exists_with_different_flags"],
      [{ code: "other" }, "exists_with_different_code"],
      [{ type: "pending", timeoutSeconds: 5 }, "exists_with_different_type"],
    ];
    for (const [change, code] of differing) {
      expect(() => assertSameTransfer(transfer, { ...request, ...change } as never)).toThrow(
        expect.objectContaining({ code, details: expect.objectContaining({ status: 409 }) }),
      );
    }
  });
});
