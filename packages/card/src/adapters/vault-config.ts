import { devOnlyKey, keyRingSchema, keySchema, loadEnv, platformEnv, secretVariable } from "@koban/config";
import type { VaultKeys } from "./vault.ts";

export const DEV_ONLY_VAULT_KEYS = {
  CARD_VAULT_KEYS: `1:${devOnlyKey("card vault key 1")}`,
  PAN_DIGEST_KEY: devOnlyKey("PAN digest key"),
  CARD_CVV_KEY: devOnlyKey("CVV key"),
};

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
  const env = loadEnv(
    {
      CARD_VAULT_KEYS: secretVariable(keyRingSchema, DEV_ONLY_VAULT_KEYS.CARD_VAULT_KEYS, production),
      PAN_DIGEST_KEY: secretVariable(keySchema, DEV_ONLY_VAULT_KEYS.PAN_DIGEST_KEY, production),
      CARD_CVV_KEY: secretVariable(keySchema, DEV_ONLY_VAULT_KEYS.CARD_CVV_KEY, production),
    },
    source,
  );
  return { encryption: env.CARD_VAULT_KEYS, panDigestKey: env.PAN_DIGEST_KEY, cvvKey: env.CARD_CVV_KEY };
}
