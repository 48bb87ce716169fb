import { loadEnv, platformEnv } from "./index.ts";
import { devOnlyKey, keySchema, secretVariable } from "./key-ring.ts";

/**
 * The PAN digest key's dev-only default. `card` (which digests the numbers it issues) and
 * `processing` (which digests the numbers the network sends) must hold the same key, and neither
 * may import the other, so the default lives here; card's own DEV_ONLY_VAULT_KEYS derives the
 * same value from the same purpose string.
 */
export const DEV_ONLY_PAN_DIGEST_KEY = devOnlyKey("PAN digest key");

/**
 * `PAN_DIGEST_KEY` (base64, 32 bytes): HMAC-SHA256 key of PAN and CVV2 digests. Outside
 * production a missing one takes the dev-only default; in production it has none, and the dev
 * one is refused.
 */
export function loadPanDigestKey(source: Record<string, string | undefined> = process.env): Buffer {
  const { KOBAN_ENV } = loadEnv({ KOBAN_ENV: platformEnv.KOBAN_ENV }, source);
  return loadEnv({ PAN_DIGEST_KEY: secretVariable(keySchema, DEV_ONLY_PAN_DIGEST_KEY, KOBAN_ENV === "prod") }, source)
    .PAN_DIGEST_KEY;
}
