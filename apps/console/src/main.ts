import { fileURLToPath } from "node:url";
import { CommandGateway, type Facade, recordDocument } from "@koban/command-gateway";
import { createPool } from "@koban/db";
import { busNames, ReplyChannel } from "@koban/messaging";
import { initTelemetry, logger } from "@koban/observability";
import type { QueryRouter } from "@koban/query";
import { createTRPCClient, httpLink } from "@trpc/client";
import next from "next";
import { loadConsoleEnv } from "./env.ts";
import { createAuth } from "./server/auth.ts";
import { consoleHandler, listen } from "./server/http.ts";
import { createMailer } from "./server/mail.ts";

initTelemetry();
const env = loadConsoleEnv();
const facade: Facade = { source: "console", schema: "console" };
const pool = createPool(env.DATABASE_URL, { max: env.DB_POOL_MAX, name: "koban-console", searchPath: "console" });
const bus = { redisUrl: env.REDIS_URL, names: busNames(env.KOBAN_ENV) };
const replies = new ReplyChannel(bus, (document) => recordDocument(pool, document, facade));

const pagesApp = next({ dev: false, dir: fileURLToPath(new URL("..", import.meta.url)) });
await pagesApp.prepare();
const handle = pagesApp.getRequestHandler();

const { server, url } = await listen(env.PORT, env.HOST);
const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logBodies: env.KOBAN_ENV !== "prod" });
const auth = createAuth({ pool, secret: env.CONSOLE_AUTH_SECRET, baseURL: env.CONSOLE_URL ?? url, mailer });
server.on(
  "request",
  consoleHandler(
    {
      pool,
      auth,
      query: createTRPCClient<QueryRouter>({ links: [httpLink({ url: env.QUERY_URL })] }),
      commands: new CommandGateway(pool, replies, env.COMMAND_WAIT_MS, facade),
      gatewayUrl: env.GATEWAY_URL,
      urlPolicy: { allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_URLS },
    },
    { handle: (req, res) => handle(req, res), notFound: (req, res) => pagesApp.render404(req, res) },
  ),
);
logger.info({ url: env.CONSOLE_URL ?? url, reply_to: replies.address }, "ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  server.close();
  server.closeAllConnections();
  await replies.close();
  await pagesApp.close();
  await pool.end();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
