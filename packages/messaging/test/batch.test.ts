import "./fixtures/quiet-logs.ts";
import { cardholderContext } from "@koban/cardholder";
import { newId } from "@koban/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Outgoing } from "../src/publisher.ts";
import { COUNTER, counterContext } from "./fixtures/counter-context.ts";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import { cardholderRegistered, count, documentOutcomes, effects, registerCardholder } from "./fixtures/messages.ts";

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

const asOneJob = (queue: string, envelopes: Outgoing["envelope"][]): Outgoing[] =>
  envelopes.map((envelope) => ({ queue, envelope, attempt: 1, jobId: envelope.id }));

describe("messages that travel together in one job", () => {
  it("are applied once each; a failing one rolls the batch back and the others still apply", async () => {
    h.startConsumers([counterContext], { retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const good = [cardholderRegistered(), cardholderRegistered(), cardholderRegistered()];
    const poison = cardholderRegistered();
    const broken = { ...cardholderRegistered(), payload: { cardholder_id: "not-an-id" } };
    await h.pool.query("INSERT INTO test_counter.faults (cardholder_id, kind) VALUES ($1, 'transient')", [
      poison.payload.cardholder_id,
    ]);
    const [first, second, third] = good as [Outgoing["envelope"], Outgoing["envelope"], Outgoing["envelope"]];
    await h.publisher.publish(asOneJob(h.bus.names.eventQueue(COUNTER), [first, poison, second, broken, third, first]));
    await h.drained();

    const applied = await effects(h.pool);
    for (const event of good) expect(applied.get(event.id)).toBe(1);
    expect(applied.has(poison.id)).toBe(false);
    // The poison waits for its retry in Postgres; the broken one is a dead letter at once.
    expect(await count(h.pool, "SELECT count(*) FROM bus.scheduled WHERE envelope->>'id' = $1", [poison.id])).toBe(1);
    expect(await count(h.pool, "SELECT count(*) FROM bus.dead_letters WHERE message_id = $1", [broken.id])).toBe(1);
  });

  it("answers each command of a batch, a refused one with its own rejection", async () => {
    h.startConsumers([cardholderContext]);
    const accepted = [registerCardholder(), registerCardholder()];
    const refused = registerCardholder();
    refused.payload.business_id = newId("ch");
    const [a, b] = accepted as [Outgoing["envelope"], Outgoing["envelope"]];
    await h.publisher.publish(asOneJob(h.bus.names.commandQueue("cardholder"), [a, refused, b]));
    await h.drained();

    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes.accepted.sort()).toEqual([a.id, b.id].sort());
    expect(outcomes.rejected).toEqual([refused.id]);
    expect(
      await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = ANY($1)", [
        [...accepted, refused].map((command) => command.payload.cardholder_id),
      ]),
    ).toBe(2);
  });
});

describe("a context that opts out of batching", () => {
  it("handles each message of a job in a transaction of its own", async () => {
    const handledAt = async (events: readonly Outgoing["envelope"][]) =>
      (
        await h.pool.query<{ at: Date }>("SELECT handled_at AS at FROM test_counter.inbox WHERE message_id = ANY($1)", [
          events.map((event) => event.id),
        ])
      ).rows.map((row) => row.at.toISOString());

    const batched = [cardholderRegistered(), cardholderRegistered(), cardholderRegistered()];
    const consumer = h.startConsumers([counterContext]);
    await h.publisher.publish(asOneJob(h.bus.names.eventQueue(COUNTER), batched));
    await h.drained();
    await consumer.close();
    // One transaction: now() is the same for all three inbox rows.
    expect(new Set(await handledAt(batched)).size).toBe(1);

    const single = [cardholderRegistered(), cardholderRegistered(), cardholderRegistered()];
    h.startConsumers([{ ...counterContext, batching: false }]);
    await h.publisher.publish(asOneJob(h.bus.names.eventQueue(COUNTER), single));
    await h.drained();
    expect(new Set(await handledAt(single)).size).toBe(3);
    expect([...(await effects(h.pool)).entries()].filter(([id]) => single.some((e) => e.id === id))).toHaveLength(3);
  });
});
