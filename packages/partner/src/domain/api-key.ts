import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new secret key: `kb_test_` or `kb_live_` and 32 base62 characters (~190 bits). */
export function generateApiKey(livemode: boolean): { key: string; hash: string; redacted: string } {
  let body = "";
  while (body.length < 32) {
    // Bytes of 248 and above are skipped, so every character is equally likely.
    for (const byte of randomBytes(32)) if (byte < 248 && body.length < 32) body += ALPHABET[byte % 62];
  }
  const key = `kb_${livemode ? "live" : "test"}_${body}`;
  return { key, hash: hashApiKey(key), redacted: `${key.slice(0, 8)}…${key.slice(-4)}` };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
