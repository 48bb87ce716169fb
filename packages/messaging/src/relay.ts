import { randomUUID } from "node:crypto";
import type { Envelope } from "@koban/contracts";
import { inTransaction, type Pool, quoteIdent, type TransactionOptions } from "@koban/db";
import { childLogger } from "@koban/observability";
import pg from "pg";
import type { BusNames } from "./names.ts";
import { isReplyQueue } from "./names.ts";
import { OUTBOX_CHANNEL } from "./outbox.ts";
import type { Outgoing, Publisher } from "./publisher.ts";
import type { Redis } from "./redis.ts";
import type { Topology } from "./topology.ts";

const SCHEDULED = "bus.scheduled";

export interface RelayDeps {
  pool: Pool;
  databaseUrl: string;
  redis: Redis;
  names: BusNames;
  topology: Topology;
  publisher: Publisher;
}

export interface RelayOptions {
  batchSize?: number;
  /** Every outbox is looked at this often even without a notification. */
  sweepMs?: number;
  schedulerMs?: number;
  watermarkMs?: number;
  epochCheckMs?: number;
}

/** A published batch, waiting to be known as handled by every consumer. */
interface Mark {
  /** When its jobs were all added (ms); any job added later has a later timestamp. */
  end: number;
  outbox: string;
  throughId?: number;
  throughTime?: Date;
  /**
   * Outbox batches: when the batch was marked published (database time). Once its jobs are
   * done, so are those of every row published before it, whatever their ids: a transaction
   * that commits late is published after rows with higher ids.
   */
  publishedAt?: Date;
  safeScans: number;
}

/**
 * Moves messages from every context's outbox to the bus, and appends events to the
 * event store on the way. One relay leads at a time (an advisory lock).
 *
 * - It reads rows not yet published rather than rows past a position, so a transaction
 *   that commits late is relayed when it commits; it is never skipped.
 * - Publishing happens inside the transaction that marks rows published: if Redis is down
 *   or the process dies, the rows stay unpublished and go out again later (the inboxes
 *   absorb duplicates).
 * - Redis is only a transport. A watermark in Postgres records up to where every consumer
 *   has finished; if Redis loses its data (the epoch key disappears), everything after the
 *   watermark is published again, and retries that were waiting in Redis are re-enqueued.
 * - It also runs the scheduler: due retries, replays and timers (rows in Postgres) become jobs.
 */
export class Relay {
  private readonly log = childLogger({ component: "relay" });
  private readonly options: Required<RelayOptions>;
  private leader: pg.Client | undefined;
  private epoch: string | undefined;
  private readonly dirty = new Set<string>();
  private marks: Mark[] = [];
  private wake: (() => void) | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly lastRun = { sweep: 0, scheduler: 0, watermark: 0, epoch: 0 };

  constructor(
    private readonly deps: RelayDeps,
    options: RelayOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 500,
      sweepMs: options.sweepMs ?? 1_000,
      schedulerMs: options.schedulerMs ?? 200,
      watermarkMs: options.watermarkMs ?? 1_000,
      epochCheckMs: options.epochCheckMs ?? 500,
    };
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.resign();
  }

  get isLeader(): boolean {
    return this.leader !== undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.leader && !(await this.lead())) {
          await this.idle(1_000);
          continue;
        }
        const now = Date.now();
        if (now - this.lastRun.epoch >= this.options.epochCheckMs) {
          this.lastRun.epoch = now;
          await this.checkEpoch();
        }
        if (now - this.lastRun.sweep >= this.options.sweepMs) {
          this.lastRun.sweep = now;
          for (const outbox of this.deps.topology.outboxes) this.dirty.add(outbox);
        }
        let moved = await this.relayDirty();
        if (now - this.lastRun.scheduler >= this.options.schedulerMs) {
          this.lastRun.scheduler = now;
          moved += await this.dispatchScheduled();
        }
        if (now - this.lastRun.watermark >= this.options.watermarkMs) {
          this.lastRun.watermark = now;
          await this.confirmWatermark();
        }
        if (moved === 0 && this.dirty.size === 0) await this.idle(this.options.schedulerMs);
      } catch (error) {
        this.log.error({ err: error }, "relay pass failed; retrying");
        await this.idle(500);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async lead(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.deps.databaseUrl, application_name: "koban-relay" });
    client.on("error", (error) => {
      this.log.error({ err: error }, "relay lost its database connection");
      if (this.leader === client) this.leader = undefined;
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext('koban.relay')) AS locked",
      );
      if (!rows[0]?.locked) {
        await client.end();
        return false;
      }
      client.on("notification", (notification) => {
        if (notification.payload) this.dirty.add(notification.payload);
        this.wake?.();
      });
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      await client.query(`INSERT INTO bus.relay_watermarks (outbox) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
        [...this.deps.topology.outboxes, SCHEDULED],
      ]);
    } catch (error) {
      // Ending the connection releases the lock, so a half-made leader can't block the next try.
      await client.end().catch(() => {});
      throw error;
    }
    this.leader = client;
    this.marks = [];
    this.lastRun.epoch = 0;
    for (const outbox of this.deps.topology.outboxes) this.dirty.add(outbox);
    this.log.info("relay is leading");
    return true;
  }

  private async resign(): Promise<void> {
    const leader = this.leader;
    this.leader = undefined;
    await leader?.end().catch(() => {});
  }

  /**
   * Relays a batch from every outbox marked dirty, all in one transaction. One pass per turn of
   * the loop, so the scheduler, the watermark and the epoch check still run under steady load.
   */
  private async relayDirty(): Promise<number> {
    if (this.dirty.size === 0) return 0;
    const outboxes = [...this.dirty];
    this.dirty.clear();
    let moved = 0;
    try {
      for (const [outbox, count] of await this.relayBatches(outboxes)) {
        moved += count;
        // A full batch may have left rows behind.
        if (count === this.options.batchSize) this.dirty.add(outbox);
      }
    } catch (error) {
      for (const outbox of outboxes) this.dirty.add(outbox);
      throw error;
    }
    return moved;
  }

  /**
   * Runs fn in a transaction on the connection that holds the leader lock: a relay that loses
   * the lock loses its transaction with it, so two relays never append to the event store at
   * once, and positions become visible in order.
   */
  private async asLeader<T>(
    fn: (client: pg.Client, first: pg.QueryResult | undefined) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    if (!this.leader) throw new Error("the relay is not leading");
    return inTransaction(this.leader, fn, options);
  }

  /**
   * One statement takes a batch from each outbox, appends their events to the store and marks
   * them published; the batches are published to Redis before that transaction commits. One
   * round trip to Postgres and one to each queue, however many outboxes have rows.
   */
  private async relayBatches(outboxes: readonly string[]): Promise<Map<string, number>> {
    const tables = outboxes.map((outbox) => `${quoteIdent(outbox)}.outbox`);
    const limit = Math.trunc(this.options.batchSize);
    const batches = tables.map(
      (table, i) =>
        `b${i} AS (SELECT id, envelope FROM ${table} WHERE published_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE)`,
    );
    const marked = tables.map(
      (table, i) =>
        `m${i} AS (UPDATE ${table} AS o SET published_at = now() FROM b${i} WHERE o.id = b${i}.id
           RETURNING ${i} AS n, o.id, o.envelope, o.published_at)`,
    );
    // No parameters, so the statement goes with BEGIN in one round trip.
    const statement = `WITH ${batches.join(",\n")},
         appended AS (
           INSERT INTO eventstore.events
             (message_id, stream_id, stream_version, type, version, partner_id, livemode, envelope)
           SELECT (e->>'id')::uuid, e->'stream'->>'id', (e->'stream'->>'version')::int, e->>'type',
                  (e->>'version')::int, e->'tenant'->>'partnerId', (e->'tenant'->>'livemode')::boolean, e
           FROM (${tables.map((_, i) => `SELECT ${i} AS n, id, envelope AS e FROM b${i}`).join(" UNION ALL ")}) AS events
           WHERE e->>'kind' = 'event'
           ORDER BY n, id
           ON CONFLICT (message_id) DO NOTHING
         ),
         ${marked.join(",\n")}
         ${tables.map((_, i) => `SELECT * FROM m${i}`).join(" UNION ALL ")}`;
    const rows = await this.asLeader(
      async (_client, taken) => {
        const rows = (taken?.rows ?? []) as Array<{ n: number; id: number; envelope: Envelope; published_at: Date }>;
        rows.sort((a, b) => a.n - b.n || a.id - b.id);
        if (rows.length > 0) await this.publish(rows.map((row) => row.envelope));
        return rows;
      },
      { withBegin: statement },
    );
    const end = Date.now();
    const taken = new Map<string, number>();
    outboxes.forEach((outbox, i) => {
      const own = rows.filter((row) => row.n === i);
      const last = own.at(-1);
      if (!last) return;
      taken.set(outbox, own.length);
      this.marks.push({ end, outbox, throughId: last.id, publishedAt: last.published_at, safeScans: 0 });
    });
    return taken;
  }

  private async publish(envelopes: readonly Envelope[], jobId = (envelope: Envelope) => envelope.id): Promise<void> {
    const outgoing: Outgoing[] = envelopes.flatMap((envelope) =>
      this.deps.topology.route(envelope).map((queue) => ({ queue, envelope, attempt: 1, jobId: jobId(envelope) })),
    );
    await this.deps.publisher.publish(outgoing);
  }

  private async dispatchScheduled(): Promise<number> {
    const batch = await this.asLeader(async (client) => {
      const { rows } = await client.query<{
        id: number;
        queue: string;
        envelope: Envelope;
        attempt: number;
        enqueued_at: Date;
      }>(
        `UPDATE bus.scheduled s SET enqueued_at = now()
         FROM (SELECT id FROM bus.scheduled WHERE enqueued_at IS NULL AND due_at <= now()
               ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
         WHERE s.id = due.id
         RETURNING s.id, s.queue, s.envelope, s.attempt, s.enqueued_at`,
        [this.options.batchSize],
      );
      if (rows.length > 0) await this.deps.publisher.publish(rows.map(scheduledJob));
      return rows;
    });
    if (batch.length > 0) {
      this.marks.push({ end: Date.now(), outbox: SCHEDULED, throughTime: latest(batch), safeScans: 0 });
    }
    return batch.length;
  }

  private async checkEpoch(): Promise<void> {
    const current = await this.deps.redis.get(this.deps.names.epochKey);
    if (current !== null && current === this.epoch) return;
    if (current !== null && this.epoch === undefined) {
      this.epoch = current;
      return;
    }
    this.log.warn("the bus state in Redis is gone or new: publishing again what may not have been handled");
    await this.recover();
    this.epoch = randomUUID();
    await this.deps.redis.set(this.deps.names.epochKey, this.epoch);
  }

  /** Publishes again everything after the watermark (consumers' inboxes drop what they had). */
  private async recover(): Promise<void> {
    this.marks = [];
    const { rows: watermarks } = await this.deps.pool.query<{ outbox: string; through_id: number; confirmed_at: Date }>(
      "SELECT outbox, through_id, confirmed_at FROM bus.relay_watermarks",
    );
    let republished = 0;
    for (const outbox of this.deps.topology.outboxes) {
      const watermark = watermarks.find((w) => w.outbox === outbox);
      // Past the watermark's id, or published after its batch: a late commit has a lower id.
      const throughId = watermark?.through_id ?? 0;
      const confirmedAt = watermark?.confirmed_at ?? new Date(0);
      let after = 0;
      for (;;) {
        const { rows } = await this.deps.pool.query<{ id: number; envelope: Envelope }>(
          `SELECT id, envelope FROM ${quoteIdent(outbox)}.outbox
           WHERE id > $1 AND published_at IS NOT NULL AND (id > $3 OR published_at >= $4)
           ORDER BY id LIMIT $2`,
          [after, this.options.batchSize, throughId, confirmedAt],
        );
        if (rows.length === 0) break;
        await this.publish(rows.map((row) => row.envelope));
        after = rows.at(-1)?.id ?? after;
        republished += rows.length;
        this.marks.push({ end: Date.now(), outbox, throughId: after, safeScans: 0 });
      }
    }
    const since = watermarks.find((w) => w.outbox === SCHEDULED)?.confirmed_at ?? new Date(0);
    const { rows: scheduled } = await this.deps.pool.query(
      `SELECT id, queue, envelope, attempt, enqueued_at FROM bus.scheduled WHERE enqueued_at > $1`,
      [since],
    );
    await this.deps.publisher.publish(scheduled.map(scheduledJob));
    if (scheduled.length > 0) {
      this.marks.push({ end: Date.now(), outbox: SCHEDULED, throughTime: latest(scheduled), safeScans: 0 });
    }
    this.log.warn({ republished, rescheduled: scheduled.length }, "bus state recovered");
  }

  /**
   * Advances the watermark past batches whose jobs have all finished: a batch is done when
   * every job still in Redis was added after it. It must look so in two scans in a row
   * (a stalled job moving from active back to waiting could slip between one scan's reads),
   * and the epoch must be unchanged around the scan (an empty Redis proves nothing).
   */
  private async confirmWatermark(): Promise<void> {
    if (this.marks.length === 0 || this.epoch === undefined) return;
    const epochKey = this.deps.names.epochKey;
    if ((await this.deps.redis.get(epochKey)) !== this.epoch) return;
    const oldest = await this.oldestUnfinishedJob();
    if ((await this.deps.redis.get(epochKey)) !== this.epoch) return;

    const confirmed = new Map<string, Mark>();
    const waiting: Mark[] = [];
    for (const mark of this.marks) {
      mark.safeScans = mark.end < oldest ? mark.safeScans + 1 : 0;
      if (mark.safeScans >= 2) confirmed.set(mark.outbox, mark);
      else waiting.push(mark);
    }
    this.marks = waiting;
    for (const mark of confirmed.values()) {
      await this.deps.pool.query(
        mark.throughTime
          ? `UPDATE bus.relay_watermarks SET confirmed_at = GREATEST(confirmed_at, $2) WHERE outbox = $1`
          : `UPDATE bus.relay_watermarks SET through_id = GREATEST(through_id, $2),
               confirmed_at = GREATEST(confirmed_at, coalesce($3, confirmed_at)) WHERE outbox = $1`,
        mark.throughTime ? [mark.outbox, mark.throughTime] : [mark.outbox, mark.throughId, mark.publishedAt ?? null],
      );
    }
  }

  private async oldestUnfinishedJob(): Promise<number> {
    let oldest = Number.POSITIVE_INFINITY;
    // Every queue the topology routes to, not only those this process has published to: a
    // job its predecessor left waiting holds the watermark back too.
    for (const name of new Set([...this.deps.topology.queues, ...this.deps.publisher.knownQueues()])) {
      // A reply queue belongs to one facade process and may outlive it; it never holds work back.
      if (isReplyQueue(name)) continue;
      const queue = this.deps.publisher.queue(name);
      const jobs = [
        ...(await queue.getJobs(["wait"], 0, 0, true)),
        ...(await queue.getJobs(["active", "delayed", "prioritized", "waiting-children"])),
      ];
      for (const job of jobs) if (job) oldest = Math.min(oldest, job.timestamp);
    }
    return oldest;
  }
}

function scheduledJob(row: { id: number; queue: string; envelope: Envelope; attempt: number }): Outgoing {
  return { queue: row.queue, envelope: row.envelope, attempt: row.attempt, jobId: `${row.envelope.id}.s${row.id}` };
}

function latest(rows: ReadonlyArray<{ enqueued_at: Date }>): Date {
  return new Date(Math.max(0, ...rows.map((row) => row.enqueued_at.getTime())));
}
