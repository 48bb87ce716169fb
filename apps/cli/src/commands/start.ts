import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadEnv, platformEnv } from "@koban/config";
import { createPool, type Pool } from "@koban/db";
import { migrateAll } from "@koban/system";
import { Command } from "commander";
import { z } from "zod";
import { startDemo } from "../demo/start-demo.ts";
import { startEmbeddedPostgres } from "../dev/embedded-postgres.ts";
import { resolveRedis } from "../dev/redis.ts";
import { supervise } from "../dev/supervisor.ts";
import { createPartnerWithKey } from "../partners.ts";
import { sendCreateProgram, testProgram } from "../programs.ts";
import { fundDemoProgram } from "./demo-deposit.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** An empty variable counts as unset, as shells and compose files tend to mean it. */
const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.string().url().optional());

const startEnv = {
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  KOBAN_ENV: platformEnv.KOBAN_ENV,
  API_PORT: port(3000),
  QUERY_PORT: port(3001),
  /** processing's network gateway, where the network simulator sends authorizations. */
  GATEWAY_PORT: port(3002),
  CONSOLE_PORT: port(3003),
  EMBEDDED_POSTGRES_PORT: port(54329),
  /** Where the embedded database, a started Redis and dev.json live. */
  KOBAN_STATE_DIR: z.string().optional(),
  /** A local run delivers webhooks to a test server on this machine unless told otherwise. */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).default("true"),
  /** 0: no simulated card traffic on the demo cards (tests that start the product use this). */
  KOBAN_DEMO_TRAFFIC: z.enum(["0", "1"]).default("1"),
};

interface DevState {
  api_url: string;
  partner_id: string;
  api_key: string;
  program_id: string;
}

/**
 * `npm start`: everything a newcomer needs on one machine. Postgres is embedded unless
 * DATABASE_URL is set; Redis is REDIS_URL, a local one, or a redis-server it starts.
 */
export function startCommand(): Command {
  return new Command("start")
    .description("Run migrations and every process, with a demo partner")
    .option("--no-traffic", "no simulated card traffic on the demo cards (also KOBAN_DEMO_TRAFFIC=0)")
    .action(async (options: { traffic: boolean }) => {
      const env = loadEnv(startEnv);
      const traffic = options.traffic && env.KOBAN_DEMO_TRAFFIC === "1";
      const stateDir = env.KOBAN_STATE_DIR ?? `${root}.koban`;
      const devFile = `${stateDir}/dev.json`;
      await mkdir(stateDir, { recursive: true });
      const apiPort = env.API_PORT;
      const queryPort = env.QUERY_PORT;
      const postgres = env.DATABASE_URL
        ? { url: env.DATABASE_URL, stop: async () => {} }
        : await startEmbeddedPostgres({ dataDir: `${stateDir}/postgres`, port: env.EMBEDDED_POSTGRES_PORT });
      let redis: Awaited<ReturnType<typeof resolveRedis>>;
      try {
        redis = await resolveRedis({ url: env.REDIS_URL, dataDir: `${stateDir}/redis` });
      } catch (error) {
        await postgres.stop();
        throw error;
      }
      const stopServices = async () => {
        await redis.stop();
        await postgres.stop();
      };

      try {
        const pool = createPool(postgres.url, { max: 2, name: "koban-start" });
        await migrateAll(pool);
        const apiUrl = `http://127.0.0.1:${apiPort}`;
        const demo = await demoPartner(pool, apiUrl, devFile);
        await pool.end();
        const consoleUrl = `http://127.0.0.1:${env.CONSOLE_PORT}`;
        process.stdout.write("Preparing the console (its first build takes a minute or two)…\n");
        const people = await setUpConsole(postgres.url, consoleUrl, demo.partner_id);
        await writeFile(
          devFile,
          `${JSON.stringify({ ...demo, fresh: undefined, console_url: consoleUrl, ...people }, null, 2)}\n`,
        );

        const shared = {
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          KOBAN_ENV: env.KOBAN_ENV,
          QUERY_URL: `http://127.0.0.1:${queryPort}`,
          GATEWAY_URL: `http://127.0.0.1:${env.GATEWAY_PORT}`,
          WEBHOOK_ALLOW_PRIVATE_URLS: env.WEBHOOK_ALLOW_PRIVATE_URLS,
        };
        const app = (name: string, extra: Record<string, string> = {}) => ({
          name,
          command: process.execPath,
          args: ["--import", "tsx", `apps/${name}/src/main.ts`],
          env: { ...shared, KOBAN_SERVICE: name, ...extra },
        });
        const supervisor = supervise(
          [
            app("worker"),
            app("query", { PORT: String(queryPort) }),
            app("gateway", { PORT: String(env.GATEWAY_PORT) }),
            app("api", { PORT: String(apiPort) }),
            app("console", { PORT: String(env.CONSOLE_PORT), CONSOLE_URL: consoleUrl }),
          ],
          { cwd: root },
        );
        await supervisor.ready;
        if (demo.fresh) await fundDemoProgram(demo.api_url, demo.api_key);
        const demoLife = await startDemo({ databaseUrl: postgres.url, ...demo, traffic });
        process.stdout.write(
          [
            "",
            "Koban is running.",
            `  API        ${demo.api_url}`,
            `  console    ${consoleUrl}`,
            `    operator ${people.operator.email} / ${people.operator.password}`,
            `    staff    ${people.staff.email} / ${people.staff.password}`,
            `  gateway    http://127.0.0.1:${env.GATEWAY_PORT} (the card network's way in)`,
            `  partner    ${demo.partner_id}`,
            `  test key   ${demo.api_key}`,
            `  program    ${demo.program_id} (JPY, Asia/Tokyo, test BIN)`,
            `  (also in ${devFile})`,
            "",
            `  curl -X POST ${demo.api_url}/v1/cardholders -H "Authorization: Bearer ${demo.api_key}" \\`,
            `    -H "Content-Type: application/json" -d '{"type":"individual","individual":{"first_name":"Aiko","last_name":"Sato"}}'`,
            `  curl -X POST ${demo.api_url}/v1/cards -H "Authorization: Bearer ${demo.api_key}" \\`,
            `    -H "Content-Type: application/json" -d '{"cardholder_id":"<the ch_ id above>","type":"virtual"}'`,
            "",
            demoLife.summary,
            "Ctrl-C stops everything.",
            "",
          ].join("\n"),
        );
        try {
          await supervisor.stopped;
        } finally {
          await demoLife.stop();
        }
      } finally {
        await stopServices();
      }
    });
}

/** The console's build and its demo operator and staff user (apps/console/src/dev-setup.ts, run as a script). */
async function setUpConsole(databaseUrl: string, consoleUrl: string, partnerId: string) {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "apps/console/src/dev-setup.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CONSOLE_URL: consoleUrl,
      DEMO_PARTNER_ID: partnerId,
      DEMO_PARTNER_NAME: "Demo Partner",
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
    operator: { email: string; password: string };
    staff: { email: string; password: string };
  };
}

/** The demo partner of earlier runs if its database still has it, else a new one. */
async function demoPartner(pool: Pool, apiUrl: string, devFile: string): Promise<DevState & { fresh?: boolean }> {
  if (existsSync(devFile)) {
    const saved = JSON.parse(await readFile(devFile, "utf8")) as Partial<DevState> & Omit<DevState, "program_id">;
    const { rowCount } = await pool.query("SELECT 1 FROM api.outbox WHERE envelope->'payload'->>'partner_id' = $1", [
      saved.partner_id,
    ]);
    if (rowCount) {
      // A demo partner from before programs existed gets its test program now (applied once the workers run).
      const programId = saved.program_id ?? (await sendCreateProgram(pool, saved.partner_id, testProgram));
      const state: DevState = { ...saved, api_url: apiUrl, program_id: programId };
      await writeFile(devFile, `${JSON.stringify(state, null, 2)}\n`);
      return state;
    }
  }
  const created = await createPartnerWithKey(pool, "Demo Partner");
  const state: DevState = {
    api_url: apiUrl,
    partner_id: created.partner_id,
    api_key: created.api_key,
    program_id: created.program_id,
  };
  await writeFile(devFile, `${JSON.stringify(state, null, 2)}\n`);
  return { ...state, fresh: true };
}
