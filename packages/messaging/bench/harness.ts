import { fileURLToPath } from "node:url";
import {
  CardholderRegistered,
  type Envelope,
  newId,
  noSpendControls,
  RegisterCardholder,
  type Tenant,
} from "@koban/contracts";
import { createPool, migrateSchema, type Pool, type Tx, transaction } from "@koban/db";
import {
  appendToOutbox,
  buildTopology,
  type ContextModule,
  createCommand,
  createEvent,
  createRedis,
  defineContext,
  migrateMessagingTables,
  onCommand,
  onEvent,
  Publisher,
  Relay,
  startContext,
} from "@koban/messaging";
import type { TestBus, TestDatabase } from "@koban/testing";
import pg from "pg";
import type { BenchOptions } from "./options.ts";

/** The producer's own outbox, drained by the relay like the API facade's. */
export const SOURCE = "bench_source";
/** The bench context's schema: its inbox, its outbox (command results) and the table its handler writes. */
export const SINK = "bench_sink";

const tenant: Tenant = { partnerId: "ptn_bench", livemode: false };

/**
 * A context that does the least a handler can: one insert. It takes real message types
 * (the bus validates every message against the contracts registry), in a schema of its own;
 * the topology holds only this context, so nothing else receives them.
 * - event: CardholderRegistered, subscribed by "query" (queue evt.query); the relay also
 *   appends it to the event store.
 * - command: RegisterCardholder, owned by "cardholder" (queue cmd.cardholder); the handler
 *   also writes the result document to its outbox, which the relay drains.
 */
export function benchContext(kind: BenchOptions["message"]): ContextModule {
  const record = (tx: Tx, id: string) => tx.query(`INSERT INTO ${SINK}.received (message_id) VALUES ($1)`, [id]);
  const common = { schema: SINK, migrations: fileURLToPath(new URL("./migrations", import.meta.url)) };
  if (kind === "event") {
    return defineContext({
      ...common,
      name: "query",
      commands: [],
      events: [onEvent(CardholderRegistered, (event, { tx }) => record(tx, event.id).then(() => {}))],
    });
  }
  return defineContext({
    ...common,
    name: "cardholder",
    commands: [
      onCommand(RegisterCardholder, async (command, { tx }) => {
        await record(tx, command.id);
        return { cardholder_id: command.payload.cardholder_id, stream_version: 1 };
      }),
    ],
    events: [],
  });
}

export function newMessage(kind: BenchOptions["message"]): Envelope {
  const id = newId("ch");
  const details = {
    cardholder_id: id,
    type: "individual" as const,
    business_id: null,
    individual: { first_name: "Ada", last_name: "Lovelace" },
    business: null,
    email: "ada@example.com",
    phone_number: null,
    address: null,
    metadata: { source: "bench" },
    spend_controls: noSpendControls,
  };
  if (kind === "command") {
    return createCommand(RegisterCardholder, { ...details, kyc: null }, { source: "api", tenant });
  }
  return createEvent(
    CardholderRegistered,
    { ...details, status: "active", kyc_status: "pending", created_at: new Date().toISOString() },
    { source: "cardholder", tenant, stream: { id, version: 1 } },
  );
}

/** The producer's outbox, and the bench context's outbox, inbox and tables. */
export async function migrateBenchSchemas(pool: Pool): Promise<void> {
  await migrateMessagingTables(pool, SOURCE);
  await migrateMessagingTables(pool, SINK);
  await migrateSchema(pool, { schema: SINK, dir: benchContext("event").migrations });
}

/** What happened to each message, and when (performance.now(), ms). */
export type Stage = "scheduled" | "committed" | "pickedUp" | "relayed" | "claimed" | "handled";

/** The marks of one phase: only messages the phase sent are recorded. */
export class Timeline {
  private readonly marks = new Map<string, Partial<Record<Stage, number>>>();
  private handledCount = 0;
  /** Rows per relay pickup of the producer's outbox. */
  readonly relayBatches: number[] = [];
  /** How long each transaction of the worker's pool (relay or handler) waited for a connection (ms). */
  readonly poolWaits: number[] = [];

  expect(id: string, scheduledAt = performance.now()): void {
    this.marks.set(id, { scheduled: scheduledAt });
  }

  /** A message whose transaction failed: it will never arrive. */
  forget(id: string): void {
    this.marks.delete(id);
  }

  mark(id: string, stage: Stage, at = performance.now()): void {
    const marks = this.marks.get(id);
    if (!marks || marks[stage] !== undefined) return;
    marks[stage] = at;
    if (stage === "handled") this.handledCount++;
  }

  get expected(): number {
    return this.marks.size;
  }

  get handled(): number {
    return this.handledCount;
  }

  /** Durations (ms) from one stage to another, for every message that reached both. */
  between(from: Stage, to: Stage): number[] {
    const durations: number[] = [];
    for (const marks of this.marks.values()) {
      const start = marks[from];
      const end = marks[to];
      if (start !== undefined && end !== undefined) durations.push(end - start);
    }
    return durations;
  }

  /** When the last message of the phase was handled. */
  lastHandledAt(): number {
    let last = Number.NaN;
    for (const { handled } of this.marks.values()) if (handled !== undefined && !(handled <= last)) last = handled;
    return last;
  }

  /** Resolves true once every expected message is handled, false after timeoutMs. */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.handledCount < this.marks.size) {
      if (performance.now() > deadline) return false;
      await sleep(20);
    }
    return true;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface QueryTap {
  issued(client: pg.Client, text: string, values: readonly unknown[]): void;
  done(client: pg.Client, text: string, result: pg.QueryResult): void;
}

/**
 * Observes the plain-text queries of every client of the bench database (the pool's and the
 * relay's own leader connection): how the bench sees, without touching the bus's code, when
 * the relay picks rows up and when a handler's transaction commits.
 */
function tapQueries(database: string, tap: QueryTap): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function tapped(this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (this.database !== database || typeof text !== "string" || typeof args.at(-1) === "function") {
      return query.apply(this, args);
    }
    tap.issued(this, text, Array.isArray(values) ? values : []);
    return (query.apply(this, args) as Promise<pg.QueryResult>).then((result) => {
      tap.done(this, text, result);
      return result;
    });
  } as typeof pg.Client.prototype.query;
}

// The statements of relay.ts and inbox.ts the bench recognises; if they change, the stages
// they mark show n/a (the end-to-end figures don't depend on them).
const RELAY_PICKUP = new RegExp(
  `^WITH batch AS \\(\\s*SELECT id, envelope FROM "${SOURCE}"\\.outbox\\s+WHERE published_at IS NULL`,
);
const INBOX_CLAIM = new RegExp(`^INSERT INTO "${SINK}"\\.inbox`);

export interface RunningBus {
  /** The bench database's name. */
  database: string;
  /** Starts recording a new phase; marks of earlier phases stop. */
  track(): Timeline;
  /** Appends messages to the producer's outbox in one transaction; resolves once it has committed. */
  produce(envelopes: readonly Envelope[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the bus as apps/worker does: one pool (DB_POOL_MAX) shared by the relay and the
 * handlers, the relay on its own dedicated LISTEN connection, one Redis connection for
 * the publisher and one per worker.
 */
export async function startBus(db: TestDatabase, bus: TestBus, options: BenchOptions): Promise<RunningBus> {
  const context = benchContext(options.message);
  let timeline = new Timeline();
  const workerPool = createPool(db.url, { max: options.pool, name: "bench-worker" });
  const relayBatches = new Map<pg.Client, string[]>();
  const handling = new Map<pg.Client, string[]>();
  tapQueries(new URL(db.url).pathname.slice(1), {
    issued(client, text, values) {
      if (!INBOX_CLAIM.test(text)) return;
      // One message, or a batch (claimInboxes passes an array of ids).
      const ids = Array.isArray(values[0]) ? values[0].map(String) : [String(values[0])];
      const now = performance.now();
      for (const id of ids) timeline.mark(id, "claimed", now);
      handling.set(client, ids);
    },
    done(client, text, result) {
      if (RELAY_PICKUP.test(text)) {
        const ids = result.rows.map((row: { envelope: Envelope }) => row.envelope.id);
        const now = performance.now();
        for (const id of ids) timeline.mark(id, "pickedUp", now);
        if (ids.length > 0) timeline.relayBatches.push(ids.length);
        relayBatches.set(client, ids);
      } else if (text === "COMMIT") {
        const now = performance.now();
        for (const id of relayBatches.get(client) ?? []) timeline.mark(id, "relayed", now);
        for (const id of handling.get(client) ?? []) timeline.mark(id, "handled", now);
      }
      if (text === "COMMIT" || text === "ROLLBACK") {
        relayBatches.delete(client);
        handling.delete(client);
      }
    },
  });

  // Transactions take their connection with a promise; pool.query passes a callback and isn't timed.
  const connect = workerPool.connect.bind(workerPool) as (...args: unknown[]) => unknown;
  workerPool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    const asked = performance.now();
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      timeline.poolWaits.push(performance.now() - asked);
      return client;
    });
  }) as typeof workerPool.connect;

  const consumer = startContext(
    context,
    { pool: workerPool, redisUrl: bus.redisUrl, names: bus.names },
    { concurrency: options.concurrency },
  );
  const redis = createRedis(bus.redisUrl);
  const publisher = new Publisher(redis, bus.names);
  const relay = new Relay(
    {
      pool: workerPool,
      databaseUrl: db.url,
      redis,
      names: bus.names,
      topology: buildTopology(bus.names, [context], { extraOutboxes: [SOURCE] }),
      publisher,
    },
    { batchSize: options.relayBatch },
  );
  relay.start();
  while (!relay.isLeader) await sleep(10);

  // The API side has a pool of its own, as the facade process has.
  const producerPool = createPool(db.url, { max: 8, name: "bench-producer" });
  return {
    database: new URL(db.url).pathname.slice(1),
    track() {
      timeline = new Timeline();
      return timeline;
    },
    async produce(envelopes) {
      await transaction(producerPool, (tx) => appendToOutbox(tx, SOURCE, envelopes));
    },
    async stop() {
      await consumer.close();
      await relay.stop();
      await publisher.close();
      redis.disconnect();
      await Promise.all([producerPool.end(), workerPool.end()]);
    },
  };
}
