import "./fixtures/quiet-logs.ts";
import { cardContext } from "@koban/card";
import { cardholderContext } from "@koban/cardholder";
import { listDeadLetters, replayDeadLetter } from "@koban/messaging";
import { partnerContext } from "@koban/partner";
import { queryContext } from "@koban/query";
import { eventually } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Outgoing } from "../src/publisher.ts";
import { COUNTER, counterContext } from "./fixtures/counter-context.ts";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import {
  cardholderRegistered,
  commitToOutbox,
  count,
  documentOutcomes,
  effects,
  registerCardholder,
} from "./fixtures/messages.ts";

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

describe("at-least-once in, exactly-once effect", () => {
  it("applies an event delivered several times, at once and later, exactly once", async () => {
    const consumer = h.startConsumers([counterContext]);
    const queue = h.bus.names.eventQueue(COUNTER);
    const events = Array.from({ length: 20 }, () => cardholderRegistered());
    const copies = (suffix: string): Outgoing[] =>
      events.map((envelope) => ({ queue, envelope, attempt: 1, jobId: `${envelope.id}.${suffix}` }));

    // Three jobs per message in one go: with 16 handlers at once, copies race each other.
    await h.publisher.publish([...copies("a"), ...copies("b"), ...copies("c")]);
    await h.drained();
    // And once more after they were all handled.
    await h.publisher.publish(copies("later"));
    await h.drained();

    const applied = await effects(h.pool);
    expect(applied.size).toBe(events.length);
    for (const event of events) expect(applied.get(event.id)).toBe(1);
    expect(await count(h.pool, "SELECT count(*) FROM test_counter.inbox")).toBe(events.length);
    expect(await count(h.pool, "SELECT count(*) FROM bus.dead_letters")).toBe(0);
    expect(await h.publisher.queue(queue).getFailedCount()).toBe(0);
    await consumer.close();
  });

  it("applies a command delivered twice once: one state change, one accepted result, no rejection", async () => {
    const consumer = h.startConsumers([cardholderContext]);
    const queue = h.bus.names.commandQueue("cardholder");
    const commands = Array.from({ length: 10 }, () => registerCardholder());
    await h.publisher.publish(
      commands.flatMap((envelope) =>
        ["a", "b"].map((suffix) => ({ queue, envelope, attempt: 1, jobId: `${envelope.id}.${suffix}` })),
      ),
    );
    await h.drained();
    await h.publisher.publish(commands.map((envelope) => ({ queue, envelope, attempt: 1, jobId: `${envelope.id}.c` })));
    await h.drained();

    const ids = commands.map((command) => command.payload.cardholder_id);
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = ANY($1)", [ids])).toBe(10);
    // Without the inbox, the second delivery would be refused (cardholder_exists) and say so in a document.
    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes.rejected).toEqual([]);
    expect(outcomes.accepted.sort()).toEqual(commands.map((command) => command.id).sort());
    expect(
      await count(h.pool, "SELECT count(*) FROM cardholder.outbox WHERE envelope->>'type' = 'CardholderRegistered'"),
    ).toBe(10);
    await consumer.close();
  });
});

describe("failures: retries from Postgres, dead letters, replay", () => {
  const policy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

  it("dead-letters a poison message after maxAttempts, and a replay once the cause is fixed applies it once", async () => {
    const consumers = h.startConsumers([counterContext, queryContext, cardContext, partnerContext], { retry: policy });
    const relay = h.startRelay();
    await h.leading(relay);
    const poison = cardholderRegistered();
    const healthy = cardholderRegistered();
    await h.pool.query("INSERT INTO test_counter.faults (cardholder_id, kind) VALUES ($1, 'transient')", [
      poison.payload.cardholder_id,
    ]);
    await commitToOutbox(h.pool, "cardholder", [poison, healthy]);

    const letter = await eventually(async () => {
      const [found] = (await listDeadLetters(h.pool)).filter((l) => l.message_id === poison.id);
      if (!found) throw new Error("no dead letter yet");
      return found;
    });
    expect(letter).toMatchObject({ consumer: COUNTER, queue: `evt.${COUNTER}`, attempts: policy.maxAttempts });
    expect(letter.error).toContain(`poisoned: ${poison.payload.cardholder_id}`);
    // Each retry was a row in Postgres, due after a backoff, before it became a job.
    const { rows: retries } = await h.pool.query<{ attempt: number; reason: string; enqueued: boolean }>(
      `SELECT attempt, reason, enqueued_at IS NOT NULL AS enqueued FROM bus.scheduled
       WHERE envelope->>'id' = $1 ORDER BY attempt`,
      [poison.id],
    );
    expect(retries).toEqual([
      { attempt: 2, reason: expect.stringContaining("poisoned"), enqueued: true },
      { attempt: 3, reason: expect.stringContaining("poisoned"), enqueued: true },
    ]);
    // Nothing of it was applied; the other message and the other subscriber were not held up.
    await eventually(async () => expect((await effects(h.pool)).get(healthy.id)).toBe(1));
    expect((await effects(h.pool)).has(poison.id)).toBe(false);
    await eventually(async () =>
      expect(
        await count(h.pool, "SELECT count(*) FROM query.cardholders WHERE id = $1", [poison.payload.cardholder_id]),
      ).toBe(1),
    );

    // Fix the cause, replay: applied once.
    await h.pool.query("DELETE FROM test_counter.faults WHERE cardholder_id = $1", [poison.payload.cardholder_id]);
    expect(await replayDeadLetter(h.pool, letter.id)).toBe(true);
    await eventually(async () => expect((await effects(h.pool)).get(poison.id)).toBe(1));
    expect((await listDeadLetters(h.pool)).map((l) => l.id)).not.toContain(letter.id);
    // A dead letter is replayed once...
    expect(await replayDeadLetter(h.pool, letter.id)).toBe(false);
    // ...and even forced to go again, the consumer's inbox makes it a no-op.
    await h.pool.query("UPDATE bus.dead_letters SET replayed_at = NULL WHERE id = $1", [letter.id]);
    expect(await replayDeadLetter(h.pool, letter.id)).toBe(true);
    await eventually(async () =>
      expect(
        await count(h.pool, "SELECT count(*) FROM bus.scheduled WHERE reason = 'replay' AND enqueued_at IS NOT NULL"),
      ).toBe(2),
    );
    await h.drained();
    expect((await effects(h.pool)).get(poison.id)).toBe(1);
    await relay.stop();
    await consumers.close();
  });

  it("dead-letters at once what cannot succeed: a PermanentError, or a message that breaks its contract", async () => {
    const consumers = h.startConsumers([counterContext], { retry: policy });
    const refused = cardholderRegistered();
    await h.pool.query("INSERT INTO test_counter.faults (cardholder_id, kind) VALUES ($1, 'permanent')", [
      refused.payload.cardholder_id,
    ]);
    const broken = { ...cardholderRegistered(), payload: { cardholder_id: "not-an-id" } };
    await h.publisher.publish(
      [refused, broken].map((envelope) => ({ queue: `evt.${COUNTER}`, envelope, attempt: 1, jobId: envelope.id })),
    );
    await eventually(async () => {
      const letters = await listDeadLetters(h.pool);
      expect(letters.find((l) => l.message_id === refused.id)).toMatchObject({
        attempts: 1,
        error: expect.stringContaining("PermanentError"),
      });
      expect(letters.find((l) => l.message_id === broken.id)).toMatchObject({
        attempts: 1,
        error: expect.stringContaining("MessageValidationError"),
      });
    });
    expect(
      await count(h.pool, "SELECT count(*) FROM bus.scheduled WHERE envelope->>'id' = ANY($1)", [
        [refused.id, broken.id],
      ]),
    ).toBe(0);
    expect((await effects(h.pool)).has(refused.id)).toBe(false);
    await consumers.close();
  });
});
