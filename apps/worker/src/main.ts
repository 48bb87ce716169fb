import { expireDueHolds } from "@koban/account";
import { loadVaultKeys } from "@koban/card";
import { runSettlementSchedule } from "@koban/clearing";
import { createPool } from "@koban/db";
import { busNames, createRedis, defaultRetryPolicy, Publisher, Relay, startContext } from "@koban/messaging";
import { initTelemetry, logger } from "@koban/observability";
import { loadWebhookSecretKeys, startWebhookDeliverer } from "@koban/partner";
import { decideOverdueAuthorizations } from "@koban/processing";
import { contexts, systemTopology } from "@koban/system";
import { loadWorkerEnv } from "./env.ts";

initTelemetry();
const env = loadWorkerEnv();
const names = busNames(env.KOBAN_ENV);
const pool = createPool(env.DATABASE_URL, { max: env.DB_POOL_MAX, name: "koban-worker" });

const wanted = env.WORKER_CONTEXTS?.split(",").map((name) => name.trim());
const hosted = contexts.filter((context) => !wanted || wanted.includes(context.name));
const unknown = wanted?.filter((name) => !contexts.some((context) => context.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`WORKER_CONTEXTS names unknown contexts: ${unknown.join(", ")}`);

// Card secrets are read now, so a missing key fails the start, not the first card issued.
if (hosted.some((context) => context.name === "card")) loadVaultKeys();

const retry = { ...defaultRetryPolicy, maxAttempts: env.RETRY_MAX_ATTEMPTS, baseDelayMs: env.RETRY_BASE_DELAY_MS };
const consumers = hosted.map((context) =>
  startContext(context, { pool, redisUrl: env.REDIS_URL, names }, { concurrency: env.WORKER_CONCURRENCY, retry }),
);

const redis = createRedis(env.REDIS_URL);
const publisher = new Publisher(redis, names);
const relay =
  env.WORKER_RELAY === "true"
    ? new Relay({ pool, databaseUrl: env.DATABASE_URL, redis, names, topology: systemTopology(names), publisher })
    : undefined;
relay?.start();

// The account context's worker expires holds that are due (the expiry is a row, not a timer).
const holdSweeper = hosted.some((context) => context.name === "account")
  ? setInterval(() => {
      expireDueHolds(pool).catch((error: unknown) => logger.error({ err: error }, "hold expiry sweep failed"));
    }, env.HOLD_SWEEP_MS)
  : undefined;

// The processing context's worker declines authorizations whose waiting gateway died before their deadline.
const authorizationSweeper = hosted.some((context) => context.name === "processing")
  ? setInterval(() => {
      decideOverdueAuthorizations(pool).catch((error: unknown) =>
        logger.error({ err: error }, "authorization deadline sweep failed"),
      );
    }, env.AUTHORIZATION_SWEEP_MS)
  : undefined;

// The clearing context's worker runs the daily settlements when their schedule (a row in Postgres) is due.
const settlementScheduler = hosted.some((context) => context.name === "clearing")
  ? setInterval(() => {
      runSettlementSchedule(pool)
        .then((days) => {
          if (days.length > 0) logger.info({ days }, "settled");
        })
        .catch((error: unknown) => logger.error({ err: error }, "settlement schedule failed"));
    }, env.SETTLEMENT_SCHEDULE_MS)
  : undefined;

// The partner context's worker also delivers its webhooks.
if (hosted.some((context) => context.name === "partner")) loadWebhookSecretKeys();
const deliverer = hosted.some((context) => context.name === "partner")
  ? startWebhookDeliverer({
      pool,
      logger,
      allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_URLS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    })
  : undefined;

logger.info({ contexts: hosted.map((context) => context.name), relay: Boolean(relay) }, "ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  // Handlers in flight finish first; the relay stops after them so their messages go out.
  clearInterval(holdSweeper);
  clearInterval(authorizationSweeper);
  clearInterval(settlementScheduler);
  await Promise.all([...consumers.map((consumer) => consumer.close()), deliverer?.stop()]);
  await relay?.stop();
  await publisher.close();
  redis.disconnect();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
