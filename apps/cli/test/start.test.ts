import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestBus, eventually, spawnApp } from "@koban/testing";
import { afterAll, describe, expect, it } from "vitest";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const bus = createTestBus();
let stateDir: string | undefined;
afterAll(async () => {
  await bus.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

interface Ports {
  apiPort: number;
  queryPort: number;
  pgPort: number;
  consolePort: number;
}

/** `npm start` on the test's state directory, ports and bus, with the given flags. */
function start(dir: string, ports: Ports, args: string[] = []) {
  const { DATABASE_URL: _, ...env } = process.env;
  return spawnApp(
    "cli",
    {
      ...(env as Record<string, string>),
      DATABASE_URL: "",
      KOBAN_STATE_DIR: dir,
      KOBAN_ENV: bus.env,
      API_PORT: String(ports.apiPort),
      QUERY_PORT: String(ports.queryPort),
      EMBEDDED_POSTGRES_PORT: String(ports.pgPort),
      CONSOLE_PORT: String(ports.consolePort),
    },
    ["start", ...args],
  );
}

async function running(app: ReturnType<typeof spawnApp>): Promise<void> {
  await eventually(
    () => {
      if (app.child.exitCode !== null) throw new Error(`npm start exited:\n${app.output.join("\n")}`);
      expect(app.output.join("\n")).toContain("Koban is running.");
    },
    // The console's first production build takes a minute or two (later runs reuse it).
    240_000,
    200,
  );
}

async function stopped(app: ReturnType<typeof spawnApp>): Promise<unknown> {
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGINT");
  return exited;
}

/** The live-mode staff KYC queue as the query side serves it (tRPC over HTTP). */
async function kycQueue(queryPort: number): Promise<Array<{ id: string; individual: { first_name: string } }>> {
  const input = encodeURIComponent(JSON.stringify({ livemode: true }));
  const response = await fetch(`http://127.0.0.1:${queryPort}/staff.kycQueue?input=${input}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: Array<{ id: string; individual: { first_name: string } }> } })
    .result.data;
}

describe("npm start", () => {
  it("runs the whole product on an embedded Postgres with a demo partner whose key works, and stops on Ctrl-C", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "koban-start-"));
    await chmod(stateDir, 0o755); // the embedded Postgres runs as the postgres user when we are root
    const ports: Ports = {
      apiPort: await freePort(),
      queryPort: await freePort(),
      pgPort: await freePort(),
      consolePort: await freePort(),
    };
    const { apiPort, consolePort } = ports;
    const app = start(stateDir, ports);
    type Person = { email: string; password: string };
    let dev: {
      api_url: string;
      api_key: string;
      partner_id: string;
      program_id: string;
      console_url: string;
      operator: Person;
      staff: Person;
    };
    try {
      await running(app);
      dev = JSON.parse(await readFile(join(stateDir, "dev.json"), "utf8"));
      expect(dev).toEqual({
        api_url: `http://127.0.0.1:${apiPort}`,
        partner_id: expect.stringMatching(/^ptn_/),
        api_key: expect.stringMatching(/^kb_test_/),
        program_id: expect.stringMatching(/^prg_/),
        console_url: `http://127.0.0.1:${consolePort}`,
        operator: { email: expect.any(String), password: expect.any(String) },
        staff: { email: expect.any(String), password: expect.any(String) },
      });
      // The printed operator signs in to the console and sees the demo partner; the staff user sees the staff area.
      const signIn = async (who: { email: string; password: string }) => {
        const response = await fetch(`${dev.console_url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: dev.console_url },
          body: JSON.stringify(who),
        });
        expect(response.status).toBe(200);
        return response.headers
          .getSetCookie()
          .map((cookie) => cookie.split(";")[0])
          .join("; ");
      };
      const page = async (path: string, cookie: string) =>
        (await fetch(`${dev.console_url}${path}`, { headers: { cookie }, redirect: "manual" })).status;
      const operator = await signIn(dev.operator);
      expect(await page(`/${dev.partner_id}/test/cardholders`, operator)).toBe(200);
      expect(await page("/staff", operator)).toBe(404);
      const staff = await signIn(dev.staff);
      expect(await page("/staff", staff)).toBe(200);
      expect(app.output.join("\n")).toContain(dev.operator.password);
      expect(app.output.join("\n")).toContain(dev.api_key);

      const post = (path: string, body: object) =>
        fetch(`${dev.api_url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${dev.api_key}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const created: { id: string; individual: unknown } = await eventually(async () => {
        const response = await post("/v1/cardholders", {
          type: "individual",
          individual: { first_name: "Aiko", last_name: "Sato" },
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string; individual: unknown };
      });
      expect(created.individual).toEqual({ first_name: "Aiko", last_name: "Sato" });
      // The demo partner's test program lets it issue a card at once.
      const card = await post("/v1/cards", { cardholder_id: created.id, type: "virtual" });
      expect(card.status).toBe(201);
      expect(await card.json()).toMatchObject({ program_id: dev.program_id, status: "inactive" });

      // The demo: cardholders with cards, and simulated payments arriving, approved and declined, some cleared.
      const get = async (path: string) => {
        const response = await fetch(`${dev.api_url}${path}`, { headers: { authorization: `Bearer ${dev.api_key}` } });
        expect(response.status).toBe(200);
        return (await response.json()) as { data: Array<Record<string, unknown>> };
      };
      const first = await eventually(
        async () => {
          const { data } = await get("/v1/authorizations?limit=100");
          expect(data.some((each) => each.status === "declined")).toBe(true);
          expect(data.some((each) => each.status !== "declined")).toBe(true);
          return data.length;
        },
        120_000,
        1_000,
      );
      await eventually(
        async () => {
          expect((await get("/v1/authorizations?limit=100")).data.length).toBeGreaterThan(first);
          expect((await get("/v1/transactions?limit=10")).data.length).toBeGreaterThan(0);
        },
        90_000,
        1_000,
      );
      // Live mode: the applicant waits for the staff KYC review.
      await eventually(async () =>
        expect((await kycQueue(ports.queryPort)).map((each) => each.individual.first_name)).toEqual(["Riko"]),
      );
    } finally {
      expect(await stopped(app)).toBe(0);
    }
    await expect(fetch(`http://127.0.0.1:${apiPort}/v1/cardholders`)).rejects.toThrow();

    // A second start reuses the demo: the same partner, no second demo cast, no second applicant, no traffic.
    const again = start(stateDir, ports, ["--no-traffic"]);
    try {
      await running(again);
      const cardholders = await fetch(`${dev.api_url}/v1/cardholders?limit=100`, {
        headers: { authorization: `Bearer ${dev.api_key}` },
      });
      const { data } = (await cardholders.json()) as { data: Array<{ metadata: Record<string, string> }> };
      const demo = data.map((each) => each.metadata.koban_demo).filter(Boolean);
      expect(demo.sort()).toEqual(["haruto", "kenta", "mei", "sora", "yuna"]);
      expect((await kycQueue(ports.queryPort)).length).toBe(1);
      expect(again.output.join("\n")).not.toContain("simulated card payment every");
    } finally {
      expect(await stopped(again)).toBe(0);
    }
  }, 600_000);
});
