import { createHash } from "node:crypto";
import type { Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { Problem } from "./problem.ts";

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key: the first response for a key is kept (24 h at least) and replayed; the
 * same key with another request is 422; a repeat while the first is running is 409.
 */
export async function idempotent(
  pool: Pool,
  tenant: Tenant,
  key: string | undefined,
  request: { method: string; path: string; body: unknown },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (key === undefined) return run();
  if (!KEY.test(key)) {
    throw new Problem(
      400,
      "parameter_invalid",
      "Idempotency-Key must be 1 to 255 printable ASCII characters.",
      "Idempotency-Key",
    );
  }
  const hash = createHash("sha256")
    .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
    .digest("hex");
  const claimed = await pool.query(
    `INSERT INTO api.idempotency_keys (partner_id, livemode, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [tenant.partnerId, tenant.livemode, key, hash],
  );
  if (claimed.rowCount === 0) {
    const { rows } = await pool.query(
      `SELECT request_hash, response_status, response_headers, response_body FROM api.idempotency_keys
       WHERE partner_id = $1 AND livemode = $2 AND key = $3`,
      [tenant.partnerId, tenant.livemode, key],
    );
    const first = rows[0];
    if (!first) return idempotent(pool, tenant, key, request, run);
    if (first.request_hash !== hash) {
      throw new Problem(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request.",
        "Idempotency-Key",
      );
    }
    if (first.response_status === null) {
      throw new Problem(
        409,
        "idempotency_in_progress",
        "A request with this Idempotency-Key is in progress; retry shortly.",
      );
    }
    return { status: first.response_status, headers: first.response_headers, body: first.response_body };
  }
  try {
    const response = await run();
    await pool.query(
      `UPDATE api.idempotency_keys SET response_status = $4, response_headers = $5, response_body = $6
       WHERE partner_id = $1 AND livemode = $2 AND key = $3`,
      [tenant.partnerId, tenant.livemode, key, response.status, response.headers, JSON.stringify(response.body)],
    );
    return response;
  } catch (error) {
    // Nothing was kept for this key, so the client may retry it.
    await pool.query("DELETE FROM api.idempotency_keys WHERE partner_id = $1 AND livemode = $2 AND key = $3", [
      tenant.partnerId,
      tenant.livemode,
      key,
    ]);
    throw error;
  }
}
