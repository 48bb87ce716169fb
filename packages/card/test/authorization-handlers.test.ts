import "./fixtures/quiet-logs.ts";
import {
  ActivateCard,
  AuthorizationAdvised,
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationRequested,
  AuthorizationReversed,
  type EventDefinition,
  IssueCard,
  LiftCardComplianceHold,
  newId,
  noSpendControls,
  PartnerReactivated,
  PartnerSuspended,
  type PayloadOf,
  PlaceCardComplianceHold,
  type SpendControls,
  type Tenant,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { createCommand, createEvent, type EventRegistration, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardRepository } from "../src/adapters/card-repository.ts";
import { cvv2Digest } from "../src/adapters/vault.ts";
import { loadVaultKeys } from "../src/adapters/vault-config.ts";
import { sqlCardVault } from "../src/adapters/vault-repository.ts";
import { cardAuthorizationHandlers } from "../src/application/authorization.ts";
import { copyPartners } from "../src/application/copy-partners.ts";
import { issueCard } from "../src/application/issue-card.ts";
import { activateCard, liftCardComplianceHold, placeCardComplianceHold } from "../src/application/lifecycle.ts";

let db: TestDatabase;
const keys = loadVaultKeys({});
const vault = sqlCardVault(() => keys);
const tenant: Tenant = { partnerId: newId("ptn"), livemode: false };
const programId = newId("prg");
const cardholderId = newId("ch");
const [requested, approved, declined, reversed, advised] = cardAuthorizationHandlers(cardRepository, vault) as [
  EventRegistration,
  EventRegistration,
  EventRegistration,
  EventRegistration,
  EventRegistration,
];

interface Emitted {
  type: string;
  payload: Record<string, unknown>;
  stream: { id: string; version: number };
}

/** Runs a handler in its own transaction, as the bus would (without the inbox), and returns what it emitted. */
async function run(handle: (context: HandlerContext) => Promise<unknown>): Promise<Emitted[]> {
  const emitted: Emitted[] = [];
  await transaction(db.pool, (tx) =>
    handle({
      tx,
      tenant,
      emit: (definition: EventDefinition, payload, stream) =>
        emitted.push({ type: definition.type, payload: payload as Record<string, unknown>, stream }),
    }),
  );
  return emitted;
}

const deliver = (registration: EventRegistration, event: ReturnType<typeof createEvent>) =>
  run((context) => registration.handle(event, context));

/** An active card issued by card's own handlers, and the digest its CVV2 has. */
async function activeCard(spendControls: SpendControls = noSpendControls) {
  const cardId = newId("card");
  const command = (definition: typeof IssueCard | typeof ActivateCard, payload: object) =>
    createCommand(definition, payload as never, { source: "api", tenant });
  await run((context) =>
    issueCard(cardRepository, vault).handle(
      command(IssueCard, {
        card_id: cardId,
        cardholder_id: cardholderId,
        program_id: programId,
        type: "virtual",
        spend_controls: spendControls,
      }),
      context,
    ),
  );
  await run((context) => activateCard(cardRepository).handle(command(ActivateCard, { card_id: cardId }), context));
  const card = await cardRepository.load(db.pool, tenant, cardId);
  if (!card) throw new Error("the card was not issued");
  const { number, cvc } = await vault.reveal(db.pool, card);
  return {
    id: cardId,
    expiry: { month: card.expMonth, year: card.expYear },
    cvv2: cvv2Digest(keys.panDigestKey, number, cvc),
  };
}

type Card = Awaited<ReturnType<typeof activeCard>>;

function authorization(card: Card, overrides: Partial<PayloadOf<typeof AuthorizationRequested>> = {}) {
  const payload: PayloadOf<typeof AuthorizationRequested> = {
    authorization_id: newId("auth"),
    card_id: card.id,
    cardholder_id: cardholderId,
    program_id: programId,
    amount: 1_000,
    currency: "JPY",
    merchant: { name: "Konbini", mcc: "5411", country: "JP", network_id: null },
    card_expiry: card.expiry,
    cvv2_digest: card.cvv2,
    network: { stan: "000001", rrn: "000000000001" },
    requested_at: new Date().toISOString(),
    decide_by: new Date(Date.now() + 2_000).toISOString(),
    ...overrides,
  };
  const origin = { source: "processing" as const, tenant, stream: { id: payload.authorization_id, version: 1 } };
  const outcome = {
    authorization_id: payload.authorization_id,
    card_id: card.id,
    cardholder_id: cardholderId,
    amount: payload.amount,
    currency: payload.currency,
    merchant: payload.merchant,
    decided_at: new Date().toISOString(),
  };
  return {
    id: payload.authorization_id,
    reversal: (remaining: number) =>
      createEvent(
        AuthorizationReversed,
        {
          authorization_id: payload.authorization_id,
          card_id: card.id,
          cardholder_id: cardholderId,
          amount: payload.amount - remaining,
          remaining_amount: remaining,
          currency: payload.currency,
          network: { stan: "000002", rrn: "000000000002" },
          reversed_at: new Date().toISOString(),
        },
        { ...origin, stream: { ...origin.stream, version: 4 } },
      ),
    request: createEvent(AuthorizationRequested, payload, origin),
    approved: createEvent(
      AuthorizationApproved,
      { ...outcome, approval_code: "A1B2C3" },
      { ...origin, stream: { ...origin.stream, version: 3 } },
    ),
    declined: createEvent(
      AuthorizationDeclined,
      { ...outcome, reason: "insufficient_funds" },
      { ...origin, stream: { ...origin.stream, version: 3 } },
    ),
  };
}

const part = async (id: string) =>
  (await db.pool.query("SELECT state, result, counted FROM card.authorization_parts WHERE authorization_id = $1", [id]))
    .rows[0];

const verdict = (emitted: Emitted[]) =>
  emitted.find((event) => event.type === "CardAuthorizationChecked")?.payload.result;

beforeAll(async () => {
  db = await createTestDatabase();
  await transaction(db.pool, async (tx) => {
    await cardRepository.copyProgram(tx, tenant, {
      id: programId,
      binPrefix: "42424299",
      panLength: 16,
      timezone: "Asia/Tokyo",
      defaultSpendControls: noSpendControls,
    });
    await cardRepository.copyCardholder(tx, tenant, { id: cardholderId, status: "active", version: 1 });
  });
});

afterAll(async () => {
  await db?.drop();
});

describe("card's part of the authorization saga, against Postgres", () => {
  it("checks a request (OK, Trying, version 1) and confirms it on approval (version 2)", async () => {
    const card = await activeCard();
    const auth = authorization(card);
    const checked = await deliver(requested, auth.request);
    expect(checked).toEqual([
      {
        type: "CardAuthorizationChecked",
        payload: {
          authorization_id: auth.id,
          card_id: card.id,
          result: { outcome: "ok" },
          checked_at: expect.any(String),
        },
        stream: { id: `${auth.id}:card`, version: 1 },
      },
    ]);
    expect(await part(auth.id)).toEqual({ state: "trying", result: { outcome: "ok" }, counted: true });

    const settled = await deliver(approved, auth.approved);
    expect(settled).toEqual([
      {
        type: "CardAuthorizationSettled",
        payload: { authorization_id: auth.id, state: "confirmed", settled_at: expect.any(String) },
        stream: { id: `${auth.id}:card`, version: 2 },
      },
    ]);
    expect(await part(auth.id)).toMatchObject({ state: "confirmed", counted: true });
  });

  it("changes nothing when the request or the outcome is delivered again", async () => {
    const card = await activeCard();
    const auth = authorization(card);
    await deliver(requested, auth.request);
    const before = await part(auth.id);
    expect(await deliver(requested, auth.request)).toEqual([]);
    expect(await part(auth.id)).toEqual(before);

    expect(await deliver(declined, auth.declined)).toHaveLength(1);
    const canceled = await part(auth.id);
    expect(canceled).toMatchObject({ state: "canceled", counted: false });
    expect(await deliver(declined, auth.declined)).toEqual([]);
    expect(await deliver(approved, auth.approved)).toEqual([]);
    expect(await deliver(requested, auth.request)).toEqual([]);
    expect(await part(auth.id)).toEqual(canceled);
  });

  it("records an outcome that overtook its request, and publishes both in order when the request arrives", async () => {
    const card = await activeCard();
    const auth = authorization(card);
    expect(await deliver(declined, auth.declined)).toEqual([]);
    expect(await part(auth.id)).toEqual({ state: "canceled", result: null, counted: false });

    const late = await deliver(requested, auth.request);
    expect(late.map((event) => [event.type, event.stream.version, event.payload.state])).toEqual([
      ["CardAuthorizationChecked", 1, undefined],
      ["CardAuthorizationSettled", 2, "canceled"],
    ]);
    expect(await part(auth.id)).toMatchObject({ state: "canceled", result: { outcome: "ok" } });
  });

  it("declines on the card's own rules: CVV2, expiry, status, unknown card", async () => {
    const card = await activeCard();
    expect(verdict(await deliver(requested, authorization(card, { cvv2_digest: "0".repeat(64) }).request))).toEqual({
      outcome: "ng",
      reason: "cvv_mismatch",
    });
    expect(verdict(await deliver(requested, authorization(card, { cvv2_digest: null }).request))).toEqual({
      outcome: "ok",
    });
    const expiry = { month: card.expiry.month, year: card.expiry.year + 1 };
    expect(verdict(await deliver(requested, authorization(card, { card_expiry: expiry }).request))).toEqual({
      outcome: "ng",
      reason: "card_expired",
    });
    const unknown = authorization({ ...card, id: newId("card") });
    expect(verdict(await deliver(requested, unknown.request))).toEqual({ outcome: "ng", reason: "do_not_honor" });
  });

  it("declines a card under a compliance hold (card_frozen) in as many statements as a card without one", async () => {
    const card = await activeCard();
    /** Runs the check as the bus would, counting the statements it sends to Postgres. */
    const statementsOf = async (event: ReturnType<typeof createEvent>) => {
      let statements = 0;
      const emitted: Emitted[] = [];
      await transaction(db.pool, (tx) => {
        const counting = new Proxy(tx, {
          get: (target, property) =>
            property === "query"
              ? (...args: unknown[]) => {
                  statements += 1;
                  return (target.query as (...a: unknown[]) => unknown)(...args);
                }
              : Reflect.get(target, property, target),
        });
        return requested.handle(event, {
          tx: counting,
          tenant,
          emit: (definition: EventDefinition, payload, stream) =>
            emitted.push({ type: definition.type, payload: payload as Record<string, unknown>, stream }),
        } as HandlerContext);
      });
      return { statements, verdict: verdict(emitted) };
    };
    const free = await statementsOf(authorization(card).request);
    expect(free.verdict).toEqual({ outcome: "ok" });
    const hold = (definition: typeof PlaceCardComplianceHold | typeof LiftCardComplianceHold) =>
      run((context) =>
        (definition === PlaceCardComplianceHold ? placeCardComplianceHold : liftCardComplianceHold)(
          cardRepository,
        ).handle(
          createCommand(
            definition,
            { card_id: card.id, reason: "Under review", staff_id: "usr_staff" },
            {
              source: "console",
              tenant,
            },
          ),
          context,
        ),
      );
    await hold(PlaceCardComplianceHold);
    const held = await statementsOf(authorization(card).request);
    expect(held).toEqual({ statements: free.statements, verdict: { outcome: "ng", reason: "card_frozen" } });
    await hold(LiftCardComplianceHold);
    expect((await statementsOf(authorization(card).request)).verdict).toEqual({ outcome: "ok" });
  });

  it("declines every card of a partner Koban has suspended, until it is reactivated (newest status wins)", async () => {
    const card = await activeCard();
    const [onSuspended, onReactivated] = copyPartners(cardRepository) as [EventRegistration, EventRegistration];
    const stream = (version: number) => ({
      source: "partner" as const,
      tenant: null,
      stream: { id: tenant.partnerId, version },
    });
    const suspended = (version: number) =>
      createEvent(
        PartnerSuspended,
        { partner_id: tenant.partnerId, reason: "unpaid", suspended_at: new Date().toISOString() },
        stream(version),
      );
    await deliver(onSuspended, suspended(5));
    expect(verdict(await deliver(requested, authorization(card).request))).toEqual({
      outcome: "ng",
      reason: "do_not_honor",
    });
    const reactivated = createEvent(
      PartnerReactivated,
      { partner_id: tenant.partnerId, reactivated_at: new Date().toISOString() },
      stream(6),
    );
    await deliver(onReactivated, reactivated);
    // A late redelivery of the older suspension changes nothing.
    await deliver(onSuspended, suspended(5));
    expect(verdict(await deliver(requested, authorization(card).request))).toEqual({ outcome: "ok" });
  });

  it("counts the card's pending and approved parts toward its limits, and stops counting a canceled one", async () => {
    const card = await activeCard({
      ...noSpendControls,
      amount_limits: { ...noSpendControls.amount_limits, daily: 5_000 },
      count_limits: { daily: 2, monthly: null },
    });
    const first = authorization(card, { amount: 3_000 });
    expect(verdict(await deliver(requested, first.request))).toEqual({ outcome: "ok" });
    const second = authorization(card, { amount: 3_000 });
    expect(verdict(await deliver(requested, second.request))).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
    const third = authorization(card, { amount: 1_000 });
    expect(verdict(await deliver(requested, third.request))).toEqual({ outcome: "ok" });
    await deliver(approved, third.approved);
    // Two counted (one Trying, one Confirmed); the NG one never counted.
    const fourth = authorization(card, { amount: 1 });
    expect(verdict(await deliver(requested, fourth.request))).toEqual({
      outcome: "ng",
      reason: "velocity_count_exceeded",
    });
    await deliver(declined, first.declined);
    const fifth = authorization(card, { amount: 3_000 });
    expect(verdict(await deliver(requested, fifth.request))).toEqual({ outcome: "ok" });
  });

  it("counts concurrent requests of one card one after the other: exactly the limit passes", async () => {
    const card = await activeCard({ ...noSpendControls, count_limits: { daily: 3, monthly: null } });
    const auths = Array.from({ length: 10 }, () => authorization(card));
    const results = await Promise.all(auths.map((auth) => deliver(requested, auth.request)));
    const outcomes = results.map(
      (emitted) => (verdict(emitted) as { outcome: string; reason?: string }).reason ?? "ok",
    );
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "velocity_count_exceeded")).toHaveLength(7);
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM card.authorization_parts WHERE card_id = $1 AND counted",
      [card.id],
    );
    expect(rows[0].n).toBe(3);
  });

  it("counts only what remains of a reversed authorization, and nothing of one reversed in full", async () => {
    const card = await activeCard({
      ...noSpendControls,
      amount_limits: { ...noSpendControls.amount_limits, daily: 5_000 },
      count_limits: { daily: 2, monthly: null },
    });
    const first = authorization(card, { amount: 4_000 });
    await deliver(requested, first.request);
    await deliver(approved, first.approved);
    expect(verdict(await deliver(requested, authorization(card, { amount: 2_000 }).request))).toMatchObject({
      reason: "spend_limit_exceeded",
    });
    expect(await deliver(reversed, first.reversal(1_000))).toEqual([]);
    await deliver(reversed, first.reversal(3_000)); // an older one, late: changes nothing
    const second = authorization(card, { amount: 2_000 });
    expect(verdict(await deliver(requested, second.request))).toEqual({ outcome: "ok" });
    // Two authorizations counted; reversing the first in full frees a place for a third.
    expect(verdict(await deliver(requested, authorization(card).request))).toMatchObject({
      reason: "velocity_count_exceeded",
    });
    await deliver(reversed, first.reversal(0));
    expect(await part(first.id)).toMatchObject({ state: "confirmed", counted: false });
    expect(verdict(await deliver(requested, authorization(card).request))).toEqual({ outcome: "ok" });
  });

  it("counts an increment with the authorization it adds to, not as one more", async () => {
    const card = await activeCard({
      ...noSpendControls,
      amount_limits: { ...noSpendControls.amount_limits, per_authorization: 1_500 },
      count_limits: { daily: 1, monthly: null },
    });
    const original = authorization(card, { amount: 1_000 });
    await deliver(requested, original.request);
    await deliver(approved, original.approved);
    const tooMuch = authorization(card, { amount: 600, increment_of: original.id });
    expect(verdict(await deliver(requested, tooMuch.request))).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
    const increment = authorization(card, { amount: 500, increment_of: original.id });
    expect(verdict(await deliver(requested, increment.request))).toEqual({ outcome: "ok" });
    expect(verdict(await deliver(requested, authorization(card).request))).toEqual({
      outcome: "ng",
      reason: "velocity_count_exceeded",
    });
  });

  it("counts what the network approved on the card's behalf (an advice), once", async () => {
    const card = await activeCard({ ...noSpendControls, count_limits: { daily: 1, monthly: null } });
    const authorizationId = newId("auth");
    const advice = createEvent(
      AuthorizationAdvised,
      {
        authorization_id: authorizationId,
        card_id: card.id,
        cardholder_id: cardholderId,
        program_id: programId,
        amount: 700,
        currency: "JPY",
        merchant: { name: "Konbini", mcc: "5411", country: "JP", network_id: null },
        response_code: "00",
        approval_code: "STAND1",
        network: { stan: "000003", rrn: "000000000003" },
        advised_at: new Date().toISOString(),
      },
      { source: "processing", tenant, stream: { id: authorizationId, version: 1 } },
    );
    expect(await deliver(advised, advice)).toEqual([]);
    expect(await deliver(advised, advice)).toEqual([]);
    expect(await part(authorizationId)).toEqual({ state: "confirmed", result: null, counted: true });
    expect(verdict(await deliver(requested, authorization(card).request))).toMatchObject({
      reason: "velocity_count_exceeded",
    });
  });
});
