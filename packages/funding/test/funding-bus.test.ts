import "./quiet-logs.ts";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AuthorizationApproved,
  AuthorizationRequested,
  CardIssued,
  CreateFundingSource,
  type Envelope,
  newId,
  noSpendControls,
  type PayloadOf,
} from "@koban/contracts";
import { createPool, type Pool, transaction } from "@koban/db";
import {
  appendToOutbox,
  createCommand,
  createEvent,
  createRedis,
  Publisher,
  type Redis,
  Relay,
  readStream,
  startContext,
} from "@koban/messaging";
import { systemTopology } from "@koban/system";
import { createTestBus, createTestDatabase, eventually, type TestBus, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToGateway } from "../src/adapters/gateway-http.ts";
import { fundingContextWith } from "../src/index.ts";
import { authorizationRequested } from "./fixtures.ts";

let db: TestDatabase;
let bus: TestBus;
let pool: Pool;
let relay: Relay;
let publisher: Publisher;
let consumer: { close(): Promise<void> };
let server: Server;
let gatewayUrl: string;
let calls = 0;
const connections: Redis[] = [];
const tenant = { partnerId: newId("ptn"), livemode: false };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      calls += 1;
      response.writeHead(200, { "content-type": "application/json" }).end('{"approved":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fund`;
  db = await createTestDatabase();
  bus = createTestBus();
  pool = createPool(db.url, { max: 6, name: "koban-funding-bus-test" });
  connections.push(createRedis(bus.redisUrl), createRedis(bus.redisUrl));
  const [relayRedis, publisherRedis] = connections as [Redis, Redis];
  publisher = new Publisher(publisherRedis, bus.names);
  relay = new Relay(
    { pool, databaseUrl: db.url, redis: relayRedis, names: bus.names, topology: systemTopology(bus.names), publisher },
    { schedulerMs: 50, watermarkMs: 200 },
  );
  relay.start();
  const context = fundingContextWith((call) => postToGateway(call, { allowPrivateAddresses: true }));
  consumer = startContext(context, { pool, redisUrl: bus.redisUrl, names: bus.names });
  await eventually(() => {
    if (!relay.isLeader) throw new Error("the relay does not lead yet");
  });
});

afterAll(async () => {
  await consumer?.close();
  await relay?.stop();
  await publisher?.close();
  for (const connection of connections) connection.disconnect();
  await pool?.end();
  await db?.drop();
  await bus?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

const send = (messages: readonly Envelope[]) => transaction(pool, (tx) => appendToOutbox(tx, "api", messages));

const stream = (id: string, length: number) =>
  eventually(async () => {
    const events = await readStream(pool, id);
    if (events.length < length) throw new Error(`${id} has ${events.length} events, not ${length}, yet`);
    return events;
  });

describe("funding on the bus", () => {
  it("asks a gateway once for an authorization delivered twice, and settles its part on the outcome", async () => {
    const sourceId = newId("fs");
    await send([
      createCommand(
        CreateFundingSource,
        {
          funding_source_id: sourceId,
          type: "jit_gateway",
          description: null,
          jit_gateway: { url: gatewayUrl, deadline_ms: 1_000, stand_in: "decline" },
        },
        { source: "api", tenant, replyTo: "funding-tests" },
      ) as Envelope,
    ]);
    expect((await stream(sourceId, 1)).map((e) => e.type)).toEqual(["FundingSourceCreated"]);

    const card = { id: newId("card"), programId: newId("prg"), cardholderId: newId("ch") };
    await send([
      createEvent(
        CardIssued,
        {
          card_id: card.id,
          cardholder_id: card.cardholderId,
          program_id: card.programId,
          type: "virtual",
          status: "inactive",
          pan_digest: "1".repeat(64),
          last4: "0005",
          exp_month: 1,
          exp_year: 2031,
          spend_controls: noSpendControls,
          funding_source_id: sourceId,
          replacement_for: null,
          replacement_reason: null,
          created_at: new Date().toISOString(),
        },
        { source: "card", tenant, stream: { id: card.id, version: 1 } },
      ) as Envelope,
    ]);
    await eventually(async () => {
      const { rowCount } = await pool.query("SELECT 1 FROM funding.cards WHERE id = $1", [card.id]);
      expect(rowCount).toBe(1);
    });

    const payload = authorizationRequested(card, 3_000);
    const id = payload.authorization_id;
    const requested = createEvent(AuthorizationRequested, payload, {
      source: "processing",
      tenant,
      correlationId: id,
      stream: { id, version: 1 },
    }) as Envelope;
    await send([requested]);
    // Redelivered, as after Redis lost the job's completion: a second job carrying the same message.
    await publisher.publish([
      { queue: bus.names.eventQueue("funding"), envelope: requested, attempt: 1, jobId: `again-${requested.id}` },
    ]);
    const [decided] = await stream(`${id}:funding`, 1);
    expect(decided).toMatchObject({
      type: "FundingDecided",
      correlationId: id,
      payload: {
        funding_source_id: sourceId,
        result: { outcome: "ok" },
        hold_source: { type: "program", program_id: card.programId },
        stand_in: false,
        amount: 3_000,
      },
    });

    const approved: PayloadOf<typeof AuthorizationApproved> = {
      authorization_id: id,
      card_id: card.id,
      cardholder_id: card.cardholderId,
      amount: 3_000,
      currency: "JPY",
      merchant: payload.merchant,
      decided_at: new Date().toISOString(),
      approval_code: "X1Y2Z3",
    };
    await send([
      createEvent(AuthorizationApproved, approved, {
        source: "processing",
        tenant,
        correlationId: id,
        stream: { id, version: 2 },
      }) as Envelope,
    ]);
    const part = await stream(`${id}:funding`, 2);
    expect(part.map((e) => [e.type, e.stream?.version])).toEqual([
      ["FundingDecided", 1],
      ["FundingDecisionSettled", 2],
    ]);
    expect(part[1]?.payload).toMatchObject({ state: "confirmed" });
    // Both jobs are done (completed jobs are removed), and the gateway was asked once.
    await eventually(async () => {
      const counts = await publisher
        .queue(bus.names.eventQueue("funding"))
        .getJobCounts("waiting", "active", "delayed");
      expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0 });
    });
    expect(calls).toBe(1);
  });
});
