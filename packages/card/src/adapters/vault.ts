import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/** Encryption keys by version: the newest encrypts, every listed one decrypts (so keys can rotate). */
export interface KeyRing {
  readonly current: number;
  readonly keys: ReadonlyMap<number, Buffer>;
}

/** The card context's secrets. Nothing outside adapters/ ever holds them. */
export interface VaultKeys {
  encryption: KeyRing;
  /** HMAC key of PAN digests; `processing` holds the same key to digest what the network sends. */
  panDigestKey: Buffer;
  /** The key security codes are derived with. */
  cvvKey: Buffer;
}

/** A PAN as stored: AES-256-GCM ciphertext, with the key version, IV and tag needed to open it. */
export interface SealedPan {
  ciphertext: Buffer;
  keyVersion: number;
  iv: Buffer;
  tag: Buffer;
}

export class VaultError extends Error {
  override name = "VaultError";
}

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Parses `1:<base64 of 32 bytes>,2:<…>`. */
export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<number, Buffer>();
  for (const entry of text.split(",").map((part) => part.trim())) {
    const match = /^(\d+):(.+)$/.exec(entry);
    if (!match) throw new VaultError("each key must be written <version>:<base64 key>");
    const version = Number(match[1]);
    const key = Buffer.from(match[2] ?? "", "base64");
    if (version < 1) throw new VaultError("key versions start at 1");
    if (key.length !== KEY_BYTES) throw new VaultError(`key version ${version} must be ${KEY_BYTES} bytes`);
    if (keys.has(version)) throw new VaultError(`key version ${version} is listed twice`);
    keys.set(version, key);
  }
  return { current: Math.max(...keys.keys()), keys };
}

/**
 * The card id is the additional authenticated data: a ciphertext copied onto another card's
 * row does not open there.
 */
export function sealPan(ring: KeyRing, cardId: string, pan: string): SealedPan {
  const key = ring.keys.get(ring.current);
  if (!key) throw new VaultError(`no key of version ${ring.current}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(cardId));
  const ciphertext = Buffer.concat([cipher.update(pan, "utf8"), cipher.final()]);
  return { ciphertext, keyVersion: ring.current, iv, tag: cipher.getAuthTag() };
}

export function openPan(ring: KeyRing, cardId: string, sealed: SealedPan): string {
  const key = ring.keys.get(sealed.keyVersion);
  if (!key) throw new VaultError(`no key of version ${sealed.keyVersion} to open card ${cardId}`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
    decipher.setAAD(Buffer.from(cardId));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultError(`the vault entry of card ${cardId} does not authenticate`);
  }
}

/** HMAC-SHA256 of the PAN, hex: finds a card by its number, and keeps numbers unique, without the number. */
export function panDigest(key: Buffer, pan: string): string {
  return createHmac("sha256", key).update(pan).digest("hex");
}

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
