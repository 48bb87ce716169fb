import { importClearing } from "@koban/clearing";
import { createPool } from "@koban/db";
import { clearingLines } from "@koban/network";
import { initTelemetry, logger } from "@koban/observability";
import { createGateway } from "@koban/processing";
import { loadGatewayEnv } from "./env.ts";
import { buildGatewayServer } from "./server.ts";

initTelemetry();
const env = loadGatewayEnv();
const pool = createPool(env.DATABASE_URL, { max: env.DB_POOL_MAX, name: "koban-gateway" });
const gateway = createGateway({
  pool,
  databaseUrl: env.DATABASE_URL,
  panDigestKey: env.PAN_DIGEST_KEY,
  decisionMs: env.DECISION_DEADLINE_MS,
  onAnswer: (fields) => logger.info(fields, "answered"),
});
await gateway.listening;
const app = await buildGatewayServer(gateway, ({ name, text }) =>
  importClearing({ pool, panDigestKey: env.PAN_DIGEST_KEY }, { name, lines: clearingLines([text]) }, { detail: true }),
);
const address = await app.listen({ port: env.PORT, host: env.HOST });
logger.info({ url: address, decision_deadline_ms: env.DECISION_DEADLINE_MS }, "ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  // Requests in flight are answered first: each ends by its deadline at the latest.
  await app.close();
  await gateway.close();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
