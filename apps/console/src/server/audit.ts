import type { Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";

export interface AuditEntry {
  user: { id: string; email: string };
  /** Null for the staff area. */
  tenant: Tenant | null;
  action: string;
  target?: string | null;
  outcome: "succeeded" | "failed" | "pending";
  detail?: Record<string, unknown>;
}

/** Writes one line of the console's audit log. Never given a secret (a revealed PAN, a new key). */
export async function audit(pool: Pool, entry: AuditEntry): Promise<void> {
  await pool.query(
    `INSERT INTO console.audit_log (user_id, user_email, partner_id, livemode, action, target, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.user.id,
      entry.user.email,
      entry.tenant?.partnerId ?? null,
      entry.tenant?.livemode ?? null,
      entry.action,
      entry.target ?? null,
      entry.outcome,
      entry.detail ?? {},
    ],
  );
}

export interface AuditRow {
  id: string;
  at: Date;
  user_email: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** A partner's audit log in one mode, newest first, `limit` rows before the cursor. */
export async function auditLog(pool: Pool, tenant: Tenant, options: { limit: number; before?: string }) {
  const { rows } = await pool.query<AuditRow>(
    `SELECT id::text, at, user_email, action, target, outcome, detail FROM console.audit_log
     WHERE partner_id = $1 AND livemode = $2 AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [tenant.partnerId, tenant.livemode, options.before ?? null, options.limit + 1],
  );
  return { data: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
}
