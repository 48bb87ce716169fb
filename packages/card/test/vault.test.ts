import { randomBytes } from "node:crypto";
import { ConfigError } from "@koban/config";
import { noSpendControls } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { deriveCvv, openPan, panDigest, parseKeyRing, sealPan, VaultError } from "../src/adapters/vault.ts";
import { DEV_ONLY_VAULT_KEYS, loadVaultKeys } from "../src/adapters/vault-config.ts";
import { sqlCardVault } from "../src/adapters/vault-repository.ts";
import { luhnValid } from "../src/domain/pan.ts";

const key = () => randomBytes(32).toString("base64");
const pan = "4242429912345678";
const cardId = "card_01m8ayvv4mez1rqnr8s04eww7a";

describe("the vault's encryption", () => {
  it("round-trips a PAN; what it stores is not the PAN", () => {
    const ring = parseKeyRing(`1:${key()}`);
    const sealed = sealPan(ring, cardId, pan);
    expect(sealed.keyVersion).toBe(1);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext.toString("utf8")).not.toContain(pan);
    expect(openPan(ring, cardId, sealed)).toBe(pan);
    // A fresh IV each time: the same number never looks the same twice.
    expect(sealPan(ring, cardId, pan).ciphertext.equals(sealed.ciphertext)).toBe(false);
  });

  it("rotates: the newest version encrypts, older ones still decrypt", () => {
    const v1 = key();
    const old = parseKeyRing(`1:${v1}`);
    const sealedBefore = sealPan(old, cardId, pan);
    const rotated = parseKeyRing(`2:${key()}, 1:${v1}`);
    expect(rotated.current).toBe(2);
    expect(openPan(rotated, cardId, sealedBefore)).toBe(pan);
    const sealedAfter = sealPan(rotated, cardId, pan);
    expect(sealedAfter.keyVersion).toBe(2);
    expect(openPan(rotated, cardId, sealedAfter)).toBe(pan);
    // Retired version 1: what it sealed no longer opens.
    expect(() => openPan(parseKeyRing(`2:${key()}`), cardId, sealedBefore)).toThrow(/no key of version 1/);
  });

  it("fails with the wrong key under a version's name", () => {
    const sealed = sealPan(parseKeyRing(`1:${key()}`), cardId, pan);
    expect(() => openPan(parseKeyRing(`1:${key()}`), cardId, sealed)).toThrow(VaultError);
  });

  it("rejects tampering: a changed byte of ciphertext, tag or IV, or another card's row", () => {
    const ring = parseKeyRing(`1:${key()}`);
    const sealed = sealPan(ring, cardId, pan);
    const flip = (buffer: Buffer) => {
      const copy = Buffer.from(buffer);
      copy[0] = (copy[0] ?? 0) ^ 1;
      return copy;
    };
    expect(() => openPan(ring, cardId, { ...sealed, ciphertext: flip(sealed.ciphertext) })).toThrow(/authenticate/);
    expect(() => openPan(ring, cardId, { ...sealed, tag: flip(sealed.tag) })).toThrow(/authenticate/);
    expect(() => openPan(ring, cardId, { ...sealed, iv: flip(sealed.iv) })).toThrow(/authenticate/);
    expect(() => openPan(ring, "card_01m8ayvv4mez1rqnr8s04eww7b", sealed)).toThrow(/authenticate/);
  });

  it.each([
    ["a key of the wrong size", `1:${randomBytes(16).toString("base64")}`, /must be 32 bytes/],
    ["an entry without a version", key(), /<version>:<base64 key>/],
    ["a version twice", `1:${key()},1:${key()}`, /listed twice/],
    ["version 0", `0:${key()}`, /start at 1/],
  ])("refuses a key ring with %s", (_, text, message) => {
    expect(() => parseKeyRing(text)).toThrow(message);
  });
});

describe("digests and security codes", () => {
  const digestKey = randomBytes(32);
  const cvvKey = randomBytes(32);

  it("digests a PAN with a key: stable, hex, and useless without the key", () => {
    expect(panDigest(digestKey, pan)).toMatch(/^[0-9a-f]{64}$/);
    expect(panDigest(digestKey, pan)).toBe(panDigest(digestKey, pan));
    expect(panDigest(randomBytes(32), pan)).not.toBe(panDigest(digestKey, pan));
  });

  it("derives a 3-digit CVV, the same every time for the same card, key and expiry", () => {
    const cvv = deriveCvv(cvvKey, pan, 11, 2029);
    expect(cvv).toMatch(/^\d{3}$/);
    expect(deriveCvv(cvvKey, pan, 11, 2029)).toBe(cvv);
    // Across many cards, every code is three digits and they spread over the range.
    const codes = Array.from({ length: 2_000 }, (_, i) =>
      deriveCvv(cvvKey, `42424299${String(i).padStart(8, "0")}`, 1, 2030),
    );
    for (const code of codes) expect(code).toMatch(/^\d{3}$/);
    expect(new Set(codes).size).toBeGreaterThan(800);
  });

  it("gives another code for another expiry or key", () => {
    const codes = new Set(
      [2029, 2030, 2031, 2032].flatMap((year) => [1, 6, 12].map((month) => deriveCvv(cvvKey, pan, month, year))),
    );
    expect(codes.size).toBeGreaterThan(6);
    const keys = new Set(Array.from({ length: 12 }, () => deriveCvv(randomBytes(32), pan, 11, 2029)));
    expect(keys.size).toBeGreaterThan(6);
  });
});

describe("the vault's configuration", () => {
  it("outside production, takes the dev-only keys for what is not set", () => {
    const keys = loadVaultKeys({ KOBAN_ENV: "dev" });
    expect(keys.encryption.current).toBe(1);
    expect(keys.panDigestKey.toString("base64")).toBe(DEV_ONLY_VAULT_KEYS.PAN_DIGEST_KEY);
  });

  it("reads a rotated key ring and keys from the environment", () => {
    const digest = key();
    const keys = loadVaultKeys({
      KOBAN_ENV: "staging",
      CARD_VAULT_KEYS: `1:${key()},3:${key()}`,
      PAN_DIGEST_KEY: digest,
      CARD_CVV_KEY: key(),
    });
    expect([keys.encryption.current, [...keys.encryption.keys.keys()]]).toEqual([3, [1, 3]]);
    expect(keys.panDigestKey.toString("base64")).toBe(digest);
  });

  it("in production, names every missing key and has no defaults", () => {
    const load = () => loadVaultKeys({ KOBAN_ENV: "prod", PAN_DIGEST_KEY: key() });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/CARD_VAULT_KEYS is missing; CARD_CVV_KEY is missing/);
  });

  it("in production, refuses the dev-only keys", () => {
    const load = () => loadVaultKeys({ KOBAN_ENV: "prod", ...DEV_ONLY_VAULT_KEYS });
    expect(load).toThrow(/CARD_VAULT_KEYS is invalid: is the dev-only key/);
  });

  it("names a malformed variable", () => {
    expect(() => loadVaultKeys({ CARD_VAULT_KEYS: "1:short" })).toThrow(
      /CARD_VAULT_KEYS is invalid: key version 1 must be 32 bytes/,
    );
    expect(() => loadVaultKeys({ CARD_CVV_KEY: "nope" })).toThrow(/CARD_CVV_KEY is invalid/);
  });
});

describe("issuing a number into the vault", () => {
  const program = {
    id: "prg_x",
    binPrefix: "42424299",
    panLength: 16,
    timezone: "Asia/Tokyo",
    defaultSpendControls: noSpendControls,
  };

  /** A database whose unique digest index reports the first `taken` inserts as conflicts. */
  function database(taken: number) {
    const inserts: unknown[][] = [];
    const db = {
      query: async (_sql: string, params: unknown[]) => {
        inserts.push(params);
        return { rowCount: inserts.length > taken ? 1 : 0, rows: [] };
      },
    };
    return { db: db as never, inserts };
  }

  it("generates another number when the digest is taken, and stores only the sealed one", async () => {
    const keys = loadVaultKeys({});
    const { db, inserts } = database(2);
    const issued = await sqlCardVault(() => keys).issuePan(db, cardId, program);
    expect(inserts).toHaveLength(3);
    const [, ciphertext, version, iv, tag, digest] = inserts[2] as [string, Buffer, number, Buffer, Buffer, string];
    expect(digest).toBe(issued.digest);
    const stored = openPan(keys.encryption, cardId, { ciphertext, keyVersion: version, iv, tag });
    expect(luhnValid(stored)).toBe(true);
    expect(stored.slice(-4)).toBe(issued.last4);
    expect(panDigest(keys.panDigestKey, stored)).toBe(issued.digest);
    expect(new Set(inserts.map((params) => params[5])).size).toBe(3);
  });

  it("gives up when the BIN range seems full", async () => {
    await expect(sqlCardVault(() => loadVaultKeys({})).issuePan(database(100).db, cardId, program)).rejects.toThrow(
      /no free card number on BIN 42424299/,
    );
  });
});
