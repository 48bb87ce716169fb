import { createHmac } from "node:crypto";
import { type KeyRing, KeyRingError, open, parseKeyRing, type Sealed, seal } from "@koban/config";

/** The card context's secrets. Nothing outside adapters/ ever holds them. */
export interface VaultKeys {
  encryption: KeyRing;
  /** HMAC key of PAN digests; `processing` holds the same key to digest what the network sends. */
  panDigestKey: Buffer;
  /** The key security codes are derived with. */
  cvvKey: Buffer;
}

/** A PAN as stored: AES-256-GCM ciphertext, with the key version, IV and tag needed to open it. */
export type SealedPan = Sealed;

export { KeyRingError as VaultError, parseKeyRing };

/** The card id is the additional authenticated data: a ciphertext copied onto another card's row does not open there. */
export function sealPan(ring: KeyRing, cardId: string, pan: string): SealedPan {
  return seal(ring, cardId, pan);
}

export function openPan(ring: KeyRing, cardId: string, sealed: SealedPan): string {
  return open(ring, cardId, sealed, `the vault entry of card ${cardId}`);
}

export { cvv2Digest, panDigest } from "@koban/config";

/**
 * The card security code for a PAN and expiry: HMAC-SHA256 over PAN, YYMM and service code 000,
 * decimalised as the card schemes' CVV method does (the digest's decimal digits first, then its
 * letters a–f as 0–5), first three digits. Derived on demand, never stored. A production issuer
 * computes CVV2 in its HSM with the scheme's CVK (3DES) algorithm; this is its stand-in.
 */
export function deriveCvv(key: Buffer, pan: string, expMonth: number, expYear: number): string {
  const yymm = `${String(expYear % 100).padStart(2, "0")}${String(expMonth).padStart(2, "0")}`;
  const hex = createHmac("sha256", key).update(`${pan}${yymm}000`).digest("hex");
  const digits = hex.replace(/[a-f]/g, "");
  const letters = hex.replace(/\d/g, "").replace(/[a-f]/g, (letter) => String(letter.charCodeAt(0) - 97));
  return (digits + letters).slice(0, 3);
}
