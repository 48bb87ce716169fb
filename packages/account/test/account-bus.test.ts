import "./fixtures/quiet-logs.ts";
import {
  type CommandDefinition,
  type Envelope,
  newId,
  noSpendControls,
  type PayloadOf,
  PlaceHold,
  PostHold,
  ProgramCreated,
  RecordDeposit,
  TransferFunds,
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
import { accountContext, expireDueHolds } from "../src/index.ts";
import { expectLedgerInvariants, newTenant } from "./fixtures/ledger.ts";

let db: TestDatabase;
let bus: TestBus;
let pool: Pool;
let relay: Relay;
let consumer: { close(): Promise<void> };
const connections: Redis[] = [];
const tenant = newTenant();
const programId = newId("prg");

beforeAll(async () => {
  db = await createTestDatabase();
  bus = createTestBus();
  pool = createPool(db.url, { max: 6, name: "koban-account-bus-test" });
  connections.push(createRedis(bus.redisUrl), createRedis(bus.redisUrl));
  const [relayRedis, publisherRedis] = connections as [Redis, Redis];
  relay = new Relay(
    {
      pool,
      databaseUrl: db.url,
      redis: relayRedis,
      names: bus.names,
      topology: systemTopology(bus.names),
      publisher: new Publisher(publisherRedis, bus.names),
    },
    { schedulerMs: 50, watermarkMs: 200 },
  );
  relay.start();
  consumer = startContext(accountContext, { pool, redisUrl: bus.redisUrl, names: bus.names });
  await eventually(() => {
    if (!relay.isLeader) throw new Error("the relay does not lead yet");
  });
  const programCreated = createEvent(
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
  await transaction(pool, (tx) => appendToOutbox(tx, "partner", [programCreated]));
});

afterAll(async () => {
  await consumer?.close();
  await relay?.stop();
  for (const connection of connections) connection.disconnect();
  await pool?.end();
  await db?.drop();
  await bus?.close();
});

const command = <C extends CommandDefinition>(definition: C, payload: PayloadOf<C>) =>
  createCommand(definition, payload, { source: "api", tenant, replyTo: "account-tests" }) as Envelope;

const send = (commands: readonly Envelope[]) => transaction(pool, (tx) => appendToOutbox(tx, "api", commands));

const documentFor = (sent: Envelope) =>
  eventually(async () => {
    const { rows } = await pool.query<{ payload: { outcome: string; result?: unknown; error?: { code: string } } }>(
      `SELECT envelope->'payload' AS payload FROM account.outbox
       WHERE envelope->>'kind' = 'document' AND envelope->>'causationId' = $1`,
      [sent.id],
    );
    if (!rows[0]) throw new Error(`no document for ${sent.type} yet`);
    return rows[0].payload;
  });

const stream = (id: string, length: number) =>
  eventually(async () => {
    const events = await readStream(pool, id);
    if (events.length < length) throw new Error(`${id} has ${events.length} events, not ${length}, yet`);
    return events;
  });

describe("the account context on the bus", () => {
  it("opens a program's funding account from partner's ProgramCreated and announces it", async () => {
    const { rows } = await eventually(async () => {
      const result = await pool.query<{ funding_account_id: string; currency: string }>(
        "SELECT funding_account_id, currency FROM account.programs WHERE id = $1",
        [programId],
      );
      if (!result.rows[0]) throw new Error("no program copy yet");
      return result;
    });
    const [opened] = await stream(rows[0]?.funding_account_id as string, 1);
    expect(opened).toMatchObject({
      type: "AccountOpened",
      source: "account",
      tenant,
      payload: { kind: "program_funding", owner_id: programId, currency: "JPY" },
    });
  });

  it("records a deposit once, however often it is asked, and publishes the movement", async () => {
    const payload = { deposit_id: newId("dep"), program_id: programId, amount: 100_000, currency: "JPY" };
    const first = command(RecordDeposit, { ...payload, description: "Opening balance" });
    await send([first]);
    const answer = await documentFor(first);
    expect(answer).toMatchObject({
      outcome: "accepted",
      result: { deposit_id: payload.deposit_id, funding: { posted: 100_000, available: 100_000 } },
    });
    const again = command(RecordDeposit, { ...payload, description: "Opening balance" });
    await send([again]);
    expect(await documentFor(again)).toEqual(answer);
    const [recorded] = await stream(payload.deposit_id, 1);
    expect(recorded).toMatchObject({
      type: "DepositRecorded",
      stream: { id: payload.deposit_id, version: 1 },
      payload: { amount: 100_000, currency: "JPY", credit: { kind: "program_funding", available: 100_000 } },
    });
    expect(await readStream(pool, payload.deposit_id)).toHaveLength(1);
  });

  it("loads a cardholder, holds, posts in part, expires, and refuses what would overspend", async () => {
    const cardholderId = newId("ch");
    const load = command(TransferFunds, {
      transfer_id: newId("tr"),
      program_id: programId,
      cardholder_id: cardholderId,
      direction: "to_cardholder",
      amount: 5_000,
      currency: "JPY",
    });
    await send([load]);
    expect(await documentFor(load)).toMatchObject({ outcome: "accepted", result: { prepaid: { available: 5_000 } } });

    const hold = (amount: number, expiresIn = 600) =>
      command(PlaceHold, {
        hold_id: newId("hold"),
        source: { type: "cardholder", cardholder_id: cardholderId },
        amount,
        currency: "JPY",
        expires_in_seconds: expiresIn,
        reference: null,
      });
    const placed = hold(3_000);
    const tooMuch = hold(2_001);
    const expiring = hold(1_000, 1);
    await send([placed]);
    expect(await documentFor(placed)).toMatchObject({ outcome: "accepted", result: { debit: { available: 2_000 } } });
    await send([tooMuch]);
    expect(await documentFor(tooMuch)).toMatchObject({ outcome: "rejected", error: { code: "insufficient_funds" } });
    await send([expiring]);
    expect(await documentFor(expiring)).toMatchObject({ outcome: "accepted" });

    const holdId = (placed.payload as PayloadOf<typeof PlaceHold>).hold_id;
    const post = command(PostHold, { hold_id: holdId, transfer_id: newId("tr"), amount: 1_200 });
    await send([post]);
    expect(await documentFor(post)).toMatchObject({
      outcome: "accepted",
      result: { status: "posted", posted_amount: 1_200, debit: { posted: 3_800, pending: 1_000 } },
    });
    expect((await stream(holdId, 2)).map((e) => [e.type, e.stream?.version])).toEqual([
      ["HoldPlaced", 1],
      ["HoldPosted", 2],
    ]);

    const expiringId = (expiring.payload as PayloadOf<typeof PlaceHold>).hold_id;
    expect(await expireDueHolds(pool, new Date(Date.now() + 2_000))).toBe(1);
    const [, expired] = await stream(expiringId, 2);
    expect(expired).toMatchObject({
      type: "HoldExpired",
      correlationId: expiring.correlationId,
      payload: { amount: 1_000, debit: { posted: 3_800, pending: 0, available: 3_800 } },
    });
    await expectLedgerInvariants(pool);
  });
});
