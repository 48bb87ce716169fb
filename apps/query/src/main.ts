import type { AddressInfo } from "node:net";
import { createPool } from "@koban/db";
import { initTelemetry, logger } from "@koban/observability";
import { queryReaderUrl, queryRouter } from "@koban/query";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { loadQueryEnv } from "./env.ts";

initTelemetry();
const env = loadQueryEnv();
// Never as the tables' owner: the reader role is bound by row-level security.
const pool = createPool(env.QUERY_DATABASE_URL ?? queryReaderUrl(env.DATABASE_URL, env.QUERY_DB_PASSWORD), {
  max: env.DB_POOL_MAX,
  name: "koban-query",
});

/** The query processor: answers reads from the read models, in its own process so reads scale apart. */
const server = createHTTPServer({
  router: queryRouter,
  createContext: () => ({ pool }),
  onError: ({ error, path }) => logger.error({ err: error, path }, "query failed"),
});
server.listen(env.PORT, env.HOST, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://${env.HOST}:${port}` }, "ready");
});

async function shutdown(signal: string) {
  logger.info({ signal }, "stopping");
  server.close();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
