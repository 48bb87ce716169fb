import { createPool } from "@koban/db";
import { z } from "zod";
import { ensureConsoleBuild } from "./build.ts";
import { createAuth } from "./server/auth.ts";
import { addMember, createUser, ensureOrganization } from "./server/members.ts";

/**
 * `npm start`'s console step: the production build (made once, again only when the sources
 * change) and the demo people: an operator of the demo partner (with the admin role, so a
 * newcomer sees every page) and a staff admin. Prints their credentials as JSON.
 */
const env = z
  .object({
    DATABASE_URL: z.string().url(),
    CONSOLE_URL: z.string().url(),
    CONSOLE_AUTH_SECRET: z.string().min(32).default("koban-console-dev-secret-never-use-in-production"),
    DEMO_PARTNER_ID: z.string().regex(/^ptn_/),
    DEMO_PARTNER_NAME: z.string().min(1),
  })
  .parse(process.env);

const operator = { email: "operator@demo.koban.dev", password: "demo-operator-password" };
const staff = { email: "staff@demo.koban.dev", password: "demo-staff-password" };

await ensureConsoleBuild();
const pool = createPool(env.DATABASE_URL, { max: 2, name: "koban-console-setup", searchPath: "console" });
try {
  const auth = createAuth({ pool, secret: env.CONSOLE_AUTH_SECRET, baseURL: env.CONSOLE_URL });
  await ensureOrganization(pool, { id: env.DEMO_PARTNER_ID, name: env.DEMO_PARTNER_NAME });
  const user = await createUser(auth, { ...operator, name: "Demo Operator" });
  const { rowCount } = await pool.query(`SELECT 1 FROM console.member WHERE "userId" = $1 AND "organizationId" = $2`, [
    user.id,
    env.DEMO_PARTNER_ID,
  ]);
  if (!rowCount) await addMember(auth, user.id, env.DEMO_PARTNER_ID, "admin");
  await createUser(auth, { ...staff, name: "Demo Staff", staffRole: "staff_admin" });
} finally {
  await pool.end();
}
process.stdout.write(`${JSON.stringify({ operator, staff })}\n`);
