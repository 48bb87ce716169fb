import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Encryption keys by version, from configuration: the newest encrypts, every listed one
 * decrypts, so a key can be rotated by adding a version and re-encrypting at leisure.
 */
export interface KeyRing {
  readonly current: number;
  readonly keys: ReadonlyMap<number, Buffer>;
}

/** A secret as stored: AES-256-GCM ciphertext, with the key version, IV and tag needed to open it. */
export interface Sealed {
  ciphertext: Buffer;
  keyVersion: number;
  iv: Buffer;
  tag: Buffer;
}

export class KeyRingError extends Error {
  override name = "KeyRingError";
}

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Parses `1:<base64 of 32 bytes>,2:<…>`. */
export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<number, Buffer>();
  for (const entry of text.split(",").map((part) => part.trim())) {
    const match = /^(\d+):(.+)$/.exec(entry);
    if (!match) throw new KeyRingError("each key must be written <version>:<base64 key>");
    const version = Number(match[1]);
    const key = Buffer.from(match[2] ?? "", "base64");
    if (version < 1) throw new KeyRingError("key versions start at 1");
    if (key.length !== KEY_BYTES) throw new KeyRingError(`key version ${version} must be ${KEY_BYTES} bytes`);
    if (keys.has(version)) throw new KeyRingError(`key version ${version} is listed twice`);
    keys.set(version, key);
  }
  return { current: Math.max(...keys.keys()), keys };
}

/**
 * `owner` (the id of the row the secret belongs to) is the additional authenticated data: a
 * ciphertext copied onto another row does not open there.
 */
export function seal(ring: KeyRing, owner: string, plaintext: string): Sealed {
  const key = ring.keys.get(ring.current);
  if (!key) throw new KeyRingError(`no key of version ${ring.current}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(owner));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext, keyVersion: ring.current, iv, tag: cipher.getAuthTag() };
}

export function open(ring: KeyRing, owner: string, sealed: Sealed, what = `the secret of ${owner}`): string {
  const key = ring.keys.get(sealed.keyVersion);
  if (!key) throw new KeyRingError(`no key of version ${sealed.keyVersion} to open ${what}`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyRingError(`${what} does not authenticate`);
  }
}

/** A fixed, public, and therefore worthless key for local runs and tests; refused in production. */
export function devOnlyKey(purpose: string): string {
  return createHash("sha256").update(`koban DEV ONLY, NOT SECRET: ${purpose}`).digest("base64");
}

/** A key ring variable, checked as it is read. */
export const keyRingSchema = z.string().transform((text, ctx) => {
  try {
    return parseKeyRing(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** A single key variable: 32 bytes in base64. */
export const keySchema = z
  .string()
  .refine((text) => Buffer.from(text, "base64").length === 32, "must be 32 bytes in base64")
  .transform((text) => Buffer.from(text, "base64"));

/**
 * A secret variable: outside production it defaults to its dev-only value; in production it has
 * no default and the dev-only value is refused.
 */
export function secretVariable<T>(schema: z.ZodType<T, string>, devValue: string, production: boolean) {
  const notDev = z
    .string()
    .refine((value) => !production || value !== devValue, "is the dev-only key")
    .pipe(schema);
  return production ? notDev : notDev.prefault(devValue);
}

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}
