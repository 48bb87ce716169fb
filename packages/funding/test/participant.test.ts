import "./quiet-logs.ts";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseKeyRing } from "@koban/config";
import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationRequested,
  CardIssued,
  CreateFundingSource,
  type Envelope,
  type EventDefinition,
  newId,
  noSpendControls,
  type PayloadOf,
  ProgramCreated,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { claimInbox, createCommand, createEvent, type EventRegistration, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundingRepository } from "../src/adapters/funding-repository.ts";
import { sqlSecretVault } from "../src/adapters/funding-secrets.ts";
import { postToGateway } from "../src/adapters/gateway-http.ts";
import { cancelFunding, confirmFunding, decideFunding } from "../src/application/authorization-handlers.ts";
import type { AskGateway, FundingStore } from "../src/application/ports.ts";
import { copyCard, copyProgram, createFundingSource } from "../src/application/source-handlers.ts";
import { authorizationRequested } from "./fixtures.ts";

const keys = parseKeyRing(`1:${Buffer.alloc(32, 9).toString("base64")}`);
const vault = sqlSecretVault(() => keys);
const tenant = { partnerId: newId("ptn"), livemode: false };

/** The partner's gateway: each path answers its own way; every request is kept. */
interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const seen: Seen[] = [];
const answers: Record<string, (respond: (status: number, body: string) => void) => void> = {
  "/approve": (respond) => respond(200, '{"approved":true}'),
  "/decline": (respond) => respond(200, '{"approved":false}'),
  "/slow": (respond) => setTimeout(() => respond(200, '{"approved":true}'), 1_000),
  "/error": (respond) => respond(500, '{"approved":true}'),
  "/garbage": (respond) => respond(200, "<html>approved</html>"),
};

let db: TestDatabase;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      seen.push({ path, headers: request.headers, body });
      const answer = answers[path] ?? ((respond) => respond(404, ""));
      answer((status, text) => {
        if (response.destroyed) return;
        response.writeHead(status, { "content-type": "application/json" }).end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db?.drop();
});

const local: AskGateway = (call) => postToGateway(call, { allowPrivateAddresses: true });
const guarded: AskGateway = (call) => postToGateway(call, { allowPrivateAddresses: false });

/** Handles one message as the consumer does: inbox, effect and emitted events in one transaction. */
async function handle(registration: EventRegistration, envelope: Envelope) {
  const emitted: Array<{ type: string; payload: unknown; stream: { id: string; version: number } }> = [];
  await transaction(db.pool, async (tx) => {
    if (!(await claimInbox(tx, "funding", "funding", envelope.id))) return;
    const context: HandlerContext = {
      tx,
      tenant: envelope.tenant,
      emit: (definition, payload, stream) => emitted.push({ type: definition.type, payload, stream }),
    };
    await registration.handle(envelope, context);
  });
  return emitted;
}

const event = <D extends EventDefinition>(definition: D, payload: PayloadOf<D>, stream: string) =>
  createEvent(definition, payload, { source: "processing", tenant, stream: { id: stream, version: 1 } }) as Envelope;

async function source(
  type: "prefunded" | "jit_gateway",
  gateway?: { path: string; stand_in: "approve" | "decline"; deadline_ms?: number; url?: string },
) {
  const id = newId("fs");
  const command = createCommand(
    CreateFundingSource,
    {
      funding_source_id: id,
      type,
      description: null,
      jit_gateway: gateway
        ? {
            url: gateway.url ?? `${base}${gateway.path}`,
            deadline_ms: gateway.deadline_ms ?? 1_000,
            stand_in: gateway.stand_in,
          }
        : null,
    },
    { source: "api", tenant, replyTo: "tests" },
  );
  await transaction(db.pool, (tx) =>
    createFundingSource(fundingRepository, vault).handle(command as Envelope, { tx, tenant, emit: () => {} }),
  );
  return id;
}

async function program(defaultFundingSourceId: string | null) {
  const id = newId("prg");
  await handle(
    copyProgram(fundingRepository),
    event(
      ProgramCreated,
      {
        program_id: id,
        partner_id: tenant.partnerId,
        livemode: false,
        name: "P",
        currency: "JPY",
        timezone: "Asia/Tokyo",
        bin_prefix: "42424242",
        pan_length: 16,
        default_spend_controls: noSpendControls,
        default_funding_source_id: defaultFundingSourceId,
        created_at: new Date().toISOString(),
      },
      id,
    ),
  );
  return id;
}

async function card(programId: string, fundingSourceId: string | null) {
  const id = newId("card");
  const cardholderId = newId("ch");
  await handle(
    copyCard(fundingRepository),
    event(
      CardIssued,
      {
        card_id: id,
        cardholder_id: cardholderId,
        program_id: programId,
        type: "virtual",
        status: "inactive",
        pan_digest: "0".repeat(64),
        last4: "4242",
        exp_month: 12,
        exp_year: 2030,
        spend_controls: noSpendControls,
        funding_source_id: fundingSourceId,
        replacement_for: null,
        replacement_reason: null,
        created_at: new Date().toISOString(),
      },
      id,
    ),
  );
  return { id, programId, cardholderId };
}

const requestFor = (copy: { id: string; programId: string; cardholderId: string }) => {
  const payload = authorizationRequested(copy);
  return event(AuthorizationRequested, payload, payload.authorization_id);
};

const decider = (ask: AskGateway = local) => decideFunding(fundingRepository, vault, ask);

async function decided(ask: AskGateway, sourceId: string | null, viaProgram = false) {
  const programId = await program(viaProgram ? sourceId : null);
  const copy = await card(programId, viaProgram ? null : sourceId);
  const request = requestFor(copy);
  const [emitted, ...rest] = await handle(decider(ask), request);
  expect(rest).toEqual([]);
  const { rows } = await db.pool.query("SELECT * FROM funding.decisions WHERE authorization_id = $1", [
    (request.payload as { authorization_id: string }).authorization_id,
  ]);
  return { request, emitted, row: rows[0], copy };
}

const hits = (path: string) => seen.filter((request) => request.path === path).length;

describe("funding's decision", () => {
  it("passes a prefunded source, or none, at once, on the cardholder's prepaid balance", async () => {
    for (const sourceId of [await source("prefunded"), null]) {
      const { emitted, copy, request } = await decided(local, sourceId);
      expect(emitted).toMatchObject({
        type: "FundingDecided",
        stream: { id: `${(request.payload as { authorization_id: string }).authorization_id}:funding`, version: 1 },
        payload: {
          funding_source_id: sourceId,
          result: { outcome: "ok" },
          hold_source: { type: "cardholder", cardholder_id: copy.cardholderId },
          hold_expires_in_seconds: 7 * 24 * 3600,
          stand_in: false,
          amount: 1_200,
          currency: "JPY",
        },
      });
    }
  });

  it("asks the gateway with a signed request and follows its approval, on the program's funding", async () => {
    const sourceId = await source("jit_gateway", { path: "/approve", stand_in: "decline" });
    const { emitted, row, copy, request } = await decided(local, sourceId, true);
    expect(emitted?.payload).toMatchObject({
      funding_source_id: sourceId,
      result: { outcome: "ok" },
      hold_source: { type: "program", program_id: copy.programId },
      stand_in: false,
    });
    expect(row).toMatchObject({ state: "trying", outcome: "ok", gateway_status: 200, gateway_problem: null });
    const asked = seen.filter((s) => s.path === "/approve").at(-1) as Seen;
    const secret = await vault.open(db.pool, sourceId);
    const verified = new Webhook(secret ?? "").verify(asked.body, {
      "webhook-id": String(asked.headers["webhook-id"]),
      "webhook-timestamp": String(asked.headers["webhook-timestamp"]),
      "webhook-signature": String(asked.headers["webhook-signature"]),
    });
    const authorizationId = (request.payload as { authorization_id: string }).authorization_id;
    expect(asked.headers["webhook-id"]).toBe(authorizationId);
    expect(verified).toMatchObject({
      type: "funding.authorization_request",
      authorization_id: authorizationId,
      funding_source_id: sourceId,
      card_id: copy.id,
      card_last4: "4242",
      cardholder_id: copy.cardholderId,
      amount: 1_200,
      currency: "JPY",
      merchant: { name: "Koban Coffee", mcc: "5814" },
    });
    expect(asked.body).not.toMatch(/cvv|pan_digest|expiry/);
  });

  it("declines with partner_declined when the gateway says no", async () => {
    const sourceId = await source("jit_gateway", { path: "/decline", stand_in: "approve" });
    const { emitted, row } = await decided(local, sourceId);
    expect(emitted?.payload).toMatchObject({
      result: { outcome: "ng", reason: "partner_declined" },
      hold_source: null,
      stand_in: false,
    });
    expect(row).toMatchObject({ outcome: "ng", reason: "partner_declined", stand_in: false });
  });

  it("lets the stand-in rule decide when the deadline passes, both ways, recording why", async () => {
    const approving = await source("jit_gateway", { path: "/slow", stand_in: "approve", deadline_ms: 200 });
    const started = performance.now();
    const approved = await decided(local, approving);
    expect(performance.now() - started).toBeLessThan(900);
    expect(approved.emitted?.payload).toMatchObject({
      result: { outcome: "ok" },
      hold_source: { type: "program" },
      stand_in: true,
    });
    expect(approved.row).toMatchObject({ gateway_status: null, gateway_problem: "no answer within 200 ms" });

    const declining = await source("jit_gateway", { path: "/slow", stand_in: "decline", deadline_ms: 200 });
    const declined = await decided(local, declining);
    expect(declined.emitted?.payload).toMatchObject({
      result: { outcome: "ng", reason: "partner_timeout" },
      hold_source: null,
      stand_in: true,
    });
    expect(declined.row).toMatchObject({ reason: "partner_timeout", gateway_problem: "no answer within 200 ms" });
  });

  it("lets the stand-in rule decide on a 500 or a body that is not the answer", async () => {
    const failing = await source("jit_gateway", { path: "/error", stand_in: "decline" });
    const five = await decided(local, failing);
    expect(five.emitted?.payload).toMatchObject({
      result: { outcome: "ng", reason: "partner_timeout" },
      stand_in: true,
    });
    expect(five.row).toMatchObject({ gateway_status: 500, gateway_problem: "the gateway answered 500" });

    const garbled = await source("jit_gateway", { path: "/garbage", stand_in: "approve" });
    const garbage = await decided(local, garbled);
    expect(garbage.emitted?.payload).toMatchObject({ result: { outcome: "ok" }, stand_in: true });
    expect(garbage.row.gateway_problem).toMatch(/not JSON/);
  });

  it("never connects to an internal address when the policy forbids it: the stand-in rule decides", async () => {
    const before = hits("/approve");
    const sourceId = await source("jit_gateway", { path: "/approve", stand_in: "decline" });
    const { emitted, row } = await decided(guarded, sourceId);
    expect(emitted?.payload).toMatchObject({ result: { outcome: "ng", reason: "partner_timeout" }, stand_in: true });
    expect(row.gateway_problem).toMatch(/private IP address/);
    expect(hits("/approve")).toBe(before);
  });

  it("is a failure, never an approval, for a card it has no record of or a source that does not exist", async () => {
    const unknown = requestFor({ id: newId("card"), programId: newId("prg"), cardholderId: newId("ch") });
    const [noCard] = await handle(decider(), unknown);
    expect(noCard?.payload).toMatchObject({ result: { outcome: "failure" }, hold_source: null });
    const { emitted } = await decided(local, newId("fs"));
    expect(emitted?.payload).toMatchObject({ result: { outcome: "failure", error: /does not exist/ } });
  });
});

describe("duplicate deliveries", () => {
  it("ask the gateway once: a redelivery after the decision, or alongside it, decides nothing", async () => {
    const sourceId = await source("jit_gateway", { path: "/approve", stand_in: "decline" });
    const copy = await card(await program(null), sourceId);
    const request = requestFor(copy);
    const before = hits("/approve");
    const [first, second] = await Promise.all([handle(decider(), request), handle(decider(), request)]);
    expect([...(first ?? []), ...(second ?? [])].map((e) => e.type)).toEqual(["FundingDecided"]);
    // The same request again with a new message id (it passed the inbox): the recorded decision stops it.
    const again = { ...request, id: crypto.randomUUID() };
    expect(await handle(decider(), again)).toEqual([]);
    expect(hits("/approve") - before).toBe(1);
  });

  it("may ask twice when the worker dies between the call and the commit (nothing was recorded)", async () => {
    const sourceId = await source("jit_gateway", { path: "/approve", stand_in: "decline" });
    const copy = await card(await program(null), sourceId);
    const request = requestFor(copy);
    const before = hits("/approve");
    const dying: FundingStore = {
      ...fundingRepository,
      recordDecision: async () => {
        throw new Error("worker died");
      },
    };
    await expect(handle(decideFunding(dying, vault, local), request)).rejects.toThrow("worker died");
    const [decision] = await handle(decider(), request);
    expect(decision?.payload).toMatchObject({ result: { outcome: "ok" } });
    expect(hits("/approve") - before).toBe(2);
    const ids = seen.slice(-2).map((s) => s.headers["webhook-id"]);
    expect(ids[0]).toBe(ids[1]);
  });
});

describe("settling", () => {
  const outcome = (request: Envelope, copy: { id: string; cardholderId: string }) => {
    const p = request.payload as PayloadOf<typeof AuthorizationRequested>;
    return {
      authorization_id: p.authorization_id,
      card_id: copy.id,
      cardholder_id: copy.cardholderId,
      amount: p.amount,
      currency: p.currency,
      merchant: p.merchant,
      decided_at: new Date().toISOString(),
    };
  };

  it("confirms on approval and cancels on decline, once (version 2 of the part's stream)", async () => {
    const approvedCard = await card(await program(null), null);
    const approvedRequest = requestFor(approvedCard);
    await handle(decider(), approvedRequest);
    const approval = event(
      AuthorizationApproved,
      { ...outcome(approvedRequest, approvedCard), approval_code: "A1B2C3" },
      approvedRequest.stream?.id ?? "",
    );
    const [confirmed] = await handle(confirmFunding(fundingRepository), approval);
    expect(confirmed).toMatchObject({ type: "FundingDecisionSettled", payload: { state: "confirmed" } });
    expect(confirmed?.stream.version).toBe(2);
    expect(await handle(confirmFunding(fundingRepository), { ...approval, id: crypto.randomUUID() })).toEqual([]);

    const declinedCard = await card(await program(null), null);
    const declinedRequest = requestFor(declinedCard);
    await handle(decider(), declinedRequest);
    const decline = event(
      AuthorizationDeclined,
      { ...outcome(declinedRequest, declinedCard), reason: "card_frozen" },
      declinedRequest.stream?.id ?? "",
    );
    const [canceled] = await handle(cancelFunding(fundingRepository), decline);
    expect(canceled).toMatchObject({ type: "FundingDecisionSettled", payload: { state: "canceled" } });
  });

  it("never decides a request whose decline came first (and asks no gateway)", async () => {
    const sourceId = await source("jit_gateway", { path: "/approve", stand_in: "approve" });
    const copy = await card(await program(null), sourceId);
    const request = requestFor(copy);
    const before = hits("/approve");
    const decline = event(
      AuthorizationDeclined,
      { ...outcome(request, copy), reason: "system_error" },
      request.stream?.id ?? "",
    );
    expect(await handle(cancelFunding(fundingRepository), decline)).toEqual([]);
    expect(await handle(decider(), request)).toEqual([]);
    expect(hits("/approve")).toBe(before);
  });
});
