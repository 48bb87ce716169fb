import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { logger } from "@koban/observability";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import type { Auth } from "./auth.ts";
import { memberRole } from "./members.ts";
import { consoleRouter } from "./router.ts";
import { type ConsoleDeps, createContext } from "./trpc.ts";

/** What renders the pages: Next.js's request handler and its 404 page. */
export interface Pages {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  notFound(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const PARTNER_ID = /^ptn_[0-9a-z]{26}$/;
const MODES = new Set(["test", "live"]);

type Gate = "pass" | "sign-in" | "not-found";

/**
 * Who may see a page, decided before Next renders it: a partner's pages (`/[partner]/[mode]/…`)
 * only to its members, the staff area only to staff. Anyone else gets the 404 page, the same as
 * for a partner that does not exist.
 */
async function gate(deps: ConsoleDeps, auth: Auth, req: IncomingMessage, path: string): Promise<Gate> {
  const [first, second] = path.split("/").filter(Boolean);
  if (!first || first === "sign-in" || first === "_next" || first === "favicon.ico") return "pass";
  const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
  if (first === "staff") {
    if (!session) return "sign-in";
    return session.user.staffRole ? "pass" : "not-found";
  }
  if (!PARTNER_ID.test(first)) return "pass"; // Next answers 404 for a path it has no page for.
  if (!session) return "sign-in";
  if (!second || !MODES.has(second)) return "not-found";
  return (await memberRole(deps.pool, session.user.id, first)) ? "pass" : "not-found";
}

/** The console's one HTTP handler: better-auth, the tRPC API, and the pages behind their gate. */
export function consoleHandler(deps: ConsoleDeps, pages: Pages): (req: IncomingMessage, res: ServerResponse) => void {
  const authHandler = toNodeHandler(deps.auth.handler);
  const trpcHandler = createHTTPHandler({
    router: consoleRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) => createContext(deps, req),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "console procedure failed");
    },
  });
  return (req, res) => {
    const path = new URL(req.url ?? "/", "http://console").pathname;
    const respond = async () => {
      if (path.startsWith("/api/auth/")) return authHandler(req, res);
      if (path.startsWith("/api/trpc/")) return trpcHandler(req, res);
      switch (await gate(deps, deps.auth, req, path)) {
        case "sign-in":
          res.writeHead(302, { Location: `/sign-in?next=${encodeURIComponent(req.url ?? "/")}` }).end();
          return;
        case "not-found":
          return pages.notFound(req, res);
        case "pass":
          return pages.handle(req, res);
      }
    };
    respond().catch((error: unknown) => {
      logger.error({ err: error, path }, "console request failed");
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Something went wrong on our side; it has been logged.");
    });
  };
}

/** Listens first: better-auth must know the console's own URL (its origin check), which port 0 only tells once bound. */
export function listen(port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer();
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({ server, url: `http://${host}:${actual}` });
    });
  });
}
