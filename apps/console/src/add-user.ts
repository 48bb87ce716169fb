import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { loadEnv, platformEnv } from "@koban/config";
import { createPool } from "@koban/db";
import { z } from "zod";
import { createAuth } from "./server/auth.ts";
import { addMember, createUser } from "./server/members.ts";
import { partnerRoleNames, staffRoleNames } from "./server/permissions.ts";

/**
 * `npm run koban -- console-user add`: a person who signs in to the console, made by an operator
 * of the installation (nobody signs themselves up). A Koban employee gets a staff role; a
 * partner's first admin a membership (who then invites the rest). Prints the password once.
 */
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    "staff-role": { type: "string" },
    partner: { type: "string" },
    role: { type: "string" },
  },
});
const input = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100),
    "staff-role": z.enum(staffRoleNames).optional(),
    partner: z.string().regex(/^ptn_/).optional(),
    role: z.enum(partnerRoleNames).default("admin"),
  })
  .refine((value) => Boolean(value["staff-role"]) !== Boolean(value.partner), {
    message: "give either --staff-role or --partner",
  })
  .safeParse({ ...values, name: values.name ?? values.email?.split("@")[0] });
if (!input.success) {
  process.stderr.write(`${z.prettifyError(input.error)}\n`);
  process.exit(2);
}
const env = loadEnv(
  {
    ...platformEnv,
    CONSOLE_URL: z.string().url().default("http://127.0.0.1:3003"),
    CONSOLE_AUTH_SECRET: z.string().min(32).default("koban-console-dev-secret-never-use-in-production"),
  },
  process.env,
);
const pool = createPool(env.DATABASE_URL, { max: 2, name: "koban-console-add-user", searchPath: "console" });
try {
  const { rowCount } = input.data.partner
    ? await pool.query("SELECT 1 FROM console.organization WHERE id = $1", [input.data.partner])
    : { rowCount: 1 };
  if (!rowCount) throw new Error(`no partner ${input.data.partner} in the console (create it from the staff area)`);
  const auth = createAuth({ pool, secret: env.CONSOLE_AUTH_SECRET, baseURL: env.CONSOLE_URL });
  const existing = await (await auth.$context).internalAdapter.findUserByEmail(input.data.email);
  if (existing) throw new Error(`${input.data.email} already has an account`);
  const password = randomBytes(18).toString("base64url");
  const user = await createUser(auth, {
    email: input.data.email,
    password,
    name: input.data.name,
    ...(input.data["staff-role"] ? { staffRole: input.data["staff-role"] } : {}),
  });
  if (input.data.partner) await addMember(auth, user.id, input.data.partner, input.data.role);
  const { partner, role } = input.data;
  process.stdout.write(
    `${JSON.stringify(
      {
        email: input.data.email,
        password,
        ...(partner ? { partner, role } : { staff_role: input.data["staff-role"] }),
        console_url: env.CONSOLE_URL,
      },
      null,
      2,
    )}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
