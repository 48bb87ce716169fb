import { randomBytes } from "node:crypto";
import {
  devOnlyKey,
  type KeyRing,
  keyRingSchema,
  loadEnv,
  open,
  platformEnv,
  type Sealed,
  seal,
  secretVariable,
} from "@koban/config";
import type { SecretVault } from "../application/ports.ts";

export const DEV_ONLY_FUNDING_SECRET_KEYS = `1:${devOnlyKey("funding secret key 1")}`;

/**
 * `FUNDING_SECRET_KEYS` (`1:<base64 32 bytes>,2:<…>`; the highest version encrypts): the keys
 * gateway signing secrets are sealed with. A dev-only default outside production, none in it.
 */
export function loadFundingSecretKeys(source: Record<string, string | undefined> = process.env): KeyRing {
  const { KOBAN_ENV } = loadEnv({ KOBAN_ENV: platformEnv.KOBAN_ENV }, source);
  const production = KOBAN_ENV === "prod";
  return loadEnv(
    { FUNDING_SECRET_KEYS: secretVariable(keyRingSchema, DEV_ONLY_FUNDING_SECRET_KEYS, production) },
    source,
  ).FUNDING_SECRET_KEYS;
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function generateFundingSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The source id is the associated data: a secret moved to another row does not open. */
const owner = (sourceId: string) => `funding:${sourceId}`;

/** Secrets sealed with AES-256-GCM under the key ring, read the first time one is sealed or opened. */
export function sqlSecretVault(keys: () => KeyRing): SecretVault {
  return {
    async create(db, sourceId, now) {
      const sealed = seal(keys(), owner(sourceId), generateFundingSecret());
      await db.query(
        `INSERT INTO funding.source_secrets (source_id, ciphertext, key_version, iv, tag, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [sourceId, sealed.ciphertext, sealed.keyVersion, sealed.iv, sealed.tag, now],
      );
    },

    async open(db, sourceId) {
      const { rows } = await db.query<{ ciphertext: Buffer; key_version: number; iv: Buffer; tag: Buffer }>(
        "SELECT ciphertext, key_version, iv, tag FROM funding.source_secrets WHERE source_id = $1",
        [sourceId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const sealed: Sealed = { ciphertext: row.ciphertext, keyVersion: row.key_version, iv: row.iv, tag: row.tag };
      return open(keys(), owner(sourceId), sealed, `the signing secret of ${sourceId}`);
    },
  };
}
