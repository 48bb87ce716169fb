import {
  devOnlyKey,
  generateSigningSecret,
  type KeyRing,
  loadKeyRingVariable,
  open,
  type Sealed,
  seal,
} from "@koban/config";
import type { SecretVault } from "../application/ports.ts";

export const DEV_ONLY_FUNDING_SECRET_KEYS = `1:${devOnlyKey("funding secret key 1")}`;

/** `FUNDING_SECRET_KEYS`: the key ring gateway signing secrets are sealed with. */
export const loadFundingSecretKeys = (source: Record<string, string | undefined> = process.env): KeyRing =>
  loadKeyRingVariable("FUNDING_SECRET_KEYS", DEV_ONLY_FUNDING_SECRET_KEYS, source);

/** The source id is the associated data: a secret moved to another row does not open. */
const owner = (sourceId: string) => `funding:${sourceId}`;

/** Secrets sealed with AES-256-GCM under the key ring, read the first time one is sealed or opened. */
export function sqlSecretVault(keys: () => KeyRing): SecretVault {
  return {
    async create(db, sourceId, now) {
      const sealed = seal(keys(), owner(sourceId), generateSigningSecret());
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
