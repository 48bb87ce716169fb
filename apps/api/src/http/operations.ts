import type { DomainErrorData, Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { Problem, problemBody } from "./problem.ts";

interface OperationRow {
  id: string;
  status: "pending" | "succeeded" | "failed";
  resource: { type: string; id: string } | null;
  error: DomainErrorData | null;
  created_at: Date;
  completed_at: Date | null;
}

/** The public view of a write that answered 202: pending until its document arrives. */
export async function findOperation(pool: Pool, tenant: Tenant, id: string, requestId: string) {
  const { rows } = await pool.query<OperationRow>(
    `SELECT id, status, resource, error, created_at, completed_at FROM api.operations
     WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
    [id, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    object: "operation" as const,
    status: row.status,
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
    resource: row.status === "succeeded" ? row.resource : null,
    error: row.error
      ? problemBody(new Problem(row.error.status, row.error.code, row.error.message, row.error.param), requestId)
      : null,
  };
}
