import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new secret key: `kb_test_` or `kb_live_` and 32 base62 characters (190 bits). */
export function generateApiKey(livemode: boolean): { key: string; hash: string; redacted: string } {
  const bytes = randomBytes(32);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % 62];
  const key = `kb_${livemode ? "live" : "test"}_${body}`;
  return { key, hash: hashApiKey(key), redacted: `${key.slice(0, 8)}…${key.slice(-4)}` };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
