import { createHash } from "node:crypto";
import { loadEnv, platformEnv } from "@koban/config";
import { z } from "zod";
import { parseKeyRing, type VaultKeys } from "./vault.ts";

/** Fixed, public, and therefore worthless keys for local runs and tests; refused in production. */
const devOnlyKey = (purpose: string) =>
  createHash("sha256").update(`koban DEV ONLY, NOT SECRET: ${purpose}`).digest("base64");

export const DEV_ONLY_VAULT_KEYS = {
  CARD_VAULT_KEYS: `1:${devOnlyKey("card vault key 1")}`,
  PAN_DIGEST_KEY: devOnlyKey("PAN digest key"),
  CARD_CVV_KEY: devOnlyKey("CVV key"),
};
type VaultVariable = keyof typeof DEV_ONLY_VAULT_KEYS;

const keyRing = z.string().transform((text, ctx) => {
  try {
    return parseKeyRing(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const key = z
  .string()
  .refine((text) => Buffer.from(text, "base64").length === 32, "must be 32 bytes in base64")
  .transform((text) => Buffer.from(text, "base64"));

/**
 * The card vault's keys, read through a schema (failing with the name of a missing variable):
 * `CARD_VAULT_KEYS` (`1:<base64 32 bytes>,2:<…>`; the highest version encrypts), `PAN_DIGEST_KEY`
 * and `CARD_CVV_KEY` (base64, 32 bytes each). Outside production (KOBAN_ENV other than `prod`)
 * a missing one takes its dev-only default; in production none has a default, and the dev ones
 * are refused.
 */
export function loadVaultKeys(source: Record<string, string | undefined> = process.env): VaultKeys {
  const { KOBAN_ENV } = loadEnv({ KOBAN_ENV: platformEnv.KOBAN_ENV }, source);
  const production = KOBAN_ENV === "prod";
  const secret = <T extends z.ZodType<unknown, string>>(name: VaultVariable, schema: T) => {
    const notDev = z
      .string()
      .refine((value) => !production || value !== DEV_ONLY_VAULT_KEYS[name], "is the dev-only key")
      .pipe(schema);
    return production ? notDev : notDev.prefault(DEV_ONLY_VAULT_KEYS[name]);
  };
  const env = loadEnv(
    {
      CARD_VAULT_KEYS: secret("CARD_VAULT_KEYS", keyRing),
      PAN_DIGEST_KEY: secret("PAN_DIGEST_KEY", key),
      CARD_CVV_KEY: secret("CARD_CVV_KEY", key),
    },
    source,
  );
  return { encryption: env.CARD_VAULT_KEYS, panDigestKey: env.PAN_DIGEST_KEY, cvvKey: env.CARD_CVV_KEY };
}
