import { createTestBus, type TestBus } from "./bus.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type AppProcess, spawnApp } from "./processes.ts";

export interface Stack {
  db: TestDatabase;
  bus: TestBus;
  worker: AppProcess;
  query: AppProcess;
  queryUrl: string;
  /** processing's network gateway, where the simulator (`@koban/network`) sends authorizations. */
  gateway: AppProcess;
  gatewayUrl: string;
  /** One URL per API facade process. */
  apiUrls: string[];
  apis: AppProcess[];
  env: Record<string, string>;
  startApi(extra?: Record<string, string>): Promise<{ process: AppProcess; url: string }>;
  stop(): Promise<void>;
}

export interface StackOptions {
  facades?: number;
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}

/**
 * The whole backend as real processes on a fresh database and Redis prefix. Webhooks may go to
 * loopback (the tests' receivers run there) and get 2 s to answer, unless the options say otherwise.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const bus = createTestBus();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: bus.redisUrl,
    KOBAN_ENV: bus.env,
    DB_POOL_MAX: "4",
    WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  };
  const started: AppProcess[] = [];
  const spawn = (name: string, appEnv: Record<string, string>) => {
    const app = spawnApp(name, appEnv);
    started.push(app);
    return app;
  };
  const stopAll = async () => {
    await Promise.all(started.map((app) => app.stop()));
    await bus.close();
    await db.drop();
  };
  try {
    const worker = spawn("worker", {
      ...env,
      KOBAN_SERVICE: "worker",
      WEBHOOK_TIMEOUT_MS: "2000",
      ...options.workerEnv,
    });
    const query = spawn("query", { ...env, KOBAN_SERVICE: "query", PORT: "0" });
    const gateway = spawn("gateway", { ...env, KOBAN_SERVICE: "gateway", PORT: "0", ...options.gatewayEnv });
    const [, queryReady, gatewayReady] = await Promise.all([
      worker.waitForLog((line) => line.msg === "ready"),
      query.waitForLog((line) => line.msg === "ready"),
      gateway.waitForLog((line) => line.msg === "ready"),
    ]);
    const queryUrl = String(queryReady.url);
    const gatewayUrl = String(gatewayReady.url);
    const apis: AppProcess[] = [];
    const apiUrls: string[] = [];
    const startApi = async (extra: Record<string, string> = {}) => {
      const api = spawn("api", {
        ...env,
        KOBAN_SERVICE: "api",
        PORT: "0",
        QUERY_URL: queryUrl,
        GATEWAY_URL: gatewayUrl,
        ...options.apiEnv,
        ...extra,
      });
      apis.push(api);
      const ready = await api.waitForLog((line) => line.msg === "ready");
      return { process: api, url: String(ready.url) };
    };
    for (let i = 0; i < (options.facades ?? 1); i++) apiUrls.push((await startApi()).url);
    return {
      db,
      bus,
      worker,
      query,
      queryUrl,
      gateway,
      gatewayUrl,
      apiUrls,
      apis,
      env,
      startApi,
      stop: stopAll,
    };
  } catch (error) {
    // A stack that failed to start leaves nothing running and no database behind.
    await stopAll().catch(() => {});
    throw error;
  }
}
