import "./fixtures/quiet-logs.ts";
import { cardContext } from "@koban/card";
import { cardholderContext } from "@koban/cardholder";
import { CreatePartner, type Envelope, newId } from "@koban/contracts";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { partnerContext } from "@koban/partner";
import { queryContext } from "@koban/query";
import { eventually } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { counterContext } from "./fixtures/counter-context.ts";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import {
  cardholderRegistered,
  commitToOutbox,
  count,
  documentOutcomes,
  effects,
  registerCardholder,
  sleep,
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

const epoch = () => h.bus.redis.get(h.bus.names.epochKey);

async function watermark(outbox: string): Promise<number> {
  const { rows } = await h.pool.query<{ through_id: number }>(
    "SELECT through_id FROM bus.relay_watermarks WHERE outbox = $1",
    [outbox],
  );
  return rows[0]?.through_id ?? 0;
}

async function outboxId(schema: string, messageId: string): Promise<number> {
  const { rows } = await h.pool.query<{ id: number }>(`SELECT id FROM ${schema}.outbox WHERE message_id = $1`, [
    messageId,
  ]);
  return rows[0]?.id ?? Number.NaN;
}

/** Where each missing message stopped, for a failure message. */
async function diagnose(commands: readonly Envelope[]) {
  const { rows } = await h.pool.query(
    `SELECT c.id AS command, a.id AS api_row, a.published_at AS api_published, i.message_id IS NOT NULL AS handled,
            o.id AS event_row, o.message_id AS event, o.published_at AS event_published,
            q.id IS NOT NULL AS in_query, e.message_id IS NOT NULL AS in_counter
     FROM unnest($1::uuid[]) AS c(id)
     LEFT JOIN api.outbox a ON a.message_id = c.id
     LEFT JOIN cardholder.inbox i ON i.message_id = c.id
     LEFT JOIN cardholder.outbox o ON o.envelope->>'causationId' = c.id::text AND o.envelope->>'kind' = 'event'
     LEFT JOIN query.cardholders q ON q.id = o.envelope->'payload'->>'cardholder_id'
     LEFT JOIN test_counter.effects e ON e.message_id = o.message_id
     WHERE q.id IS NULL OR e.message_id IS NULL`,
    [commands.map((command) => command.id)],
  );
  const { rows: watermarks } = await h.pool.query("SELECT * FROM bus.relay_watermarks");
  return { missing: rows, watermarks, epoch: await epoch() };
}

describe("Redis loses everything", () => {
  it("in the middle of a stream of 300 commands: every event reaches every subscriber exactly once", async () => {
    const consumers = h.startConsumers([cardholderContext, queryContext, counterContext, cardContext, partnerContext]);
    const relay = h.startRelay({ watermarkMs: 200 });
    await h.leading(relay);
    await eventually(async () => expect(await epoch()).not.toBeNull());

    const total = 300;
    const commands: Envelope[] = [];
    const epochs = new Set<string | null>([await epoch()]);
    // The API facade's way: one command per transaction in its outbox, continuously.
    for (let i = 0; i < total; i++) {
      const command = registerCardholder();
      await commitToOutbox(h.pool, "api", [command]);
      commands.push(command);
      if (i === 100 || i === 200) {
        await h.bus.flush();
        expect(await epoch()).toBeNull();
      }
      if (i % 10 === 0) epochs.add(await epoch());
      await sleep(5);
    }

    const ids = commands.map((command) => (command.payload as { cardholder_id: string }).cardholder_id);
    try {
      await eventually(
        async () => {
          expect(await count(h.pool, "SELECT count(*) FROM query.cardholders WHERE id = ANY($1)", [ids])).toBe(total);
          expect((await effects(h.pool)).size).toBe(total);
        },
        45_000,
        200,
      );
    } catch (error) {
      console.error(await diagnose(commands));
      throw error;
    }
    await h.drained(30_000);

    // The relay saw the loss and started a new epoch after each flush.
    epochs.add(await epoch());
    epochs.delete(null);
    expect(epochs.size).toBeGreaterThanOrEqual(3);
    // Every command applied once: one cardholder each, one accepted result, never a rejection.
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = ANY($1)", [ids])).toBe(total);
    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes.rejected).toEqual([]);
    expect(new Set(outcomes.accepted).size).toBe(total);
    expect(outcomes.accepted.length).toBe(total);
    // Every event reached the counter once, and is stored once.
    const applied = await effects(h.pool);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await h.pool.query<{ cardholder_id: string }>("SELECT cardholder_id FROM test_counter.effects");
    expect(rows.map((row) => row.cardholder_id).sort()).toEqual([...ids].sort());
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events WHERE stream_id = ANY($1)", [ids])).toBe(total);
    expect(await count(h.pool, "SELECT count(*) FROM bus.dead_letters")).toBe(0);
    await relay.stop();
    await consumers.close();
  }, 90_000);

  it("keeps a late-committing transaction's message that was published after the watermark passed its id", async () => {
    const consumers = h.startConsumers([queryContext, counterContext, cardContext, partnerContext]);
    const relay = h.startRelay({ watermarkMs: 100 });
    await h.leading(relay);
    const late = cardholderRegistered();
    const early = cardholderRegistered();
    const t1 = await h.pool.connect();
    try {
      await t1.query("BEGIN");
      await appendToOutbox(t1, "cardholder", [late]);
      await commitToOutbox(h.pool, "cardholder", [early]);
      await eventually(async () => expect((await effects(h.pool)).get(early.id)).toBe(1));
      // The watermark moves past `early`, and so past `late`'s lower id, while `late` is uncommitted.
      const earlyId = await outboxId("cardholder", early.id);
      await eventually(async () => expect(await watermark("cardholder")).toBeGreaterThanOrEqual(earlyId));

      // Nobody consumes for a moment: `late`'s jobs wait in Redis when it commits and is relayed...
      await consumers.close();
      await t1.query("COMMIT");
      await eventually(async () =>
        expect(
          await count(
            h.pool,
            "SELECT count(*) FROM cardholder.outbox WHERE message_id = $1 AND published_at IS NOT NULL",
            [late.id],
          ),
        ).toBe(1),
      );
      expect(await outboxId("cardholder", late.id)).toBeLessThan(earlyId);
      // ...and Redis loses them.
      const before = await epoch();
      await h.bus.flush();
      await eventually(async () => expect(await epoch()).not.toBe(before));
      await eventually(async () => expect(await epoch()).not.toBeNull());
    } finally {
      await t1.query("ROLLBACK").catch(() => {});
      t1.release();
    }

    const again = h.startConsumers([queryContext, counterContext, cardContext, partnerContext]);
    await eventually(async () => expect((await effects(h.pool)).get(late.id)).toBe(1), 10_000);
    expect((await effects(h.pool)).get(early.id)).toBe(1);
    await again.close();
    await relay.stop();
  });

  it("keeps a message published by a relay that died, when its successor has not published to that queue", async () => {
    // The previous relay published a command to cmd.cardholder, whose consumer is down, then stopped.
    const first = h.startRelay({ watermarkMs: 100 });
    await h.leading(first);
    const register = registerCardholder();
    await commitToOutbox(h.pool, "api", [register]);
    const commandQueue = h.publisher.queue(h.bus.names.commandQueue("cardholder"));
    await eventually(async () => expect(await commandQueue.getJobState(register.id)).toBe("waiting"));
    await first.stop();

    // Its successor only publishes to other queues, and watches the watermark.
    const partners = h.startConsumers([partnerContext]);
    const second = h.startRelay({ watermarkMs: 100 });
    await h.leading(second);
    const create = createCommand(
      CreatePartner,
      { partner_id: newId("ptn"), name: "Watermark Ltd" },
      { source: "api", tenant: null },
    );
    await commitToOutbox(h.pool, "api", [create]);
    await eventually(async () =>
      expect(await count(h.pool, "SELECT count(*) FROM partner.inbox WHERE message_id = $1", [create.id])).toBe(1),
    );
    await sleep(1_000); // ample time for the watermark to be confirmed, if it is going to be

    // Redis loses the waiting command.
    const before = await epoch();
    await h.bus.flush();
    await eventually(async () => {
      const now = await epoch();
      expect(now).not.toBeNull();
      expect(now).not.toBe(before);
    });

    const cardholders = h.startConsumers([cardholderContext]);
    await eventually(
      async () =>
        expect(
          await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = $1", [
            register.payload.cardholder_id,
          ]),
        ).toBe(1),
      10_000,
    );
    await cardholders.close();
    await partners.close();
    await second.stop();
  });
});
