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

describe("npm start", () => {
  it("runs the whole product on an embedded Postgres with a demo partner whose key works, and stops on Ctrl-C", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "koban-start-"));
    await chmod(stateDir, 0o755); // the embedded Postgres runs as the postgres user when we are root
    const [apiPort, queryPort, pgPort, consolePort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const { DATABASE_URL: _, ...env } = process.env;
    const app = spawnApp(
      "cli",
      {
        ...(env as Record<string, string>),
        DATABASE_URL: "",
        KOBAN_STATE_DIR: stateDir,
        KOBAN_ENV: bus.env,
        API_PORT: String(apiPort),
        QUERY_PORT: String(queryPort),
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        CONSOLE_PORT: String(consolePort),
      },
      ["start"],
    );
    try {
      await eventually(
        () => {
          if (app.child.exitCode !== null) throw new Error(`npm start exited:\n${app.output.join("\n")}`);
          expect(app.output.join("\n")).toContain("Koban is running.");
        },
        // The console's first production build takes a minute or two (later runs reuse it).
        240_000,
        200,
      );
      const dev = JSON.parse(await readFile(join(stateDir, "dev.json"), "utf8"));
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
    } finally {
      app.child.kill("SIGINT");
    }
    const code = await new Promise((resolve) => app.child.once("exit", resolve));
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${apiPort}/v1/cardholders`)).rejects.toThrow();
  }, 330_000);
});
