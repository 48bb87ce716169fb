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
    const [apiPort, queryPort, pgPort] = [await freePort(), await freePort(), await freePort()];
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
      },
      ["start"],
    );
    try {
      await eventually(
        () => {
          if (app.child.exitCode !== null) throw new Error(`npm start exited:\n${app.output.join("\n")}`);
          expect(app.output.join("\n")).toContain("Koban is running.");
        },
        90_000,
        200,
      );
      const dev = JSON.parse(await readFile(join(stateDir, "dev.json"), "utf8"));
      expect(dev).toEqual({
        api_url: `http://127.0.0.1:${apiPort}`,
        partner_id: expect.stringMatching(/^ptn_/),
        api_key: expect.stringMatching(/^kb_test_/),
        program_id: expect.stringMatching(/^prg_/),
      });
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
  }, 150_000);
});
