import { createHmac } from "node:crypto";
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

/**
 * HMAC-SHA256 of a card number under PAN_DIGEST_KEY, hex. `card` keeps it for each card it issues;
 * `processing` and `clearing` find cards by it from what the network sends. One definition, so
 * the three always agree, and the number goes no further than where it arrived.
 */
export function panDigest(key: Buffer, pan: string): string {
  return createHmac("sha256", key).update(pan).digest("hex");
}

/**
 * The CVV2 as `card` compares it (AuthorizationRequested's `cvv2_digest`): keyed and bound to the
 * number, so a digest from one card says nothing about another's code.
 */
export function cvv2Digest(key: Buffer, pan: string, cvv2: string): string {
  return createHmac("sha256", key).update(`cvv2:${pan}:${cvv2}`).digest("hex");
}
