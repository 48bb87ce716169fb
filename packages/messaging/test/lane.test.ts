import "./fixtures/quiet-logs.ts";
import { CardholderRegistered, type ContextName } from "@koban/contracts";
import { eventually } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ContextModule, defineContext, type EventRegistration, inLane, onEvent } from "../src/context.ts";
import { buildTopology } from "../src/topology.ts";
import { COUNTER } from "./fixtures/counter-context.ts";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import { cardholderRegistered, count } from "./fixtures/messages.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h?.stopAll();
});
afterAll(async () => {
  await h?.close();
});

/** A subscriber (over the counter's tables) whose handler takes a while and counts how many run at once. */
function slowSubscriber(name: string, lane: boolean) {
  const seen = { running: 0, most: 0 };
  const registration: EventRegistration = onEvent(CardholderRegistered, async (event, { tx }) => {
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query("INSERT INTO test_counter.effects (message_id, cardholder_id, n) VALUES ($1, $2, 1)", [
        event.id,
        event.payload.cardholder_id,
      ]);
    } finally {
      seen.running -= 1;
    }
  });
  const context: ContextModule = defineContext({
    name: name as ContextName,
    schema: COUNTER,
    migrations: "",
    commands: [],
    events: [lane ? inLane({ name: "slow", concurrency: 2 }, registration) : registration],
  });
  return { context, seen };
}

/** Twelve events, a job each, to the subscriber's one event queue; resolves once all are handled. */
async function handleTwelve(context: ContextModule): Promise<string> {
  h.startConsumers([context], { concurrency: 16 });
  const [queue] = buildTopology(h.bus.names, [context]).queues.filter((name) => name.startsWith("evt."));
  if (!queue) throw new Error("no event queue");
  const events = Array.from({ length: 12 }, () => cardholderRegistered());
  // A job each (one publish() would batch them into one job).
  await Promise.all(
    events.map((envelope) => h.publisher.publish([{ queue, envelope, attempt: 1, jobId: envelope.id }])),
  );
  const ids = events.map((event) => event.id);
  const handled = () => count(h.pool, "SELECT count(*) FROM test_counter.effects WHERE message_id = ANY($1)", [ids]);
  await eventually(async () => expect(await handled()).toBe(12), 20_000);
  return queue;
}

describe("a lane", () => {
  it("has its own queue, worked by no more jobs at once than its concurrency, whatever the context's", async () => {
    const { context, seen } = slowSubscriber("test_lane", true);
    expect(await handleTwelve(context)).toBe("evt.test_lane.slow");
    expect(seen.most).toBe(2);
  });

  it("is what limits it: the same handler on the context's shared queue runs many at once", async () => {
    const { context, seen } = slowSubscriber("test_shared", false);
    expect(await handleTwelve(context)).toBe("evt.test_shared");
    expect(seen.most).toBeGreaterThan(2);
  });
});

/** A lane subscriber that notes each message's transaction; `transactionSize` as given. */
function transactionRecorder(name: string, transactionSize?: number) {
  const transactions: string[] = [];
  const registration = onEvent(CardholderRegistered, async (event, { tx }) => {
    const { rows } = await tx.query<{ id: string }>("SELECT txid_current()::text AS id");
    transactions.push(rows[0]?.id as string);
    await tx.query("INSERT INTO test_counter.effects (message_id, cardholder_id, n) VALUES ($1, $2, 1)", [
      event.id,
      event.payload.cardholder_id,
    ]);
  });
  const context: ContextModule = defineContext({
    name: name as ContextName,
    schema: COUNTER,
    migrations: "",
    commands: [],
    events: [inLane({ name: "bulk", concurrency: 1, transactionSize }, registration)],
  });
  return { context, transactions };
}

/** Five events in one job (as the relay batches them); resolves with each one's transaction. */
async function handleFiveInOneJob(context: ContextModule, transactions: string[]): Promise<string[]> {
  h.startConsumers([context], { concurrency: 16 });
  const [queue] = buildTopology(h.bus.names, [context]).queues.filter((name) => name.startsWith("evt."));
  if (!queue) throw new Error("no event queue");
  const events = Array.from({ length: 5 }, () => cardholderRegistered());
  await h.publisher.publish(events.map((envelope) => ({ queue, envelope, attempt: 1, jobId: envelope.id })));
  const ids = events.map((event) => event.id);
  const handled = () => count(h.pool, "SELECT count(*) FROM test_counter.effects WHERE message_id = ANY($1)", [ids]);
  await eventually(async () => expect(await handled()).toBe(5), 20_000);
  return transactions;
}

describe("a lane's transaction size", () => {
  it("splits a job's messages into transactions of at most that many, in order", async () => {
    const { context, transactions } = transactionRecorder("test_lane_steps", 2);
    const seen = await handleFiveInOneJob(context, transactions);
    // 2 + 2 + 1, each step's messages together.
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(3);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[4]).not.toBe(seen[3]);
  });

  it("is what splits it: without one, the job's messages share one transaction", async () => {
    const { context, transactions } = transactionRecorder("test_lane_whole");
    expect(new Set(await handleFiveInOneJob(context, transactions)).size).toBe(1);
  });
});
