import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { newId } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, ensureOrganization } from "../src/index.ts";
import { memberRole } from "../src/server/members.ts";

/** `npm run koban -- console-user add`: how an installation gets its first staff and partner admins. */
const root = fileURLToPath(new URL("../../../", import.meta.url));
let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 2, name: "add-user-test", searchPath: "console" });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function addUser(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "apps/cli/src/main.ts", "console-user", "add", ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "silent" } },
    );
    return { code: 0, output: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

const auth = () =>
  createAuth({ pool, secret: "add-user-test-secret-0123456789abcdef", baseURL: "http://127.0.0.1:3003" });

describe("console-user add", () => {
  it("makes a staff user who signs in with the password it prints once", async () => {
    const added = await addUser("--email", "Boss@Koban.test", "--staff-role", "staff_compliance");
    expect(added.code).toBe(0);
    expect(added.output).toMatchObject({ email: "Boss@Koban.test", staff_role: "staff_compliance" });
    const signedIn = await auth().api.signInEmail({
      body: { email: "boss@koban.test", password: added.output.password },
    });
    expect(signedIn.user).toMatchObject({ email: "boss@koban.test", staffRole: "staff_compliance" });
    // Once only: a second add of the same person changes nothing.
    const again = await addUser("--email", "boss@koban.test", "--staff-role", "staff_admin");
    expect(again).toEqual({ code: 1, output: "boss@koban.test already has an account\n" });
  });

  it("makes a partner's member with the role given, and refuses an unknown partner or a bad role", async () => {
    const partnerId = newId("ptn");
    await ensureOrganization(pool, { id: partnerId, name: "Kaede Pay" });
    const added = await addUser("--email", "first@kaede.test", "--partner", partnerId, "--role", "operator");
    expect(added.code).toBe(0);
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM console.user WHERE email = $1", [
      "first@kaede.test",
    ]);
    expect(await memberRole(pool, rows[0]?.id ?? "", partnerId)).toBe("operator");

    const unknown = await addUser("--email", "x@kaede.test", "--partner", newId("ptn"));
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("no partner");
    const badRole = await addUser("--email", "y@kaede.test", "--partner", partnerId, "--role", "owner");
    expect(badRole.code).toBe(2);
    expect((await pool.query("SELECT 1 FROM console.user WHERE email LIKE '%@kaede.test'")).rowCount).toBe(1);
  });
});
