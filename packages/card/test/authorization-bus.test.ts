import "./fixtures/quiet-logs.ts";
import {
  ActivateCard,
  AuthorizationApproved,
  AuthorizationRequested,
  CardholderRegistered,
  type Envelope,
  IssueCard,
  newId,
  noSpendControls,
  type PayloadOf,
  ProgramCreated,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createCommand, createEvent, readStream } from "@koban/messaging";
import { eventually } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CardBus, startCardBus, tenant } from "./fixtures/bus.ts";

let h: CardBus;
const programId = newId("prg");
const cardholderId = newId("ch");
let card: { id: string; exp_month: number; exp_year: number };

const event = <P>(
  definition: Parameters<typeof createEvent>[0],
  payload: P,
  source: "partner" | "cardholder" | "processing",
  stream: string,
  version = 1,
) => createEvent(definition, payload as never, { source, tenant, stream: { id: stream, version } });

beforeAll(async () => {
  h = await startCardBus();
  await transaction(h.pool, async (tx) => {
    await appendToOutbox(tx, "partner", [
      event(
        ProgramCreated,
        {
          program_id: programId,
          partner_id: tenant.partnerId,
          livemode: tenant.livemode,
          name: "Saga program",
          currency: "JPY",
          timezone: "Asia/Tokyo",
          bin_prefix: "42424299",
          pan_length: 16,
          default_spend_controls: noSpendControls,
          default_funding_source_id: null,
          created_at: new Date().toISOString(),
        },
        "partner",
        programId,
      ),
    ]);
    await appendToOutbox(tx, "cardholder", [
      event(
        CardholderRegistered,
        {
          cardholder_id: cardholderId,
          type: "individual",
          business_id: null,
          individual: { first_name: "Aiko", last_name: "Sato" },
          business: null,
          email: null,
          phone_number: null,
          address: null,
          metadata: {},
          spend_controls: noSpendControls,
          status: "active",
          kyc_status: "verified",
          created_at: new Date().toISOString(),
        },
        "cardholder",
        cardholderId,
      ),
    ]);
  });
  await eventually(async () => {
    const { rows } = await h.pool.query(
      "SELECT (SELECT count(*) FROM card.programs) + (SELECT count(*) FROM card.cardholders) AS n",
    );
    expect(Number(rows[0].n)).toBe(2);
  });
  const cardId = newId("card");
  const command = (c: Envelope) => c;
  const issue = command(
    createCommand(
      IssueCard,
      { card_id: cardId, cardholder_id: cardholderId, program_id: programId, type: "virtual" },
      { source: "api", tenant, replyTo: "card-tests" },
    ),
  );
  await h.send([issue]);
  expect((await h.documentFor(issue)).outcome).toBe("accepted");
  const activate = createCommand(ActivateCard, { card_id: cardId }, { source: "api", tenant, replyTo: "card-tests" });
  await h.send([activate]);
  expect((await h.documentFor(activate)).outcome).toBe("accepted");
  const { rows } = await h.pool.query("SELECT exp_month, exp_year FROM card.cards WHERE id = $1", [cardId]);
  card = { id: cardId, ...rows[0] };
});

afterAll(async () => {
  await h?.close();
});

const partStream = async (authorizationId: string) =>
  (await readStream(h.pool, `${authorizationId}:card`)).map((e) => [e.type, e.stream?.version, e.correlationId]);

describe("card's part of the saga over the bus", () => {
  it("answers processing's request once, on the part's stream and in the saga, though the bus delivers it twice", async () => {
    const authorizationId = newId("auth");
    const payload: PayloadOf<typeof AuthorizationRequested> = {
      authorization_id: authorizationId,
      card_id: card.id,
      cardholder_id: cardholderId,
      program_id: programId,
      amount: 1_200,
      currency: "JPY",
      merchant: { name: "Konbini", mcc: "5411", country: "JP", network_id: null },
      card_expiry: { month: card.exp_month, year: card.exp_year },
      cvv2_digest: null,
      network: { stan: "000042", rrn: "000000000042" },
      requested_at: new Date().toISOString(),
      decide_by: new Date(Date.now() + 2_000).toISOString(),
    };
    const requested = event(AuthorizationRequested, payload, "processing", authorizationId);
    await transaction(h.pool, (tx) => appendToOutbox(tx, "processing", [requested]));
    await eventually(async () =>
      expect(await partStream(authorizationId)).toEqual([["CardAuthorizationChecked", 1, requested.correlationId]]),
    );
    const [checked] = await readStream(h.pool, `${authorizationId}:card`);
    expect(checked?.payload).toMatchObject({ result: { outcome: "ok" } });

    // The same message again, as a bus that lost track of it would deliver it: the inbox knows it.
    await h.publisher.publish([
      { queue: h.bus.names.eventQueue("card"), envelope: requested, attempt: 1, jobId: `${requested.id}-again` },
    ]);
    const approved = event(
      AuthorizationApproved,
      {
        authorization_id: authorizationId,
        card_id: card.id,
        cardholder_id: cardholderId,
        amount: payload.amount,
        currency: payload.currency,
        merchant: payload.merchant,
        decided_at: new Date().toISOString(),
        approval_code: "K0B4N1",
      },
      "processing",
      authorizationId,
      2,
    );
    await transaction(h.pool, (tx) =>
      appendToOutbox(tx, "processing", [{ ...approved, correlationId: requested.correlationId }]),
    );
    await eventually(async () =>
      expect(await partStream(authorizationId)).toEqual([
        ["CardAuthorizationChecked", 1, requested.correlationId],
        ["CardAuthorizationSettled", 2, requested.correlationId],
      ]),
    );
    // Long enough for the second delivery to have been handled (as a duplicate) by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await partStream(authorizationId)).toHaveLength(2);
    const { rows } = await h.pool.query("SELECT state FROM card.authorization_parts WHERE authorization_id = $1", [
      authorizationId,
    ]);
    expect(rows).toEqual([{ state: "confirmed" }]);
  });
});
