import { createPartnerWithKey } from "@koban/cli/partners";
import {
  type CommandDefinition,
  type Envelope,
  LiftCardComplianceHold,
  LiftCardholderComplianceHold,
  type PayloadOf,
  PlaceCardComplianceHold,
  PlaceCardholderComplianceHold,
  type Tenant,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createCommand, createRedis, Publisher, readStream } from "@koban/messaging";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

/**
 * Compliance holds through the API: staff place them (the console sends the commands; here they
 * go through a facade's outbox as the console's would), the partner sees them and cannot undo
 * them, authorizations decline while one is on and are approved again once staff lift it.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let tenant: Tenant;
const staffId = "usr_compliance_1";

beforeAll(async () => {
  stack = await startStack();
  const partner = await createPartnerWithKey(stack.db.pool, "Held KK");
  const rival = await createPartnerWithKey(stack.db.pool, "Rival KK");
  tenant = { partnerId: partner.partner_id, livemode: false };
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
  other = apiClient(stack.apiUrls[0] as string, rival.api_key);
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  expect((await api("POST", "/v1/simulate/deposits", { body: { amount: 1_000_000 } })).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

/** A staff command as the console sends it: through a facade's outbox, in the resource's tenant. */
async function asStaff<C extends CommandDefinition>(definition: C, payload: PayloadOf<C>, to = tenant) {
  const command = createCommand(definition, payload, { source: "console", tenant: to });
  await send(command);
  return command;
}

const send = (command: Envelope) => transaction(stack.db.pool, (tx) => appendToOutbox(tx, "api", [command]));

/** The bus delivers a message a second time, as it may (at-least-once). */
async function redeliver(command: Envelope, context: "card" | "cardholder") {
  const connection = createRedis(stack.bus.redisUrl);
  const publisher = new Publisher(connection, stack.bus.names);
  try {
    const queue = stack.bus.names.commandQueue(context);
    await publisher.publish([{ queue, envelope: command, attempt: 1, jobId: `again-${command.id}` }]);
  } finally {
    await publisher.close();
    connection.disconnect();
  }
}

async function fundedCard() {
  const holder = await api("POST", "/v1/cardholders", {
    body: { ...individual("Kenta"), kyc: { method: "partner" } },
  });
  expect(holder.status).toBe(201);
  const load = await api("POST", "/v1/transfers", {
    body: { type: "load", cardholder_id: holder.body.id, amount: 50_000 },
  });
  expect(load.status).toBe(201);
  const card = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
  expect(card.status).toBe(201);
  expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  return { cardholderId: holder.body.id as string, cardId: card.body.id as string };
}

async function authorize(cardId: string) {
  const response = await api("POST", "/v1/simulate/authorizations", { body: { card_id: cardId, amount: 1_000 } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return [response.body.status, response.body.decline_reason];
}

const eventsOf = async (stream: string, type: string) =>
  (await readStream(stack.db.pool, stream)).filter((event) => event.type === type).length;

describe("a compliance hold on a card", () => {
  it("declines its authorizations and refuses the partner's unfreeze and activate until staff lift it", async () => {
    const { cardId } = await fundedCard();
    expect(await authorize(cardId)).toEqual(["pending", null]);

    // The partner froze it first; the hold must outlive the partner's unfreeze.
    expect((await api("POST", `/v1/cards/${cardId}/freeze`)).status).toBe(200);
    const reason = "Card used in a fraud ring under investigation";
    await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason, staff_id: staffId });
    await eventually(async () =>
      expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).toEqual({
        reason,
        placed_at: expect.any(String),
      }),
    );

    const unfreeze = await api("POST", `/v1/cards/${cardId}/unfreeze`);
    expect([unfreeze.status, unfreeze.body.code]).toEqual([409, "compliance_hold"]);
    expect(unfreeze.body.detail).toMatch(/compliance hold/);
    expect((await api("GET", `/v1/cards/${cardId}`)).body.status).toBe("frozen");
    const replace = await api("POST", "/v1/cards", {
      body: { replacement_for: cardId, replacement_reason: "damaged" },
    });
    expect([replace.status, replace.body.code]).toEqual([409, "compliance_hold"]);

    // Lifted, the card is as the partner left it (frozen); unfrozen by the partner, it pays again.
    await asStaff(LiftCardComplianceHold, { card_id: cardId, reason: "Cleared", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).toBeNull());
    expect((await api("POST", `/v1/cards/${cardId}/unfreeze`)).status).toBe(200);
    expect(await authorize(cardId)).toEqual(["pending", null]);
  });

  it("declines an active card's authorizations as card_frozen, approved again once lifted", async () => {
    const { cardId } = await fundedCard();
    await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason: "Sanctions screening hit", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).not.toBeNull());
    expect((await api("GET", `/v1/cards/${cardId}`)).body.status).toBe("active");
    expect(await authorize(cardId)).toEqual(["declined", "card_frozen"]);

    await asStaff(LiftCardComplianceHold, { card_id: cardId, reason: "False positive", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).toBeNull());
    expect(await authorize(cardId)).toEqual(["pending", null]);
  });

  it("refuses activating an inactive held card, and still lets the partner close it", async () => {
    const holder = await api("POST", "/v1/cardholders", {
      body: { ...individual("Sora"), kyc: { method: "partner" } },
    });
    const card = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
    const cardId = card.body.id as string;
    await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason: "Identity mismatch", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).not.toBeNull());

    const activate = await api("POST", `/v1/cards/${cardId}/activate`);
    expect([activate.status, activate.body.code]).toEqual([409, "compliance_hold"]);
    const close = await api("POST", `/v1/cards/${cardId}/close`, { body: { reason: "fraud" } });
    expect([close.status, close.body.status]).toEqual([200, "closed"]);
  });

  it("is placed once however often the command is delivered or repeated", async () => {
    const { cardId } = await fundedCard();
    const placed = await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason: "First", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).not.toBeNull());
    // The same message again (a redelivery), and a second hold: neither changes the card.
    await redeliver(placed, "card");
    await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason: "Second", staff_id: staffId });
    await waitForQuiescence(stack.db.pool);
    expect(await eventsOf(cardId, "CardComplianceHoldPlaced")).toBe(1);
    expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold.reason).toBe("First");
  });

  it("is invisible to, and cannot be used against, another partner", async () => {
    const { cardId } = await fundedCard();
    await asStaff(PlaceCardComplianceHold, { card_id: cardId, reason: "Under review", staff_id: staffId });
    await eventually(async () => expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).not.toBeNull());
    expect((await other("GET", `/v1/cards/${cardId}`)).status).toBe(404);
    expect((await other("POST", `/v1/cards/${cardId}/unfreeze`)).status).toBe(404);

    // A hold addressed to the card in another tenant finds no card there, and changes nothing.
    const rivalTenant = { partnerId: "ptn_00000000000000000000000000", livemode: false };
    await asStaff(LiftCardComplianceHold, { card_id: cardId, reason: "Wrong tenant", staff_id: staffId }, rivalTenant);
    await waitForQuiescence(stack.db.pool);
    expect((await api("GET", `/v1/cards/${cardId}`)).body.compliance_hold).not.toBeNull();
  });
});

describe("a compliance hold on a cardholder", () => {
  it("declines every card of theirs and refuses the partner's reactivation until staff lift it", async () => {
    const { cardholderId, cardId } = await fundedCard();
    await asStaff(PlaceCardholderComplianceHold, {
      cardholder_id: cardholderId,
      reason: "Politically exposed person review",
      staff_id: staffId,
    });
    await eventually(async () =>
      expect((await api("GET", `/v1/cardholders/${cardholderId}`)).body.compliance_hold).toEqual({
        reason: "Politically exposed person review",
        placed_at: expect.any(String),
      }),
    );
    expect(await authorize(cardId)).toEqual(["declined", "cardholder_inactive"]);

    // Suspending still works (it stops spending); reactivating does not.
    const suspend = await api("PATCH", `/v1/cardholders/${cardholderId}`, { body: { status: "suspended" } });
    expect([suspend.status, suspend.body.status]).toEqual([200, "suspended"]);
    const reactivate = await api("PATCH", `/v1/cardholders/${cardholderId}`, { body: { status: "active" } });
    expect([reactivate.status, reactivate.body.code]).toEqual([409, "compliance_hold"]);
    expect((await other("GET", `/v1/cardholders/${cardholderId}`)).status).toBe(404);

    const placedAgain = await asStaff(PlaceCardholderComplianceHold, {
      cardholder_id: cardholderId,
      reason: "Again",
      staff_id: staffId,
    });
    await redeliver(placedAgain, "cardholder");
    await waitForQuiescence(stack.db.pool);
    expect(await eventsOf(cardholderId, "CardholderComplianceHoldPlaced")).toBe(1);

    await asStaff(LiftCardholderComplianceHold, { cardholder_id: cardholderId, reason: "Cleared", staff_id: staffId });
    await eventually(async () =>
      expect((await api("GET", `/v1/cardholders/${cardholderId}`)).body.compliance_hold).toBeNull(),
    );
    expect((await api("PATCH", `/v1/cardholders/${cardholderId}`, { body: { status: "active" } })).status).toBe(200);
    expect(await authorize(cardId)).toEqual(["pending", null]);
  });
});
