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
