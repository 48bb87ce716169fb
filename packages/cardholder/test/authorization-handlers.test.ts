import {
  AuthorizationAdvised,
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationRequested,
  AuthorizationReversed,
  type EventDefinition,
  newId,
  noSpendControls,
  type PayloadOf,
  ProgramCreated,
  RegisterCardholder,
  type SpendControls,
  type Tenant,
  UpdateCardholder,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { createCommand, createEvent, type EventRegistration, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardholderRepository } from "../src/adapters/cardholder-repository.ts";
import { cardholderAuthorizationHandlers } from "../src/application/authorization.ts";
import { copyCreatedProgram } from "../src/application/copy-programs.ts";
import { registerCardholder } from "../src/application/register-cardholder.ts";
import { updateCardholder } from "../src/application/update-cardholder.ts";
import { cardholderContext } from "../src/index.ts";
import { registration } from "./given.ts";

let db: TestDatabase;
const tenant: Tenant = { partnerId: newId("ptn"), livemode: false };
const programId = newId("prg");
const [requested, approved, declined, reversed, advised] = cardholderAuthorizationHandlers(cardholderRepository) as [
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

/** A cardholder registered by cardholder's own handler, verified by its partner's KYC unless told otherwise. */
async function cardholder(spendControls: SpendControls = noSpendControls, verified = true): Promise<string> {
  const payload = registration({
    spend_controls: spendControls,
    kyc: verified ? { method: "partner", verified_at: null, reference: null } : null,
  });
  const command = createCommand(RegisterCardholder, payload, { source: "api", tenant });
  await run((context) => registerCardholder(cardholderRepository).handle(command, context));
  return payload.cardholder_id;
}

function authorization(cardholderId: string, overrides: Partial<PayloadOf<typeof AuthorizationRequested>> = {}) {
  const payload: PayloadOf<typeof AuthorizationRequested> = {
    authorization_id: newId("auth"),
    card_id: newId("card"),
    cardholder_id: cardholderId,
    program_id: programId,
    amount: 1_000,
    currency: "JPY",
    merchant: { name: "Konbini", mcc: "5411", country: "JP", network_id: null },
    card_expiry: { month: 11, year: 2029 },
    cvv2_digest: null,
    network: { stan: "000001", rrn: "000000000001" },
    requested_at: new Date().toISOString(),
    decide_by: new Date(Date.now() + 2_000).toISOString(),
    ...overrides,
  };
  const origin = { source: "processing" as const, tenant, stream: { id: payload.authorization_id, version: 1 } };
  const outcome = {
    authorization_id: payload.authorization_id,
    card_id: payload.card_id,
    cardholder_id: cardholderId,
    amount: payload.amount,
    currency: payload.currency,
    merchant: payload.merchant,
    decided_at: new Date().toISOString(),
  };
  const decided = { ...origin, stream: { ...origin.stream, version: 3 } };
  return {
    id: payload.authorization_id,
    reversal: (remaining: number) =>
      createEvent(
        AuthorizationReversed,
        {
          authorization_id: payload.authorization_id,
          card_id: payload.card_id,
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
    approved: createEvent(AuthorizationApproved, { ...outcome, approval_code: "A1B2C3" }, decided),
    declined: createEvent(AuthorizationDeclined, { ...outcome, reason: "card_frozen" }, decided),
  };
}

const part = async (id: string) =>
  (
    await db.pool.query(
      "SELECT state, result, counted FROM cardholder.authorization_parts WHERE authorization_id = $1",
      [id],
    )
  ).rows[0];

const verdict = (emitted: Emitted[]) =>
  emitted.find((event) => event.type === "CardholderAuthorizationChecked")?.payload.result as
    | { outcome: string; reason?: string }
    | undefined;

const withLimits = (
  amounts: Partial<SpendControls["amount_limits"]>,
  counts: Partial<SpendControls["count_limits"]>,
) => ({
  ...noSpendControls,
  amount_limits: { ...noSpendControls.amount_limits, ...amounts },
  count_limits: { ...noSpendControls.count_limits, ...counts },
});

beforeAll(async () => {
  db = await createTestDatabase();
  const program = createEvent(
    ProgramCreated,
    {
      program_id: programId,
      partner_id: tenant.partnerId,
      livemode: tenant.livemode,
      name: "Test program",
      currency: "JPY",
      timezone: "Asia/Tokyo",
      bin_prefix: "42424299",
      pan_length: 16,
      default_spend_controls: noSpendControls,
      default_funding_source_id: null,
      created_at: new Date().toISOString(),
    },
    { source: "partner", tenant, stream: { id: programId, version: 1 } },
  );
  await deliver(copyCreatedProgram(cardholderRepository), program);
});

afterAll(async () => {
  await db?.drop();
});

describe("cardholder's part of the authorization saga, against Postgres", () => {
  it("is what the cardholder context subscribes to, with the programs it needs the calendar of", () => {
    expect(cardholderContext.events.map((registration) => registration.definition.type).sort()).toEqual([
      "AuthorizationAdvised",
      "AuthorizationApproved",
      "AuthorizationDeclined",
      "AuthorizationRequested",
      "AuthorizationReversed",
      "ProgramCreated",
    ]);
  });

  it("checks a request (OK, Trying, version 1) and confirms it on approval (version 2)", async () => {
    const id = await cardholder();
    const auth = authorization(id);
    expect(await deliver(requested, auth.request)).toEqual([
      {
        type: "CardholderAuthorizationChecked",
        payload: {
          authorization_id: auth.id,
          cardholder_id: id,
          result: { outcome: "ok" },
          checked_at: expect.any(String),
        },
        stream: { id: `${auth.id}:cardholder`, version: 1 },
      },
    ]);
    expect(await part(auth.id)).toEqual({ state: "trying", result: { outcome: "ok" }, counted: true });
    expect(await deliver(approved, auth.approved)).toEqual([
      {
        type: "CardholderAuthorizationSettled",
        payload: { authorization_id: auth.id, state: "confirmed", settled_at: expect.any(String) },
        stream: { id: `${auth.id}:cardholder`, version: 2 },
      },
    ]);
    expect(await part(auth.id)).toMatchObject({ state: "confirmed", counted: true });
  });

  it("changes nothing when the request or the outcome is delivered again", async () => {
    const auth = authorization(await cardholder());
    await deliver(requested, auth.request);
    const before = await part(auth.id);
    expect(await deliver(requested, auth.request)).toEqual([]);
    expect(await part(auth.id)).toEqual(before);
    expect(await deliver(declined, auth.declined)).toHaveLength(1);
    const canceled = await part(auth.id);
    expect(await deliver(declined, auth.declined)).toEqual([]);
    expect(await deliver(approved, auth.approved)).toEqual([]);
    expect(await deliver(requested, auth.request)).toEqual([]);
    expect(await part(auth.id)).toEqual(canceled);
  });

  it("records an outcome that overtook its request, and publishes both in order when the request arrives", async () => {
    const auth = authorization(await cardholder());
    expect(await deliver(approved, auth.approved)).toEqual([]);
    expect(await part(auth.id)).toEqual({ state: "confirmed", result: null, counted: true });
    const late = await deliver(requested, auth.request);
    expect(late.map((event) => [event.type, event.stream.version])).toEqual([
      ["CardholderAuthorizationChecked", 1],
      ["CardholderAuthorizationSettled", 2],
    ]);
  });

  it("declines a suspended cardholder, one whose KYC is not verified, and an unknown one", async () => {
    const suspended = await cardholder();
    const suspend = createCommand(
      UpdateCardholder,
      { cardholder_id: suspended, status: "suspended" },
      { source: "api", tenant },
    );
    await run((context) => updateCardholder(cardholderRepository).handle(suspend, context));
    expect(verdict(await deliver(requested, authorization(suspended).request))).toEqual({
      outcome: "ng",
      reason: "cardholder_inactive",
    });
    const pending = await cardholder(noSpendControls, false);
    expect(verdict(await deliver(requested, authorization(pending).request))).toEqual({
      outcome: "ng",
      reason: "kyc_incomplete",
    });
    expect(verdict(await deliver(requested, authorization(newId("ch")).request))).toEqual({
      outcome: "ng",
      reason: "do_not_honor",
    });
  });

  it("counts the parts of all the cardholder's cards toward its limits, and stops counting a canceled one", async () => {
    const id = await cardholder(withLimits({ daily: 10_000 }, { daily: 2 }));
    const cardA = newId("card");
    const cardB = newId("card");
    const first = authorization(id, { card_id: cardA, amount: 6_000 });
    expect(verdict(await deliver(requested, first.request))).toEqual({ outcome: "ok" });
    expect(verdict(await deliver(requested, authorization(id, { card_id: cardB, amount: 5_000 }).request))).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
    const second = authorization(id, { card_id: cardB, amount: 1_000 });
    expect(verdict(await deliver(requested, second.request))).toEqual({ outcome: "ok" });
    await deliver(approved, second.approved);
    expect(verdict(await deliver(requested, authorization(id, { card_id: cardA, amount: 1 }).request))).toEqual({
      outcome: "ng",
      reason: "velocity_count_exceeded",
    });
    await deliver(declined, first.declined);
    expect(verdict(await deliver(requested, authorization(id, { card_id: cardA, amount: 8_000 }).request))).toEqual({
      outcome: "ok",
    });
  });

  it("counts concurrent requests on several cards one after the other: exactly the limit passes", async () => {
    const id = await cardholder(withLimits({}, { daily: 4 }));
    const cards = [newId("card"), newId("card")];
    const auths = Array.from({ length: 10 }, (_, i) => authorization(id, { card_id: cards[i % 2] }));
    const results = await Promise.all(auths.map((auth) => deliver(requested, auth.request)));
    const outcomes = results.map((emitted) => verdict(emitted)?.reason ?? verdict(emitted)?.outcome);
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === "velocity_count_exceeded")).toHaveLength(6);
  });

  it("counts only what remains of a reversed authorization, and an increment with its original", async () => {
    const id = await cardholder(withLimits({ per_authorization: 5_000, daily: 8_000 }, { daily: 2 }));
    const first = authorization(id, { amount: 5_000 });
    await deliver(requested, first.request);
    await deliver(approved, first.approved);
    const increment = authorization(id, { card_id: newId("card"), amount: 1, increment_of: first.id });
    expect(verdict(await deliver(requested, increment.request))).toEqual({
      outcome: "ng",
      reason: "spend_limit_exceeded",
    });
    expect(await deliver(reversed, first.reversal(2_000))).toEqual([]);
    const smaller = authorization(id, { amount: 3_000, increment_of: first.id });
    expect(verdict(await deliver(requested, smaller.request))).toEqual({ outcome: "ok" });
    // One authorization and its increment so far: a second one still fits the count, a third not.
    expect(verdict(await deliver(requested, authorization(id, { amount: 1_000 }).request))).toEqual({ outcome: "ok" });
    expect(verdict(await deliver(requested, authorization(id, { amount: 1 }).request))).toMatchObject({
      reason: "velocity_count_exceeded",
    });
  });

  it("counts an approved advice once", async () => {
    const id = await cardholder(withLimits({}, { daily: 1 }));
    const authorizationId = newId("auth");
    const advice = createEvent(
      AuthorizationAdvised,
      {
        authorization_id: authorizationId,
        card_id: newId("card"),
        cardholder_id: id,
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
    await deliver(advised, advice);
    await deliver(advised, advice);
    expect(await part(authorizationId)).toEqual({ state: "confirmed", result: null, counted: true });
    expect(verdict(await deliver(requested, authorization(id).request))).toMatchObject({
      reason: "velocity_count_exceeded",
    });
  });
});
