import { createHmac } from "node:crypto";

/**
 * HMAC-SHA256 of a card number under PAN_DIGEST_KEY, hex: the digest `card` keeps for each
 * card it issues (CardIssued's `pan_digest`), so a record finds its card and the number goes no
 * further than the line it was read from.
 */
export function panDigest(key: Buffer, pan: string): string {
  return createHmac("sha256", key).update(pan).digest("hex");
}
