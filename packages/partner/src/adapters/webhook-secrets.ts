import {
  devOnlyKey,
  generateSigningSecret,
  type KeyRing,
  loadKeyRingVariable,
  open,
  type Sealed,
  seal,
} from "@koban/config";
import type { Queryable } from "@koban/db";
import type { SecretVault } from "../application/webhook-ports.ts";

export const DEV_ONLY_WEBHOOK_SECRET_KEYS = `1:${devOnlyKey("webhook secret key 1")}`;

/** `WEBHOOK_SECRET_KEYS`: the key ring signing secrets are sealed with. */
export const loadWebhookSecretKeys = (source: Record<string, string | undefined> = process.env): KeyRing =>
  loadKeyRingVariable("WEBHOOK_SECRET_KEYS", DEV_ONLY_WEBHOOK_SECRET_KEYS, source);

/** The endpoint and generation are the associated data: a secret moved to another row does not open. */
const owner = (endpointId: string, generation: number) => `${endpointId}#${generation}`;

/**
 * Secrets sealed with AES-256-GCM under the key ring (encrypted, not hashed: they sign). The
 * ring is read the first time a secret is sealed or opened.
 */
export function sqlSecretVault(keys: () => KeyRing): SecretVault {
  return {
    async create(db, endpointId, generation, now) {
      const sealed = seal(keys(), owner(endpointId, generation), generateSigningSecret());
      await db.query(
        `INSERT INTO partner.webhook_secrets (endpoint_id, generation, ciphertext, key_version, iv, tag, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [endpointId, generation, sealed.ciphertext, sealed.keyVersion, sealed.iv, sealed.tag, now],
      );
    },

    async expireForRotation(db, endpointId, graceEnds) {
      const { rows } = await db.query<{ generation: number }>(
        "SELECT generation FROM partner.webhook_secrets WHERE endpoint_id = $1 ORDER BY generation DESC FOR UPDATE",
        [endpointId],
      );
      const current = rows[0]?.generation ?? 0;
      await db.query(
        `UPDATE partner.webhook_secrets SET expires_at = CASE WHEN generation = $2 THEN $3::timestamptz
           ELSE least(coalesce(expires_at, now()), now()) END
         WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
        [endpointId, current, graceEnds],
      );
      return current + 1;
    },

    async destroy(db, endpointId) {
      await db.query("DELETE FROM partner.webhook_secrets WHERE endpoint_id = $1", [endpointId]);
    },

    async signing(db: Queryable, endpointId: string) {
      const { rows } = await db.query<{
        generation: number;
        ciphertext: Buffer;
        key_version: number;
        iv: Buffer;
        tag: Buffer;
        expires_at: Date | null;
      }>(
        `SELECT generation, ciphertext, key_version, iv, tag, expires_at FROM partner.webhook_secrets
         WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > now()) ORDER BY generation DESC`,
        [endpointId],
      );
      return rows.map((row) => {
        const sealed: Sealed = { ciphertext: row.ciphertext, keyVersion: row.key_version, iv: row.iv, tag: row.tag };
        return {
          secret: open(keys(), owner(endpointId, row.generation), sealed, `the signing secret of ${endpointId}`),
          expiresAt: row.expires_at,
        };
      });
    },
  };
}
