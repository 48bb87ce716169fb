import { createHmac } from "node:crypto";

/**
 * HMAC-SHA256 of the card number under PAN_DIGEST_KEY, hex: the same digest `card` keeps for
 * each card it issues, so the gateway finds a card without either side holding its number.
 */
export function panDigest(key: Buffer, pan: string): string {
  return createHmac("sha256", key).update(pan).digest("hex");
}

/**
 * The CVV2 as `card` checks it (AuthorizationRequested's `cvv2_digest`): keyed and bound to the
 * number, so a digest from one card says nothing about another's code.
 */
export function cvv2Digest(key: Buffer, pan: string, cvv2: string): string {
  return createHmac("sha256", key).update(`cvv2:${pan}:${cvv2}`).digest("hex");
}

/** ISO 8583 field 14, YYMM, as the card's expiry month (the card is good through its last day). */
export function parseExpiry(yymm: string): { month: number; year: number } | undefined {
  const match = /^(\d{2})(\d{2})$/.exec(yymm);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return { month, year: 2000 + Number(match[1]) };
}
