import { type ApiKeyScope, apiKeyKind, apiKeyScopes, tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { t } from "./procedure.ts";

const known: ReadonlySet<string> = new Set(apiKeyScopes);

/**
 * The key whose hash was presented: its id, tenant, scopes (null for a standard key, which has
 * every scope; for a restricted key only the listed ones this code knows) and whether its partner
 * is suspended. A revoked key, or a rolled one past its expiry (by the database's
 * clock), is no key.
 */
const authenticate = t.procedure.input(z.object({ keyHash: z.string() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { apiKeyHash: input.keyHash }, (db) =>
    db.query<{
      api_key_id: string;
      partner_id: string;
      livemode: boolean;
      scopes: string[] | null;
      suspended: boolean;
    }>(
      `SELECT k.api_key_id, k.partner_id, k.livemode, k.scopes, coalesce(p.status = 'suspended', false) AS suspended
       FROM query.api_keys k LEFT JOIN query.partners p ON p.id = k.partner_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [input.keyHash],
    ),
  );
  const key = rows[0];
  if (!key) return null;
  return {
    apiKeyId: key.api_key_id,
    tenant: { partnerId: key.partner_id, livemode: key.livemode },
    scopes: key.scopes?.filter((scope): scope is ApiKeyScope => known.has(scope)) ?? null,
    partnerSuspended: key.suspended,
  };
});

/** A tenant's keys, newest first, as the console lists them: never the hash, only the redacted key. */
const list = t.procedure.input(z.object({ tenant: tenantSchema })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
    db.query<{
      api_key_id: string;
      redacted_key: string;
      scopes: ApiKeyScope[] | null;
      created_at: Date;
      revoked_at: Date | null;
      expires_at: Date | null;
    }>(
      `SELECT api_key_id, redacted_key, scopes, created_at, revoked_at, expires_at FROM query.api_keys
       WHERE partner_id = $1 AND livemode = $2 ORDER BY created_at DESC, api_key_id DESC LIMIT 200`,
      [input.tenant.partnerId, input.tenant.livemode],
    ),
  );
  return rows.map((row) => ({
    id: row.api_key_id,
    redactedKey: row.redacted_key,
    kind: apiKeyKind(row.scopes),
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  }));
});

export const apiKeys = t.router({ authenticate, list });
