import { createPool } from "@koban/db";
import { busNames, ReplyChannel, startOperationRecorder } from "@koban/messaging";
import { initTelemetry, logger } from "@koban/observability";
import { Redis } from "ioredis";
import { loadApiEnv } from "./env.ts";
import { buildServer, CommandGateway, createQueryClient, recordDocument } from "./server.ts";

initTelemetry();
const env = loadApiEnv();
const pool = createPool(env.DATABASE_URL, { max: env.DB_POOL_MAX, name: "koban-api" });
const bus = { redisUrl: env.REDIS_URL, names: busNames(env.KOBAN_ENV) };
const replies = new ReplyChannel(bus, (document) => recordDocument(pool, document));
// Completes operations whichever facade process asked, even one that has died since.
const operations = startOperationRecorder(bus, (document) => recordDocument(pool, document));
// Its own connection, failing fast: a request must not hang on a rate-limit counter while Redis is away.
const rateLimitRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
rateLimitRedis.on("error", (error) => logger.warn({ err: error }, "rate-limit redis error"));
const app = await buildServer(
  {
    pool,
    commands: new CommandGateway(pool, replies, env.COMMAND_WAIT_MS),
    query: createQueryClient(env.QUERY_URL),
    urlPolicy: { allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_URLS },
    gatewayUrl: env.GATEWAY_URL,
  },
  { redis: rateLimitRedis, prefix: `${bus.names.prefix}:ratelimit:`, perSecond: env.RATE_LIMIT_PER_SECOND },
);

const address = await app.listen({ port: env.PORT, host: env.HOST });
logger.info({ url: address, reply_to: replies.address }, "ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  await app.close();
  await replies.close();
  await operations.close();
  rateLimitRedis.disconnect();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
