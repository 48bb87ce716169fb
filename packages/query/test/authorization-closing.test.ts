import {
  AuthorizationAdvised,
  AuthorizationApproved,
  AuthorizationRequested,
  ClearingPosted,
  type Envelope,
  newId,
  type Tenant,
  TransactionCleared,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { createEvent, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projections } from "../src/materializer/projections.ts";

let db: TestDatabase;
const tenant: Tenant = { partnerId: newId("ptn"), livemode: false };
const byType = new Map(projections.map((projection) => [projection.definition.type, projection]));
const cardId = newId("card");
const cardholderId = newId("ch");
const programId = newId("prg");
const merchant = { name: "Hotel Kyoto", mcc: "7011", country: "JP", network_id: null };
const now = () => new Date().toISOString();

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

function project(event: Envelope) {
  return transaction(db.pool, (tx) => {
    const context: HandlerContext = { tx, tenant, emit: () => {} };
    return byType.get(event.type)?.handle(event, context) ?? Promise.resolve();
  });
}

const requested = (id: string, amount: number, incrementOf?: string) =>
  createEvent(
    AuthorizationRequested,
    {
      authorization_id: id,
      card_id: cardId,
      cardholder_id: cardholderId,
      program_id: programId,
      amount,
      currency: "JPY",
      merchant,
      card_expiry: { month: 12, year: 2030 },
      cvv2_digest: null,
      network: { stan: "000001", rrn: "000000000001" },
      requested_at: now(),
      decide_by: now(),
      ...(incrementOf ? { increment_of: incrementOf } : {}),
    },
    { source: "processing", tenant, stream: { id, version: 1 } },
  );

const approved = (id: string, amount: number) =>
  createEvent(
    AuthorizationApproved,
    {
      authorization_id: id,
      card_id: cardId,
      cardholder_id: cardholderId,
      amount,
      currency: "JPY",
      merchant,
      decided_at: now(),
      approval_code: "A1B2C3",
    },
    { source: "processing", tenant, stream: { id, version: 2 } },
  );

/** The authorization's one presentment, cleared and posted: the read model joins the two. */
function lastPresentment(authorizationId: string, amount: number) {
  const transactionId = newId("txn");
  const accountId = newId("acct");
  return [
    createEvent(
      TransactionCleared,
      {
        transaction_id: transactionId,
        kind: "presentment",
        authorization_id: authorizationId,
        card_id: cardId,
        cardholder_id: cardholderId,
        program_id: programId,
        amount,
        currency: "JPY",
        authorized_amount: amount,
        sequence: 1,
        count: 1,
        merchant,
        network: { arn: "1".repeat(23), authorization: { stan: "000001", rrn: "000000000001" } },
        fee: 0,
        settlement_date: "2026-11-26",
        file_id: "file-1",
        line: 1,
        cleared_at: now(),
      },
      { source: "clearing", tenant, stream: { id: transactionId, version: 1 } },
    ),
    createEvent(
      ClearingPosted,
      {
        transaction_id: transactionId,
        type: "purchase",
        authorization_id: authorizationId,
        hold_id: null,
        amount,
        currency: "JPY",
        from_hold: amount,
        released: 0,
        excess: 0,
        forced: false,
        shortfall: 0,
        fee: 0,
        balances: [
          {
            account_id: accountId,
            kind: "cardholder_prepaid",
            sequence: 1,
            debits_pending: 0,
            debits_posted: amount,
            credits_pending: 0,
            credits_posted: 0,
            posted: -amount,
            pending: 0,
            available: -amount,
          },
        ],
        transfer_ids: [newId("tr")],
        posted_at: now(),
      },
      { source: "account", tenant, stream: { id: `${transactionId}:account`, version: 1 } },
    ),
  ];
}

const statusOf = async (id: string) =>
  (await db.pool.query("SELECT status FROM query.authorizations WHERE id = $1", [id])).rows[0]?.status;

describe("an authorization's last presentment", () => {
  it("closes it and its increments, whichever the read model learns first", async () => {
    const stay = newId("auth");
    const extra = newId("auth");
    await project(requested(stay, 7_000));
    await project(approved(stay, 7_000));
    await project(requested(extra, 2_000, stay));
    // The increment's approval comes in on its own stream, after the clearing that closed the stay.
    for (const event of lastPresentment(stay, 8_500)) await project(event);
    expect(await statusOf(stay)).toBe("closed");
    await project(approved(extra, 2_000));
    expect(await statusOf(extra)).toBe("closed");
  });

  it("closes a stand-in approval the network advises after its clearing", async () => {
    const id = newId("auth");
    for (const event of lastPresentment(id, 900)) await project(event);
    const advised = (authorizationId: string, responseCode: string) =>
      createEvent(
        AuthorizationAdvised,
        {
          authorization_id: authorizationId,
          card_id: cardId,
          cardholder_id: cardholderId,
          program_id: programId,
          amount: 900,
          currency: "JPY",
          merchant,
          response_code: responseCode,
          approval_code: responseCode === "00" ? "Z9Y8X7" : null,
          network: { stan: "000002", rrn: "000000000002" },
          advised_at: now(),
        },
        { source: "processing", tenant, stream: { id: authorizationId, version: 1 } },
      );
    await project(advised(id, "00"));
    expect(await statusOf(id)).toBe("closed");
    const other = newId("auth");
    await project(advised(other, "00"));
    expect(await statusOf(other)).toBe("pending");
  });

  it("leaves an approval pending while nothing has cleared it", async () => {
    const id = newId("auth");
    await project(requested(id, 1_000));
    await project(approved(id, 1_000));
    expect(await statusOf(id)).toBe("pending");
  });
});
