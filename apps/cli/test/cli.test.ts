import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { newMessageId } from "@koban/contracts";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);

async function koban(args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _, ...rest } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
      cwd: root,
      env: { ...rest, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db?.drop();
});

describe("npm run koban", () => {
  it("fails at start naming the missing variable", async () => {
    const result = await koban(["migrate"], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is missing");
  });

  it("migrates, twice without harm", async () => {
    expect((await koban(["migrate"], { DATABASE_URL: db.url })).code).toBe(0);
    const again = await koban(["migrate"], { DATABASE_URL: db.url });
    expect(again.code).toBe(0);
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('bus','eventstore','partner','cardholder','query','api')",
    );
    expect(rows[0].n).toBeGreaterThan(10);
  });

  it("creates a partner and prints its id and a test key once, keeping only the key's hash", async () => {
    const result = await koban(["partner", "create", "--name", "Acme"], { DATABASE_URL: db.url });
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created.partner_id).toMatch(/^ptn_/);
    expect(created.api_key).toMatch(/^kb_test_[0-9A-Za-z]{32}$/);
    expect(created.program_id).toMatch(/^prg_/);
    const { rows } = await db.pool.query("SELECT envelope::text AS text FROM api.outbox");
    expect(rows.map((row) => row.text).join()).not.toContain(created.api_key);
    expect(rows.map((row) => row.text).join()).toContain(created.partner_id);
  });

  it("lists dead letters and replays them through the scheduler", async () => {
    const envelope = { id: newMessageId(), type: "PartnerCreated" };
    await db.pool.query(
      `INSERT INTO bus.dead_letters (consumer, queue, message_id, message_type, envelope, attempts, error)
       VALUES ('query', 'evt.query', $1, 'PartnerCreated', $2, 8, 'Error: boom')`,
      [envelope.id, envelope],
    );
    const listed = await koban(["dead-letters", "list"], { DATABASE_URL: db.url });
    const letters = listed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(letters).toEqual([expect.objectContaining({ message_id: envelope.id, error: "Error: boom", attempts: 8 })]);

    const replayed = await koban(["dead-letters", "replay", "all"], { DATABASE_URL: db.url });
    expect(JSON.parse(replayed.stdout)).toEqual({ replayed: 1, requested: 1 });
    const { rows } = await db.pool.query("SELECT queue, attempt, reason FROM bus.scheduled");
    expect(rows).toEqual([{ queue: "evt.query", attempt: 1, reason: "replay" }]);
    expect((await koban(["dead-letters", "list"], { DATABASE_URL: db.url })).stdout.trim()).toBe("");
  });
});
