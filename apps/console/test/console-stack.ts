import { createPartnerWithKey } from "@koban/cli/partners";
import { createPool, type Pool } from "@koban/db";
import { type AppProcess, eventually, type Stack, spawnApp, startStack } from "@koban/testing";
import { ensureConsoleBuild } from "../src/build.ts";
import {
  addMember,
  createAuth,
  createUser,
  ensureOrganization,
  type PartnerRole,
  type StaffRole,
} from "../src/index.ts";

const AUTH_SECRET = "console-test-secret-0123456789abcdef";
export const PASSWORD = "correct horse battery";

export interface ConsoleStack {
  stack: Stack;
  console: AppProcess;
  url: string;
  apiUrl: string;
  createPartner(name: string): Promise<{ id: string; apiKey: string }>;
  createMember(email: string, partnerId: string, role: PartnerRole): Promise<void>;
  createStaff(email: string, role: StaffRole): Promise<void>;
  /** The session cookie of a signed-in user, as a browser would send it. */
  signIn(email: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The whole backend, an API facade and the console (its production build), on a fresh database. */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const [stack] = await Promise.all([startStack(), ensureConsoleBuild()]);
  let consolePool: Pool | undefined;
  try {
    const consoleApp = spawnApp("console", {
      ...stack.env,
      KOBAN_SERVICE: "console",
      PORT: "0",
      QUERY_URL: stack.queryUrl,
      GATEWAY_URL: stack.gatewayUrl,
      CONSOLE_AUTH_SECRET: AUTH_SECRET,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    const ready = await consoleApp.waitForLog((line) => line.msg === "ready", 60_000);
    const url = String(ready.url);
    const apiUrl = stack.apiUrls[0] as string;
    consolePool = createPool(stack.db.url, { max: 2, name: "console-test", searchPath: "console" });
    const auth = createAuth({ pool: consolePool, secret: AUTH_SECRET, baseURL: url });
    const pool = consolePool;
    return {
      stack,
      console: consoleApp,
      url,
      apiUrl,
      async createPartner(name) {
        const partner = await createPartnerWithKey(stack.db.pool, name);
        await eventually(async () => {
          const response = await fetch(`${apiUrl}/v1/programs`, {
            headers: { authorization: `Bearer ${partner.api_key}` },
          });
          if (response.status !== 200) throw new Error(`partner not ready: ${response.status}`);
        });
        await ensureOrganization(pool, { id: partner.partner_id, name });
        return { id: partner.partner_id, apiKey: partner.api_key };
      },
      async createMember(email, partnerId, role) {
        const user = await createUser(auth, { email, password: PASSWORD, name: email.split("@")[0] ?? email });
        await addMember(auth, user.id, partnerId, role);
      },
      async createStaff(email, role) {
        await createUser(auth, { email, password: PASSWORD, name: email.split("@")[0] ?? email, staffRole: role });
      },
      async signIn(email, password = PASSWORD) {
        const response = await fetch(`${url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: url },
          body: JSON.stringify({ email, password }),
        });
        if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
        return response.headers
          .getSetCookie()
          .map((cookie) => cookie.split(";")[0])
          .join("; ");
      },
      async stop() {
        await consoleApp.stop();
        await pool.end();
        await stack.stop();
      },
    };
  } catch (error) {
    await consolePool?.end().catch(() => {});
    await stack.stop().catch(() => {});
    throw error;
  }
}

/** The partner API, as a partner's developer calls it. */
export function partnerApi(apiUrl: string, key: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely.
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
}

/** A tRPC procedure called directly over HTTP, as a script (not the console's pages) would. */
export function trpcCaller(url: string, cookie: string | undefined) {
  const headers = { ...(cookie ? { cookie } : {}), "content-type": "application/json" };
  return {
    async query(path: string, input: unknown) {
      const response = await fetch(`${url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers,
      });
      return { status: response.status, body: await response.json() };
    },
    async mutation(path: string, input: unknown) {
      const response = await fetch(`${url}/api/trpc/${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}
