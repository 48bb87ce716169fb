import "./fixtures/quiet-logs.ts";
import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationReversed,
  type Envelope,
  type EventDefinition,
  FundingDecided,
  newId,
  type PayloadOf,
  type Tenant,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { createEvent, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizationHoldRepository } from "../src/adapters/authorization-hold-repository.ts";
import {
  cancelAuthorizationHold,
  confirmAuthorizationHold,
  holdForFundedAuthorization,
  releaseReversedHold,
} from "../src/application/authorization-holds.ts";
import { openProgramFunding, recordDeposit, transferFunds } from "../src/application/operations.ts";
import { expectLedgerInvariants, newTenant, perform, store } from "./fixtures/ledger.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const onFunded = holdForFundedAuthorization(store, authorizationHoldRepository);
const onApproved = confirmAuthorizationHold(store, authorizationHoldRepository);
const onDeclined = cancelAuthorizationHold(store, authorizationHoldRepository);
const onReversed = releaseReversedHold(store, authorizationHoldRepository);
const now = new Date();

interface Emitted {
  type: string;
  payload: Record<string, unknown>;
  stream: { id: string; version: number };
}

/** Delivers an event to a handler in one transaction, as the consumer does; returns what it emitted. */
async function deliver(
  handler: { handle: (event: Envelope, context: HandlerContext) => Promise<void> },
  event: Envelope,
): Promise<Emitted[]> {
  const emitted: Emitted[] = [];
  await transaction(db.pool, (tx) =>
    handler.handle(event, {
      tx,
      tenant: event.tenant,
      emit: (definition: EventDefinition, payload, stream) =>
        emitted.push({ type: definition.type, payload: payload as Record<string, unknown>, stream }),
    }),
  );
  return emitted;
}

/** A tenant whose cardholder has `balance` yen loaded. */
async function cardholderWith(balance: number) {
  const tenant = newTenant();
  const programId = newId("prg");
  const cardholderId = newId("ch");
  await perform(db.pool, (tx, emit) =>
    openProgramFunding(store, tx, tenant, { id: programId, currency: "JPY" }, emit, now),
  );
  await perform(db.pool, (tx, emit) =>
    recordDeposit(
      store,
      tx,
      tenant,
      { deposit_id: newId("dep"), program_id: programId, amount: 1_000_000, currency: "JPY", description: null },
      emit,
      now,
    ),
  );
  if (balance > 0) {
    await perform(db.pool, (tx, emit) =>
      transferFunds(
        store,
        tx,
        tenant,
        {
          transfer_id: newId("tr"),
          program_id: programId,
          cardholder_id: cardholderId,
          direction: "to_cardholder",
          amount: balance,
          currency: "JPY",
        },
        emit,
        now,
      ),
    );
  }
  return { tenant, programId, cardholderId };
}

function funded(
  tenant: Tenant,
  cardholderId: string,
  amount: number,
  overrides: Partial<PayloadOf<typeof FundingDecided>> = {},
) {
  const authorizationId = newId("auth");
  return createEvent(
    FundingDecided,
    {
      authorization_id: authorizationId,
      funding_source_id: null,
      result: { outcome: "ok" },
      hold_source: { type: "cardholder", cardholder_id: cardholderId },
      hold_expires_in_seconds: 7 * 24 * 3600,
      stand_in: false,
      amount,
      currency: "JPY",
      decided_at: now.toISOString(),
      ...overrides,
    },
    { source: "funding", tenant, stream: { id: `${authorizationId}:funding`, version: 1 } },
  );
}

function outcome(kind: "approved" | "declined", tenant: Tenant, authorizationId: string, cardholderId: string) {
  const common = {
    authorization_id: authorizationId,
    card_id: newId("card"),
    cardholder_id: cardholderId,
    amount: 1,
    currency: "JPY",
    merchant: { name: "Shop", mcc: "5411", country: "JP", network_id: null },
    decided_at: now.toISOString(),
  };
  const origin = { source: "processing" as const, tenant, stream: { id: authorizationId, version: 2 } };
  return kind === "approved"
    ? createEvent(AuthorizationApproved, { ...common, approval_code: "A1B2C3" }, origin)
    : createEvent(AuthorizationDeclined, { ...common, reason: "card_frozen" }, origin);
}

const holdsOf = async (authorizationId: string) =>
  (
    await db.pool.query(
      "SELECT h.status FROM account.holds h JOIN account.transfers t ON t.id = h.id WHERE t.metadata->>'reference' = $1",
      [authorizationId],
    )
  ).rows.map((row) => row.status);

describe("account in the authorization saga", () => {
  it("holds the funded amount and says OK; approval confirms and keeps the hold pending", async () => {
    const { tenant, cardholderId } = await cardholderWith(10_000);
    const request = funded(tenant, cardholderId, 3_000);
    const authorizationId = request.payload.authorization_id;
    const emitted = await deliver(onFunded, request);
    const result = emitted.find((e) => e.type === "AuthorizationHoldResult");
    expect(result).toMatchObject({
      payload: { result: { outcome: "ok" } },
      stream: { id: `${authorizationId}:account`, version: 1 },
    });
    expect(emitted.map((e) => e.type)).toContain("HoldPlaced");
    // The same decision again (a redelivery past the inbox) holds nothing more.
    expect(await deliver(onFunded, request)).toEqual([]);
    expect(await holdsOf(authorizationId)).toEqual(["pending"]);

    const settled = await deliver(onApproved, outcome("approved", tenant, authorizationId, cardholderId));
    expect(settled).toEqual([
      expect.objectContaining({
        type: "AuthorizationHoldSettled",
        payload: expect.objectContaining({ state: "confirmed" }),
      }),
    ]);
    expect(await holdsOf(authorizationId)).toEqual(["pending"]);
    await expectLedgerInvariants(db.pool, tenant);
  });

  it("says NG insufficient_funds when the balance is short, leaving no hold and no stray account", async () => {
    const { tenant, cardholderId } = await cardholderWith(1_000);
    const accountsBefore = (await db.pool.query("SELECT count(*)::int AS n FROM account.accounts")).rows[0].n;
    const request = funded(tenant, cardholderId, 1_001);
    const emitted = await deliver(onFunded, request);
    expect(emitted).toEqual([
      expect.objectContaining({
        type: "AuthorizationHoldResult",
        payload: expect.objectContaining({ hold_id: null, result: { outcome: "ng", reason: "insufficient_funds" } }),
      }),
    ]);
    expect(await holdsOf(request.payload.authorization_id)).toEqual([]);
    // The network settlement account a successful hold would have opened was rolled back with it.
    expect((await db.pool.query("SELECT count(*)::int AS n FROM account.accounts")).rows[0].n).toBe(accountsBefore);
    const unfunded = await deliver(onFunded, funded(tenant, newId("ch"), 1));
    expect(unfunded[0]).toMatchObject({ payload: { result: { outcome: "ng", reason: "insufficient_funds" } } });
  });

  it("voids the hold when the authorization is declined, and places none for a decision that comes after a decline", async () => {
    const { tenant, cardholderId } = await cardholderWith(5_000);
    const request = funded(tenant, cardholderId, 5_000);
    await deliver(onFunded, request);
    const canceled = await deliver(
      onDeclined,
      outcome("declined", tenant, request.payload.authorization_id, cardholderId),
    );
    expect(canceled.map((e) => e.type)).toEqual(["HoldVoided", "AuthorizationHoldSettled"]);
    expect(await holdsOf(request.payload.authorization_id)).toEqual(["voided"]);
    // Declined again (redelivered): nothing more.
    expect(
      await deliver(onDeclined, outcome("declined", tenant, request.payload.authorization_id, cardholderId)),
    ).toEqual([]);

    // The decider's deadline passed before funding answered: the late decision holds nothing.
    const late = funded(tenant, cardholderId, 100);
    await deliver(onDeclined, outcome("declined", tenant, late.payload.authorization_id, cardholderId));
    expect(await deliver(onFunded, late)).toEqual([]);
    expect(await holdsOf(late.payload.authorization_id)).toEqual([]);

    // The whole balance is available again.
    const again = await deliver(onFunded, funded(tenant, cardholderId, 5_000));
    expect(again.find((e) => e.type === "AuthorizationHoldResult")).toMatchObject({
      payload: { result: { outcome: "ok" } },
    });
    await expectLedgerInvariants(db.pool, tenant);
  });

  it("ignores a funding decision that is not OK: that decline is the money result itself", async () => {
    const { tenant, cardholderId } = await cardholderWith(5_000);
    const declined = funded(tenant, cardholderId, 100, {
      result: { outcome: "ng", reason: "partner_declined" },
      hold_source: null,
    });
    expect(await deliver(onFunded, declined)).toEqual([]);
  });

  it("releases a reversed part and keeps holding the rest, on the same balance, once however often it is told", async () => {
    const { tenant, cardholderId } = await cardholderWith(10_000);
    const request = funded(tenant, cardholderId, 3_000);
    const authorizationId = request.payload.authorization_id;
    await deliver(onFunded, request);
    await deliver(onApproved, outcome("approved", tenant, authorizationId, cardholderId));
    const reversal = (remaining: number, amount: number, version: number) =>
      createEvent(
        AuthorizationReversed,
        {
          authorization_id: authorizationId,
          card_id: newId("card"),
          cardholder_id: cardholderId,
          amount,
          remaining_amount: remaining,
          currency: "JPY",
          network: { stan: "000123", rrn: "612345000123" },
          reversed_at: now.toISOString(),
        },
        { source: "processing", tenant, stream: { id: authorizationId, version } },
      );
    const balance = async () =>
      (
        await db.pool.query(
          "SELECT credits_posted - debits_posted - debits_pending AS available, debits_pending AS pending FROM account.accounts WHERE owner_id = $1",
          [cardholderId],
        )
      ).rows[0];

    const partial = await deliver(onReversed, reversal(1_000, 2_000, 3));
    expect(partial.map((e) => e.type)).toEqual(["HoldVoided", "HoldPlaced"]);
    expect((await holdsOf(authorizationId)).sort()).toEqual(["pending", "voided"]);
    expect(await balance()).toEqual({ available: 9_000, pending: 1_000 });
    // The same reversal again changes nothing.
    expect(await deliver(onReversed, reversal(1_000, 2_000, 3))).toEqual([]);

    const full = await deliver(onReversed, reversal(0, 1_000, 4));
    expect(full.map((e) => e.type)).toEqual(["HoldVoided"]);
    expect(await holdsOf(authorizationId)).toEqual(["voided", "voided"]);
    expect(await balance()).toEqual({ available: 10_000, pending: 0 });
    expect(await deliver(onReversed, reversal(1_000, 2_000, 3))).toEqual([]);
    await expectLedgerInvariants(db.pool, tenant);
  });
});
