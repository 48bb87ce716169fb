import "./fixtures/quiet-logs.ts";
import { newId, type Tenant } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openProgramFunding,
  placeHold,
  recordDeposit,
  resolveHold,
  transferFunds,
} from "../src/application/operations.ts";
import { createTransfers } from "../src/application/transfers.ts";
import { expireDueHolds } from "../src/index.ts";
import { expectLedgerInvariants, newTenant, perform, run, store } from "./fixtures/ledger.ts";

let db: TestDatabase;
let pool: Pool;
const now = new Date();
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 12, name: "koban-account-test" });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

/** A tenant with a program in `currency`, its funding account holding `funded`. */
async function setUp(options: { currency?: string; funded?: number } = {}) {
  const tenant = newTenant();
  const programId = newId("prg");
  const currency = options.currency ?? "JPY";
  await perform(pool, (tx, emit) => openProgramFunding(store, tx, tenant, { id: programId, currency }, emit, now));
  if (options.funded) await deposit(tenant, programId, options.funded, currency);
  return { tenant, programId, currency };
}

const deposit = (tenant: Tenant, programId: string, amount: number, currency = "JPY", depositId = newId("dep")) =>
  run(pool, (tx, emit) =>
    recordDeposit(
      store,
      tx,
      tenant,
      { deposit_id: depositId, program_id: programId, amount, currency, description: null },
      emit,
      now,
    ),
  );

const load = (
  tenant: Tenant,
  programId: string,
  cardholderId: string,
  amount: number,
  options: { direction?: "to_cardholder" | "to_program"; transferId?: string; currency?: string } = {},
) =>
  run(pool, (tx, emit) =>
    transferFunds(
      store,
      tx,
      tenant,
      {
        transfer_id: options.transferId ?? newId("tr"),
        program_id: programId,
        cardholder_id: cardholderId,
        direction: options.direction ?? "to_cardholder",
        amount,
        currency: options.currency ?? "JPY",
      },
      emit,
      now,
    ),
  );

const hold = (
  tenant: Tenant,
  cardholderId: string,
  amount: number,
  options: { holdId?: string; expiresIn?: number; at?: Date; currency?: string } = {},
) =>
  run(pool, (tx, emit) =>
    placeHold(
      store,
      tx,
      tenant,
      {
        hold_id: options.holdId ?? newId("hold"),
        source: { type: "cardholder", cardholder_id: cardholderId },
        amount,
        currency: options.currency ?? "JPY",
        expires_in_seconds: options.expiresIn ?? 600,
        reference: "auth_test",
      },
      emit,
      options.at ?? now,
      "saga-1",
    ),
  );

const post = (tenant: Tenant, holdId: string, amount?: number, transferId = newId("tr"), at = now) =>
  run(pool, (tx, emit) =>
    resolveHold(
      store,
      tx,
      tenant,
      { type: "post_pending", holdId, transferId, ...(amount !== undefined ? { amount } : {}) },
      emit,
      at,
    ),
  );

const voidIt = (tenant: Tenant, holdId: string, transferId = newId("tr"), at = now) =>
  run(pool, (tx, emit) => resolveHold(store, tx, tenant, { type: "void_pending", holdId, transferId }, emit, at));

/** A cardholder with `amount` on their prepaid balance. */
async function loaded(amount: number) {
  const setup = await setUp({ funded: amount });
  const cardholderId = newId("ch");
  await load(setup.tenant, setup.programId, cardholderId, amount);
  return { ...setup, cardholderId };
}

describe("accounts", () => {
  it("opens a program's funding account once, in its currency, when the program is created", async () => {
    const tenant = newTenant();
    const programId = newId("prg");
    const first = await run(pool, (tx, emit) =>
      openProgramFunding(store, tx, tenant, { id: programId, currency: "USD" }, emit, now),
    );
    expect(first.events).toEqual([
      {
        type: "AccountOpened",
        payload: expect.objectContaining({
          kind: "program_funding",
          owner_id: programId,
          currency: "USD",
          normal_side: "credit",
          debits_must_not_exceed_credits: true,
        }),
        stream: { id: expect.stringMatching(/^acct_/), version: 1 },
      },
    ]);
    const again = await run(pool, (tx, emit) =>
      openProgramFunding(store, tx, tenant, { id: programId, currency: "USD" }, emit, now),
    );
    expect(again.events).toEqual([]);
    expect(await store.program(pool, tenant, programId)).toEqual({
      id: programId,
      currency: "USD",
      fundingAccountId: first.events[0]?.stream.id,
    });
  });
});

describe("transfers", () => {
  it("are immutable once written", async () => {
    const { tenant, programId } = await setUp();
    const depositId = newId("dep");
    await deposit(tenant, programId, 1_000, "JPY", depositId);
    await expect(pool.query("UPDATE account.transfers SET amount = 1 WHERE id = $1", [depositId])).rejects.toThrow(
      /immutable/,
    );
    await expect(pool.query("DELETE FROM account.transfers WHERE id = $1", [depositId])).rejects.toThrow(/immutable/);
  });
});

describe("deposits", () => {
  it("credit the program's funding account and debit the tenant's platform clearing account", async () => {
    const { tenant, programId } = await setUp();
    const depositId = newId("dep");
    const { result, events } = await deposit(tenant, programId, 50_000, "JPY", depositId);
    expect(result.funding).toMatchObject({ posted: 50_000, pending: 0, available: 50_000, sequence: 1 });
    expect(events.map((e) => e.type)).toEqual(["AccountOpened", "DepositRecorded"]);
    expect(events[1]).toMatchObject({
      stream: { id: depositId, version: 1 },
      payload: {
        deposit_id: depositId,
        amount: 50_000,
        currency: "JPY",
        debit: { kind: "platform_clearing", debits_posted: 50_000, posted: 50_000 },
        credit: { kind: "program_funding", credits_posted: 50_000, available: 50_000 },
      },
    });
    await expectLedgerInvariants(pool);
  });

  it("are idempotent by deposit id: the same deposit twice changes nothing; a different one with its id is refused", async () => {
    const { tenant, programId } = await setUp();
    const depositId = newId("dep");
    const first = await deposit(tenant, programId, 1_000, "JPY", depositId);
    const second = await deposit(tenant, programId, 1_000, "JPY", depositId);
    expect(second.events).toEqual([]);
    expect(second.result).toEqual(first.result);
    await expect(deposit(tenant, programId, 2_000, "JPY", depositId)).rejects.toMatchObject({
      code: "exists_with_different_amount",
    });
    const other = await setUp();
    await expect(deposit(tenant, other.programId, 1_000, "JPY", depositId)).rejects.toMatchObject({
      code: "program_not_found",
    });
    await expect(deposit(other.tenant, other.programId, 1_000, "JPY", newId("dep"))).resolves.toBeDefined();
  });

  it("refuse an unknown program and a currency that is not the program's", async () => {
    const { tenant, programId } = await setUp();
    await expect(deposit(tenant, newId("prg"), 1_000)).rejects.toMatchObject({ code: "program_not_found" });
    await expect(deposit(tenant, programId, 1_000, "USD")).rejects.toMatchObject({
      code: "currency_mismatch",
      details: { status: 422, param: "currency" },
    });
    // Another tenant's program is as good as unknown.
    await expect(deposit(newTenant(), programId, 1_000)).rejects.toMatchObject({ code: "program_not_found" });
  });
});

describe("transfers between a program and a cardholder", () => {
  it("load a cardholder's prepaid balance, opening it on first use, and unload it back", async () => {
    const { tenant, programId } = await setUp({ funded: 10_000 });
    const cardholderId = newId("ch");
    const loadedUp = await load(tenant, programId, cardholderId, 3_000);
    expect(loadedUp.events.map((e) => e.type)).toEqual(["AccountOpened", "FundsTransferred"]);
    expect(loadedUp.result.funding).toMatchObject({ available: 7_000 });
    expect(loadedUp.result.prepaid).toMatchObject({ kind: "cardholder_prepaid", available: 3_000 });
    const back = await load(tenant, programId, cardholderId, 1_000, { direction: "to_program" });
    expect(back.events.map((e) => e.type)).toEqual(["FundsTransferred"]);
    expect(back.events[0]?.payload).toMatchObject({
      direction: "to_program",
      debit: { kind: "cardholder_prepaid", available: 2_000 },
      credit: { kind: "program_funding", available: 8_000 },
    });
    await expectLedgerInvariants(pool);
  });

  it("refuse to take more than a balance has, either way, and change nothing", async () => {
    const { tenant, programId } = await setUp({ funded: 1_000 });
    const cardholderId = newId("ch");
    await expect(load(tenant, programId, cardholderId, 1_001)).rejects.toMatchObject({
      code: "insufficient_funds",
    });
    await load(tenant, programId, cardholderId, 400);
    await expect(load(tenant, programId, cardholderId, 401, { direction: "to_program" })).rejects.toMatchObject({
      code: "insufficient_funds",
    });
    await load(tenant, programId, cardholderId, 600);
    await expect(load(tenant, programId, cardholderId, 1)).rejects.toMatchObject({ code: "insufficient_funds" });
    await expectLedgerInvariants(pool);
  });

  it("are idempotent by transfer id", async () => {
    const { tenant, programId } = await setUp({ funded: 1_000 });
    const cardholderId = newId("ch");
    const transferId = newId("tr");
    const first = await load(tenant, programId, cardholderId, 300, { transferId });
    const again = await load(tenant, programId, cardholderId, 300, { transferId });
    expect(again.events).toEqual([]);
    expect(again.result).toEqual(first.result);
    await expect(load(tenant, programId, cardholderId, 301, { transferId })).rejects.toMatchObject({
      code: "exists_with_different_amount",
    });
    await expect(
      load(tenant, programId, cardholderId, 300, { transferId, direction: "to_program" }),
    ).rejects.toMatchObject({ code: "exists_with_different_debit_account_id" });
  });

  it("refuse a currency that is not the program's", async () => {
    const { tenant, programId } = await setUp({ funded: 1_000 });
    await expect(load(tenant, programId, newId("ch"), 100, { currency: "USD" })).rejects.toMatchObject({
      code: "currency_mismatch",
    });
  });
});

describe("linked transfers", () => {
  it("apply all or none", async () => {
    const { tenant, programId, cardholderId } = await loaded(500);
    const program = await store.program(pool, tenant, programId);
    const prepaid = await store.findAccount(pool, tenant, {
      kind: "cardholder_prepaid",
      ownerId: cardholderId,
      currency: "JPY",
    });
    if (!program || !prepaid) throw new Error("set-up failed");
    const move = (amount: number) => ({
      id: newId("tr"),
      type: "single_phase" as const,
      debitAccountId: prepaid.id,
      creditAccountId: program.fundingAccountId,
      amount,
      currency: "JPY",
      code: "unload",
    });
    await expect(
      perform(pool, (tx) => createTransfers(store, tx, tenant, [move(300), move(300)], now)),
    ).rejects.toMatchObject({ code: "insufficient_funds" });
    expect(await store.findAccount(pool, tenant, prepaid)).toMatchObject({ debitsPosted: 0, creditsPosted: 500 });
    const both = await perform(pool, (tx) => createTransfers(store, tx, tenant, [move(200), move(300)], now));
    expect(both.map((o) => o.debit.debitsPosted)).toEqual([200, 500]);
    await expectLedgerInvariants(pool);
  });

  it("refuse accounts of another currency, another tenant, or none", async () => {
    const jpy = await setUp({ funded: 500 });
    const usd = await setUp({ currency: "USD" });
    const jpyProgram = await store.program(pool, jpy.tenant, jpy.programId);
    const usdProgram = await store.program(pool, usd.tenant, usd.programId);
    if (!jpyProgram || !usdProgram) throw new Error("set-up failed");
    const transfer = (debitAccountId: string, creditAccountId: string, currency = "JPY") => ({
      id: newId("tr"),
      type: "single_phase" as const,
      debitAccountId,
      creditAccountId,
      amount: 100,
      currency,
      code: "test",
    });
    const clearing = await store.findAccount(pool, jpy.tenant, {
      kind: "platform_clearing",
      ownerId: null,
      currency: "JPY",
    });
    if (!clearing) throw new Error("no clearing account");
    const attempt = (t: ReturnType<typeof transfer>) =>
      perform(pool, (tx) => createTransfers(store, tx, jpy.tenant, [t], now));
    await expect(attempt(transfer(jpyProgram.fundingAccountId, clearing.id, "USD"))).rejects.toMatchObject({
      code: "currency_mismatch",
    });
    await expect(attempt(transfer(jpyProgram.fundingAccountId, usdProgram.fundingAccountId))).rejects.toMatchObject({
      code: "account_not_found",
    });
    await expect(attempt(transfer(jpyProgram.fundingAccountId, newId("acct")))).rejects.toMatchObject({
      code: "account_not_found",
    });
    await expect(attempt(transfer(clearing.id, clearing.id))).rejects.toMatchObject({
      code: "accounts_must_be_different",
    });
  });

  it("let a forced transfer, and only it, take a prepaid balance below zero", async () => {
    const { tenant, cardholderId } = await loaded(100);
    const prepaid = await store.findAccount(pool, tenant, {
      kind: "cardholder_prepaid",
      ownerId: cardholderId,
      currency: "JPY",
    });
    await hold(tenant, cardholderId, 1);
    const settlement = await store.findAccount(pool, tenant, {
      kind: "network_settlement",
      ownerId: null,
      currency: "JPY",
    });
    if (!prepaid || !settlement) throw new Error("set-up failed");
    const clearing = {
      id: newId("tr"),
      type: "single_phase" as const,
      debitAccountId: prepaid.id,
      creditAccountId: settlement.id,
      amount: 250,
      currency: "JPY",
      code: "clearing",
    };
    await expect(perform(pool, (tx) => createTransfers(store, tx, tenant, [clearing], now))).rejects.toMatchObject({
      code: "insufficient_funds",
    });
    const [forced] = await perform(pool, (tx) =>
      createTransfers(store, tx, tenant, [{ ...clearing, forced: true }], now),
    );
    expect(forced && balance(forced.debit)).toEqual({ posted: -150, pending: 1, available: -151 });
    await expect(hold(tenant, cardholderId, 1)).rejects.toMatchObject({ code: "insufficient_funds" });
    await expect(
      perform(pool, (tx) =>
        createTransfers(
          store,
          tx,
          tenant,
          [{ ...clearing, id: newId("hold"), type: "pending", timeoutSeconds: 60, forced: true }],
          now,
        ),
      ),
    ).rejects.toMatchObject({ code: "force_not_allowed" });
    await expectLedgerInvariants(pool);
  });
});

const balance = (account: { debitsPosted: number; creditsPosted: number; debitsPending: number }) => ({
  posted: account.creditsPosted - account.debitsPosted,
  pending: account.debitsPending,
  available: account.creditsPosted - account.debitsPosted - account.debitsPending,
});

describe("holds", () => {
  it("reserve funds: available drops, posted stays, and the network settlement account is credited pending", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const holdId = newId("hold");
    const { result, events } = await hold(tenant, cardholderId, 300, { holdId, expiresIn: 60 });
    expect(result).toMatchObject({
      hold_id: holdId,
      status: "pending",
      amount: 300,
      posted_amount: 0,
      debit: { kind: "cardholder_prepaid", posted: 1_000, pending: 300, available: 700 },
      credit: { kind: "network_settlement", credits_pending: 300 },
    });
    expect(events.map((e) => e.type)).toEqual(["AccountOpened", "HoldPlaced"]);
    expect(events[1]).toMatchObject({
      stream: { id: holdId, version: 1 },
      payload: { expires_at: later(60).toISOString(), reference: "auth_test", amount: 300, currency: "JPY" },
    });
    await expectLedgerInvariants(pool);
  });

  it("post in full, or in part releasing the rest", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const full = (await hold(tenant, cardholderId, 300)).result.hold_id;
    const part = (await hold(tenant, cardholderId, 500)).result.hold_id;
    const posted = await post(tenant, full);
    expect(posted.result).toMatchObject({ status: "posted", posted_amount: 300, debit: { posted: 700, pending: 500 } });
    expect(posted.events).toEqual([expect.objectContaining({ type: "HoldPosted", stream: { id: full, version: 2 } })]);
    const partly = await post(tenant, part, 120);
    expect(partly.result).toMatchObject({
      status: "posted",
      amount: 500,
      posted_amount: 120,
      debit: { posted: 580, pending: 0, available: 580 },
      credit: { kind: "network_settlement", credits_posted: 420, credits_pending: 0 },
    });
    expect(partly.events[0]?.payload).toMatchObject({ amount: 120, released: 380 });
    await expectLedgerInvariants(pool);
  });

  it("void, releasing the whole hold", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const holdId = (await hold(tenant, cardholderId, 400)).result.hold_id;
    const voided = await voidIt(tenant, holdId);
    expect(voided.result).toMatchObject({ status: "voided", debit: { posted: 1_000, pending: 0, available: 1_000 } });
    expect(voided.events).toEqual([
      expect.objectContaining({ type: "HoldVoided", payload: expect.objectContaining({ amount: 400 }) }),
    ]);
    await expectLedgerInvariants(pool);
  });

  it("refuse what a hold's state does not allow", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const posted = (await hold(tenant, cardholderId, 100)).result.hold_id;
    const voided = (await hold(tenant, cardholderId, 100)).result.hold_id;
    const pending = (await hold(tenant, cardholderId, 100, { expiresIn: 5 })).result.hold_id;
    await post(tenant, posted);
    await voidIt(tenant, voided);
    await expect(post(tenant, posted)).rejects.toMatchObject({ code: "hold_already_posted", details: { status: 409 } });
    await expect(voidIt(tenant, posted)).rejects.toMatchObject({ code: "hold_already_posted" });
    await expect(post(tenant, voided)).rejects.toMatchObject({ code: "hold_already_voided" });
    await expect(post(tenant, pending, 101)).rejects.toMatchObject({ code: "amount_exceeds_hold" });
    await expect(post(tenant, newId("hold"))).rejects.toMatchObject({
      code: "hold_not_found",
      details: { status: 404 },
    });
    await expect(post(newTenant(), pending)).rejects.toMatchObject({ code: "hold_not_found" });
    // Past its expiry a hold cannot be posted, even before the sweep comes by.
    await expect(post(tenant, pending, undefined, newId("tr"), later(5))).rejects.toMatchObject({
      code: "hold_already_expired",
    });
    await expect(hold(tenant, cardholderId, 801)).rejects.toMatchObject({ code: "insufficient_funds" });
    await expect(hold(tenant, newId("ch"), 1)).rejects.toMatchObject({ code: "account_not_found" });
    await expect(hold(tenant, cardholderId, 1, { currency: "USD" })).rejects.toMatchObject({
      code: "account_not_found",
    });
    await expectLedgerInvariants(pool);
  });

  it("are idempotent: the same hold, post or void asked twice changes nothing", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const holdId = newId("hold");
    const first = await hold(tenant, cardholderId, 200, { holdId });
    const again = await hold(tenant, cardholderId, 200, { holdId });
    expect(again.events).toEqual([]);
    expect(again.result).toEqual(first.result);
    await expect(hold(tenant, cardholderId, 201, { holdId })).rejects.toMatchObject({
      code: "exists_with_different_amount",
    });
    const transferId = newId("tr");
    const posted = await post(tenant, holdId, 150, transferId);
    const repeated = await post(tenant, holdId, 150, transferId);
    expect(repeated.events).toEqual([]);
    expect(repeated.result).toEqual(posted.result);
    await expect(post(tenant, holdId, 160, transferId)).rejects.toMatchObject({ code: "exists_with_different_amount" });
    await expect(voidIt(tenant, holdId, transferId)).rejects.toMatchObject({ code: "exists_with_different_type" });
    await expectLedgerInvariants(pool);
  });

  it("on a program's funding account work the same way", async () => {
    const { tenant, programId } = await setUp({ funded: 500 });
    const placed = await run(pool, (tx, emit) =>
      placeHold(
        store,
        tx,
        tenant,
        {
          hold_id: newId("hold"),
          source: { type: "program", program_id: programId },
          amount: 500,
          currency: "JPY",
          expires_in_seconds: 60,
          reference: null,
        },
        emit,
        now,
      ),
    );
    expect(placed.result.debit).toMatchObject({ kind: "program_funding", available: 0, pending: 500 });
    await expect(
      deposit(tenant, programId, 1).then(() => load(tenant, programId, newId("ch"), 2)),
    ).rejects.toMatchObject({
      code: "insufficient_funds",
    });
  });

  it("never overspend a balance, however many are placed at once", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => hold(tenant, cardholderId, 100)));
    const placed = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason] : []));
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const reason of refused) expect(reason).toMatchObject({ code: "insufficient_funds" });
    const prepaid = await store.findAccount(pool, tenant, {
      kind: "cardholder_prepaid",
      ownerId: cardholderId,
      currency: "JPY",
    });
    expect(prepaid && balance(prepaid)).toEqual({ posted: 1_000, pending: 1_000, available: 0 });
    await expectLedgerInvariants(pool);
  });

  it("never overspend with holds, posts and loads of one balance racing", async () => {
    const { tenant, programId, cardholderId } = await loaded(1_000);
    const ops = Array.from({ length: 24 }, (_, i) => {
      if (i % 3 === 0) return load(tenant, programId, cardholderId, 50, { direction: "to_program" });
      return hold(tenant, cardholderId, 70).then(({ result }) =>
        i % 3 === 1 ? post(tenant, result.hold_id, 30) : voidIt(tenant, result.hold_id),
      );
    });
    const settled = await Promise.allSettled(ops);
    for (const outcome of settled) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "insufficient_funds" });
    }
    await expectLedgerInvariants(pool);
  });
});

describe("expiring holds", () => {
  it("releases holds whose time has come, once, with HoldExpired in the outbox on the saga", async () => {
    const { tenant, cardholderId } = await loaded(1_000);
    const soon = (await hold(tenant, cardholderId, 100, { expiresIn: 10 })).result.hold_id;
    const late = (await hold(tenant, cardholderId, 200, { expiresIn: 3_600 })).result.hold_id;
    // Other tests' holds share the database: the sweep takes every tenant's.
    const statuses = async () => {
      const { rows } = await pool.query<{ id: string; status: string }>(
        "SELECT id, status FROM account.holds WHERE id = ANY($1)",
        [[soon, late]],
      );
      return Object.fromEntries(rows.map((r) => [r.id, r.status]));
    };
    await expireDueHolds(pool, later(9));
    expect(await statuses()).toEqual({ [soon]: "pending", [late]: "pending" });
    expect(await expireDueHolds(pool, later(10))).toBeGreaterThanOrEqual(1);
    expect(await expireDueHolds(pool, later(10))).toBe(0);
    expect(await statuses()).toEqual({ [soon]: "expired", [late]: "pending" });
    const events = await pool.query<{
      envelope: { type: string; correlationId: string; stream: unknown; payload: unknown };
    }>(
      "SELECT envelope FROM account.outbox WHERE envelope->>'type' = 'HoldExpired' AND envelope->'payload'->>'hold_id' = $1",
      [soon],
    );
    expect(events.rows.map((r) => r.envelope)).toEqual([
      expect.objectContaining({
        correlationId: "saga-1",
        stream: { id: soon, version: 2 },
        payload: expect.objectContaining({
          amount: 100,
          debit: expect.objectContaining({ pending: 200, available: 800 }),
        }),
      }),
    ]);
    await expect(post(tenant, soon)).rejects.toMatchObject({ code: "hold_already_expired" });
    await expectLedgerInvariants(pool);
  });

  it("expires each hold exactly once with several sweepers at once, across tenants", async () => {
    const cardholders = await Promise.all([loaded(10_000), loaded(10_000), loaded(10_000)]);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { tenant, cardholderId } = cardholders[i % 3] as Awaited<ReturnType<typeof loaded>>;
      ids.push((await hold(tenant, cardholderId, 10, { expiresIn: 1 })).result.hold_id);
    }
    await Promise.all([
      expireDueHolds(pool, later(2), { batchSize: 4 }),
      expireDueHolds(pool, later(2), { batchSize: 4 }),
      expireDueHolds(pool, later(2), { batchSize: 7 }),
    ]);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account.outbox
       WHERE envelope->>'type' = 'HoldExpired' AND envelope->'payload'->>'hold_id' = ANY($1)`,
      [ids],
    );
    expect(rows[0]?.n).toBe(30);
    for (const { tenant, cardholderId } of cardholders) {
      const prepaid = await store.findAccount(pool, tenant, {
        kind: "cardholder_prepaid",
        ownerId: cardholderId,
        currency: "JPY",
      });
      expect(prepaid && balance(prepaid)).toEqual({ posted: 10_000, pending: 0, available: 10_000 });
    }
    await expectLedgerInvariants(pool);
  });
});
