import type { Pool } from "@koban/db";
import type { Auth } from "./auth.ts";
import { isPartnerRole, type PartnerRole, type StaffRole } from "./permissions.ts";

/**
 * The member's role in the partner, or null when the user is not its member (or the partner is
 * unknown): both answer 404, so a path never tells whether another partner exists.
 */
export async function memberRole(pool: Pool, userId: string, partnerId: string): Promise<PartnerRole | null> {
  const { rows } = await pool.query<{ role: string }>(
    `SELECT role FROM console.member WHERE "userId" = $1 AND "organizationId" = $2`,
    [userId, partnerId],
  );
  const role = rows[0]?.role;
  return role && isPartnerRole(role) ? role : null;
}

/** The partners a user belongs to, for the partner switcher and the landing page. */
export async function partnersOf(pool: Pool, userId: string) {
  const { rows } = await pool.query<{ id: string; name: string; role: string }>(
    `SELECT o.id, o.name, m.role FROM console.member m JOIN console.organization o ON o.id = m."organizationId"
     WHERE m."userId" = $1 ORDER BY o.name`,
    [userId],
  );
  return rows.filter((row): row is { id: string; name: string; role: PartnerRole } => isPartnerRole(row.role));
}

/** The organisation that stands for a partner in the console; its id is the partner's. */
export async function ensureOrganization(pool: Pool, partner: { id: string; name: string }): Promise<void> {
  await pool.query(
    `INSERT INTO console.organization (id, name, slug, "createdAt") VALUES ($1, $2, $1, now())
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
    [partner.id, partner.name],
  );
}

/**
 * A user who signs in with an email and a password, made through better-auth's own adapter and
 * password hashing (public sign-up is off). Staff get a staff role, partner members a membership.
 */
export async function createUser(
  auth: Auth,
  input: { email: string; password: string; name: string; staffRole?: StaffRole },
): Promise<{ id: string }> {
  const ctx = await auth.$context;
  const existing = await ctx.internalAdapter.findUserByEmail(input.email);
  if (existing) return { id: existing.user.id };
  const user = await ctx.internalAdapter.createUser(
    { email: input.email.toLowerCase(), name: input.name, emailVerified: true, staffRole: input.staffRole ?? null },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await ctx.password.hash(input.password),
  });
  return { id: user.id };
}

export async function addMember(auth: Auth, userId: string, partnerId: string, role: PartnerRole): Promise<void> {
  await auth.api.addMember({ body: { userId, organizationId: partnerId, role } });
}
