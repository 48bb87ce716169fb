import "./quiet-logs.ts";
import { type Envelope, idFromMessageId, newId, newMessageId, type ParticipantResult } from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizationRepository as store } from "../src/adapters/authorization-repository.ts";
import type { Authorization, CardCopy } from "../src/application/authorization-store.ts";
import { decideAtDeadline, recordResult, sweepOverdue } from "../src/application/decider.ts";
import { expireLapsedAuthorization } from "../src/application/expiry.ts";
import { releaseUnheard } from "../src/application/network-records.ts";
import type { Participant } from "../src/domain/decision.ts";

let db: TestDatabase;
const card: CardCopy = {
  id: newId("card"),
  panDigest: "a".repeat(64),
  tenant: { partnerId: newId("ptn"), livemode: false },
  cardholderId: newId("ch"),
  programId: newId("prg"),
};

beforeAll(async () => {
  db = await createTestDatabase();
  await store.saveCard(db.pool, card);
});

afterAll(async () => {
  await db?.drop();
});

let sequence = 0;

async function newAuthorization(decideInMs: number): Promise<Authorization> {
  const sagaId = newMessageId();
  const now = new Date();
  const authorization: Authorization = {
    id: idFromMessageId("auth", sagaId),
    sagaId,
    card,
    panDigest: card.panDigest,
    amount: 1000,
    currency: "JPY",
    merchant: { name: "Cafe Mori", mcc: "5814", country: "JP", network_id: null },
    stan: String(++sequence).padStart(6, "0"),
    rrn: `6331${String(sequence).padStart(8, "0")}`,
    requestedAt: now,
    decideBy: new Date(now.getTime() + decideInMs),
    results: {},
    status: "pending",
    declineReason: null,
    responseCode: null,
    approvalCode: null,
    incrementOf: null,
    reversedAmount: 0,
    expiredAt: null,
    streamVersion: 1,
  };
  await store.insert(db.pool, authorization);
  return authorization;
}

function result(authorization: Authorization): Envelope<{ authorization_id: string }> {
  return {
    id: newMessageId(),
    type: "CardAuthorizationChecked",
    version: 1,
    kind: "event",
    source: "card",
    tenant: card.tenant,
    correlationId: authorization.sagaId,
    causationId: null,
    occurredAt: new Date().toISOString(),
    payload: { authorization_id: authorization.id },
  };
}

const record = (authorization: Authorization, participant: Participant, outcome: ParticipantResult) =>
  transaction(db.pool, (tx) => recordResult(store, tx, result(authorization), participant, outcome));

async function outcomes(id: string) {
  const { rows } = await db.pool.query(
    `SELECT envelope->>'type' AS type, envelope->'payload'->>'reason' AS reason FROM processing.outbox
     WHERE envelope->'payload'->>'authorization_id' = $1`,
    [id],
  );
  return rows;
}

describe("the decider against Postgres", () => {
  it("decides once when the last result, the gateway's deadline and the sweeper race", async () => {
    const ok: ParticipantResult = { outcome: "ok" };
    const raced = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const authorization = await newAuthorization(40);
        await record(authorization, "card", ok);
        await record(authorization, "cardholder", ok);
        await new Promise((resolve) => setTimeout(resolve, 35 + (i % 4) * 3));
        const [, answer] = await Promise.all([
          record(authorization, "money", ok),
          decideAtDeadline(store, db.pool, authorization.id),
          sweepOverdue(store, db.pool),
        ]);
        return { authorization, answer };
      }),
    );
    for (const { authorization, answer } of raced) {
      const events = await outcomes(authorization.id);
      expect(events).toHaveLength(1);
      const { rows } = await db.pool.query(
        "SELECT status, response_code FROM processing.authorizations WHERE id = $1",
        [authorization.id],
      );
      // Whatever won, the gateway's answer is the recorded decision and its one event.
      expect(rows[0]).toEqual({ status: answer.status, response_code: answer.responseCode });
      expect(events[0].type).toBe(answer.status === "approved" ? "AuthorizationApproved" : "AuthorizationDeclined");
    }
  });

  it("turns the three results into a decline system_error once they complete past the deadline", async () => {
    const authorization = await newAuthorization(10);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await record(authorization, "card", { outcome: "ok" });
    expect(await outcomes(authorization.id)).toEqual([{ type: "AuthorizationDeclined", reason: "system_error" }]);
    // Later results change nothing more.
    await record(authorization, "cardholder", { outcome: "ok" });
    await record(authorization, "money", { outcome: "ok" });
    expect(await outcomes(authorization.id)).toHaveLength(1);
  });

  it("has the sweeper decline only what is overdue and still pending", async () => {
    const overdue = await newAuthorization(-1);
    const fresh = await newAuthorization(60_000);
    expect(await sweepOverdue(store, db.pool)).toBeGreaterThanOrEqual(1);
    expect(await outcomes(overdue.id)).toEqual([{ type: "AuthorizationDeclined", reason: "system_error" }]);
    expect(await outcomes(fresh.id)).toEqual([]);
    expect(await sweepOverdue(store, db.pool)).toBe(0);
  });

  it("reverses an approval the network was told 96 for, once", async () => {
    const authorization = await newAuthorization(5_000);
    for (const participant of ["card", "cardholder", "money"] as const)
      await record(authorization, participant, { outcome: "ok" });
    expect(await releaseUnheard(store, db.pool, authorization.id)).toBe(true);
    expect(await releaseUnheard(store, db.pool, authorization.id)).toBe(false);
    const { rows } = await db.pool.query(
      `SELECT envelope->>'type' AS type, envelope->'payload'->>'amount' AS amount,
              envelope->'payload'->>'remaining_amount' AS remaining, envelope->'stream'->>'version' AS version
       FROM processing.outbox WHERE envelope->'payload'->>'authorization_id' = $1 ORDER BY id`,
      [authorization.id],
    );
    expect(rows).toEqual([
      { type: "AuthorizationApproved", amount: "1000", remaining: null, version: "2" },
      { type: "AuthorizationReversed", amount: "1000", remaining: "0", version: "3" },
    ]);
    // A declined one has nothing to release.
    const declined = await newAuthorization(-1);
    await sweepOverdue(store, db.pool);
    expect(await releaseUnheard(store, db.pool, declined.id)).toBe(false);
  });

  it("records an approved authorization expired once its hold lapses, and releases nothing after", async () => {
    const authorization = await newAuthorization(5_000);
    for (const participant of ["card", "cardholder", "money"] as const)
      await record(authorization, participant, { outcome: "ok" });
    const lapsed = (correlationId: string): Envelope => ({
      ...result(authorization),
      type: "HoldExpired",
      source: "account",
      correlationId,
      payload: { hold_id: newId("hold"), expired_at: new Date().toISOString() },
    });
    const handler = expireLapsedAuthorization(store);
    // As the consumer does: what the handler emits goes to the outbox in its transaction.
    const deliver = (event: Envelope) =>
      transaction(db.pool, async (tx) => {
        const emitted: Envelope[] = [];
        await handler.handle(event, {
          tx,
          tenant: event.tenant,
          emit: (definition, payload, stream, tenant) =>
            emitted.push(
              createEvent(definition, payload, { source: "processing", tenant: tenant ?? event.tenant, stream }),
            ),
        });
        await appendToOutbox(tx, "processing", emitted);
      });
    // Delivered twice, and a hold of something else (another saga, a correlation id that is no uuid).
    await deliver(lapsed(authorization.sagaId));
    await deliver(lapsed(authorization.sagaId));
    await deliver(lapsed(newMessageId()));
    await deliver(lapsed("deposit-load-1"));
    const { rows } = await db.pool.query(
      `SELECT envelope->>'type' AS type, envelope->'payload'->>'amount' AS amount, envelope->'stream'->>'version' AS version
       FROM processing.outbox WHERE envelope->'payload'->>'authorization_id' = $1 ORDER BY id`,
      [authorization.id],
    );
    expect(rows).toEqual([
      { type: "AuthorizationApproved", amount: "1000", version: "2" },
      { type: "AuthorizationExpired", amount: "1000", version: "3" },
    ]);
    // The network's reversal of a lost answer finds nothing left to release.
    expect(await releaseUnheard(store, db.pool, authorization.id)).toBe(false);
  });

  it("in a batch, waits only for the first authorization it locks, never for a later one", async () => {
    const [first, second] = [await newAuthorization(5_000), await newAuthorization(5_000)];
    const holder = await db.pool.connect();
    await holder.query("BEGIN");
    await store.lock(holder, second.id);
    try {
      // Two results in one transaction, as a batch has them: the second row is busy, so it fails at once.
      const started = Date.now();
      await expect(
        transaction(db.pool, async (tx) => {
          await recordResult(store, tx, result(first), "card", { outcome: "ok" });
          await recordResult(store, tx, result(second), "card", { outcome: "ok" });
        }),
      ).rejects.toMatchObject({ code: "55P03" });
      expect(Date.now() - started).toBeLessThan(500);
      // One message per transaction (how a failed batch is delivered again), it waits for the row.
      const alone = transaction(db.pool, (tx) => recordResult(store, tx, result(second), "card", { outcome: "ok" }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await holder.query("COMMIT");
      await alone;
    } finally {
      holder.release();
    }
    const { rows } = await db.pool.query(
      "SELECT id, card_result IS NOT NULL AS has FROM processing.authorizations WHERE id = ANY($1)",
      [[first.id, second.id]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.has]))).toEqual({ [first.id]: false, [second.id]: true });
  });

  it("refuses a result from another tenant", async () => {
    const authorization = await newAuthorization(5_000);
    const foreign = { ...result(authorization), tenant: { partnerId: newId("ptn"), livemode: false } };
    await expect(
      transaction(db.pool, (tx) => recordResult(store, tx, foreign, "card", { outcome: "ok" })),
    ).rejects.toThrow(/tenant/);
    const live = { ...result(authorization), tenant: { ...card.tenant, livemode: true } };
    await expect(
      transaction(db.pool, (tx) => recordResult(store, tx, live, "card", { outcome: "ok" })),
    ).rejects.toThrow(/tenant/);
  });

  it("refuses a result for an authorization it never recorded", async () => {
    const stranger = { ...(await newAuthorization(1_000)), id: newId("auth") };
    await expect(record(stranger, "card", { outcome: "ok" })).rejects.toThrow(/no authorization/);
  });
});
