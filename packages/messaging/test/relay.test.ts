import "./fixtures/quiet-logs.ts";
import { cardContext } from "@koban/card";
import type { Envelope } from "@koban/contracts";
import { appendToOutbox, headPosition, Publisher, readAll, readCorrelation, readStream } from "@koban/messaging";
import { partnerContext } from "@koban/partner";
import { queryContext } from "@koban/query";
import { eventually } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Outgoing } from "../src/publisher.ts";
import { counterContext } from "./fixtures/counter-context.ts";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import { cardholderRegistered, commitToOutbox, count, effects, sleep } from "./fixtures/messages.ts";

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

async function unpublished(ids: readonly string[]): Promise<number> {
  return count(h.pool, "SELECT count(*) FROM cardholder.outbox WHERE published_at IS NULL AND message_id = ANY($1)", [
    ids,
  ]);
}

async function expectAppliedOnce(events: readonly Envelope[]): Promise<void> {
  const applied = await effects(h.pool);
  for (const event of events) expect(applied.get(event.id), event.id).toBe(1);
}

/** Adds every job, then dies before the relay's transaction commits (as a process killed there would). */
class CrashAfterPublish extends Publisher {
  published = 0;
  override async publish(outgoing: readonly Outgoing[]): Promise<void> {
    await super.publish(outgoing);
    if (outgoing.length === 0) return;
    this.published += outgoing.length;
    throw new Error("simulated crash: jobs added, outbox rows not yet marked published");
  }
}

describe("relay", () => {
  it("publishes what was committed while it was stopped, and what it published without committing, once", async () => {
    const consumers = h.startConsumers([counterContext, queryContext, cardContext, partnerContext]);

    // Committed while no relay runs: waits in the outbox.
    const whileStopped = Array.from({ length: 30 }, () => cardholderRegistered());
    await commitToOutbox(h.pool, "cardholder", whileStopped);
    await sleep(300);
    expect(await unpublished(whileStopped.map((e) => e.id))).toBe(30);

    // A relay that dies after adding the jobs and before marking the rows: consumers get the
    // messages, but the outbox still says unpublished.
    const crashing = new CrashAfterPublish(h.bus.redis, h.bus.names);
    const doomed = h.startRelay({}, crashing);
    await h.leading(doomed);
    await eventually(async () => expectAppliedOnce(whileStopped));
    expect(crashing.published).toBeGreaterThanOrEqual(60);
    await doomed.stop();
    expect(await unpublished(whileStopped.map((e) => e.id))).toBe(30);
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events")).toBe(0);
    await h.drained();

    // A healthy relay takes over and publishes them all again (new jobs: the first ones are done).
    const more = Array.from({ length: 20 }, () => cardholderRegistered());
    await commitToOutbox(h.pool, "cardholder", more);
    const relay = h.startRelay();
    await h.leading(relay);
    await eventually(async () => expect(await unpublished([...whileStopped, ...more].map((e) => e.id))).toBe(0));
    await h.drained();
    await expectAppliedOnce([...whileStopped, ...more]);
    expect((await effects(h.pool)).size).toBe(50);
    expect(await count(h.pool, "SELECT count(*) FROM test_counter.inbox")).toBe(50);
    expect(await count(h.pool, "SELECT count(*) FROM query.cardholders")).toBe(50);
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events WHERE type = 'CardholderRegistered'")).toBe(50);
    await relay.stop();
    await consumers.close();
  });

  it("relays a transaction that commits after a later one was already relayed", async () => {
    const consumers = h.startConsumers([counterContext, queryContext, cardContext, partnerContext]);
    const relay = h.startRelay();
    await h.leading(relay);
    const first = cardholderRegistered();
    const second = cardholderRegistered();
    const t1 = await h.pool.connect();
    const t2 = await h.pool.connect();
    try {
      await t1.query("BEGIN");
      await appendToOutbox(t1, "cardholder", [first]);
      await t2.query("BEGIN");
      await appendToOutbox(t2, "cardholder", [second]);
      await t2.query("COMMIT");

      await eventually(async () => expect((await effects(h.pool)).get(second.id)).toBe(1));
      const { rows } = await h.pool.query<{ message_id: string; id: number }>(
        "SELECT message_id, id FROM cardholder.outbox WHERE message_id = ANY($1) ORDER BY id",
        [[first.id, second.id]],
      );
      // Only T2's row is visible yet; T1 took the lower id, so a relay reading "ids after the
      // last one I sent" would now skip it forever.
      expect(rows.map((row) => row.message_id)).toEqual([second.id]);
      await sleep(500); // several relay passes and sweeps while T1 is open
      expect((await effects(h.pool)).has(first.id)).toBe(false);

      await t1.query("COMMIT");
      await eventually(async () => expect((await effects(h.pool)).get(first.id)).toBe(1));
      const ids = await h.pool.query<{ id: number }>(
        "SELECT id FROM cardholder.outbox WHERE message_id = ANY($1) ORDER BY message_id = $2 DESC",
        [[first.id, second.id], first.id],
      );
      expect(ids.rows[0]?.id).toBeLessThan(ids.rows[1]?.id ?? 0);
      // In the event store they stand in the order they committed.
      const stored = await readAll(h.pool, { after: 0, limit: 10_000 });
      const positions = stored.map((event) => event.envelope.id);
      expect(positions.indexOf(second.id)).toBeLessThan(positions.indexOf(first.id));
    } finally {
      await t1.query("ROLLBACK").catch(() => {});
      t1.release();
      t2.release();
    }
    await relay.stop();
    await consumers.close();
  });
});

describe("event store", () => {
  it("keeps events in order with per-stream versions, each message once, and refuses changes", async () => {
    const consumers = h.startConsumers([counterContext, queryContext, cardContext, partnerContext]);
    const relay = h.startRelay();
    await h.leading(relay);
    const before = await headPosition(h.pool);
    const stream = cardholderRegistered().payload.cardholder_id;
    const other = cardholderRegistered();
    const v1 = cardholderRegistered({ cardholderId: stream, version: 1 });
    const v2 = cardholderRegistered({ cardholderId: stream, version: 2 });
    const v3 = cardholderRegistered({ cardholderId: stream, version: 3 });
    await commitToOutbox(h.pool, "cardholder", [v1]);
    await commitToOutbox(h.pool, "cardholder", [other, v2]);
    await commitToOutbox(h.pool, "cardholder", [v3]);
    // The query side answers with events of its own (PublicEventRecorded); these are the cardholder's.
    const registered = () => readAll(h.pool, { after: before, types: ["CardholderRegistered"] });
    await eventually(async () => expect(await registered()).toHaveLength(4));

    const events = await readStream(h.pool, stream);
    expect(events.map((event) => [event.id, event.stream?.version])).toEqual([
      [v1.id, 1],
      [v2.id, 2],
      [v3.id, 3],
    ]);
    expect(events[1]).toEqual(v2);
    const all = await registered();
    expect(all.map((event) => event.envelope.id)).toEqual([v1.id, other.id, v2.id, v3.id]);
    const positions = all.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect((await readAll(h.pool, { after: before, types: ["PartnerCreated"] })).length).toBe(0);

    // Relayed a second time (as after a relay that published, then lost the row's mark): the
    // event store keeps one copy, the subscriber applies it once.
    await h.settled();
    const head = await headPosition(h.pool);
    await h.pool.query("UPDATE cardholder.outbox SET published_at = NULL WHERE message_id = ANY($1)", [
      [v1.id, v2.id, v3.id, other.id],
    ]);
    await eventually(async () => expect(await unpublished([v1.id, v2.id, v3.id, other.id])).toBe(0));
    await h.settled();
    expect(await headPosition(h.pool)).toBe(head);
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", [stream])).toBe(3);
    await expectAppliedOnce([v1, v2, v3, other]);

    // Append-only: no update, no delete, no truncate; two events never claim one stream version.
    await expect(
      h.pool.query("UPDATE eventstore.events SET type = 'Tampered' WHERE message_id = $1", [v1.id]),
    ).rejects.toThrow(/append-only/);
    await expect(h.pool.query("DELETE FROM eventstore.events WHERE message_id = $1", [v1.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(h.pool.query("TRUNCATE eventstore.events")).rejects.toThrow(/append-only/);
    await expect(
      h.pool.query(
        `INSERT INTO eventstore.events (message_id, stream_id, stream_version, type, version, envelope)
         VALUES (gen_random_uuid(), $1, 2, 'CardholderRegistered', 1, '{}')`,
        [stream],
      ),
    ).rejects.toThrow(/events_stream_version/);
    expect((await readStream(h.pool, stream)).map((event) => event.id)).toEqual([v1.id, v2.id, v3.id]);

    // A saga is found by its correlation id, through an index (staff look sagas up in a store of millions).
    expect((await readCorrelation(h.pool, v1.correlationId)).map((stored) => stored.envelope.id)).toContain(v1.id);
    const client = await h.pool.connect();
    try {
      await client.query("BEGIN; SET LOCAL enable_seqscan = off");
      const plan = await client.query(
        "EXPLAIN SELECT position FROM eventstore.events WHERE envelope->>'correlationId' = 'x' ORDER BY position",
      );
      expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toContain("events_correlation_id");
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    await relay.stop();
    await consumers.close();
  });
});
