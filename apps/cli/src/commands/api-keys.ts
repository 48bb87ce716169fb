import { Command } from "commander";
import { createApiKey, listApiKeys, parseScopes, revokeApiKey, rollApiKey } from "../api-keys.ts";
import { withPool } from "../env.ts";

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function apiKeyCommands(): Command {
  const keys = new Command("key").description(
    "A partner's API keys; each change returns once the query side (and so the API) shows it",
  );
  keys
    .command("create")
    .description("Create an API key; prints it as JSON (the key is shown only this once)")
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .option("--live", "a live-mode key (default: test mode)")
    .option(
      "--scopes <list>",
      "make a restricted key with only these comma-separated scopes (default: a standard key, every scope now and later)",
    )
    .action((options: { partner: string; live?: boolean; scopes?: string }) =>
      withPool(async (pool) => {
        const scopes = options.scopes === undefined ? undefined : parseScopes(options.scopes);
        print(
          await createApiKey(pool, options.partner, { livemode: options.live === true, ...(scopes && { scopes }) }),
        );
      }),
    );
  keys
    .command("list")
    .description(
      "List a partner's keys: redacted, with kind (standard or restricted), scopes, mode and when each was created, expires, was revoked",
    )
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .action((options: { partner: string }) =>
      withPool(async (pool) => print(await listApiKeys(pool, options.partner))),
    );
  keys
    .command("roll")
    .description(
      "Replace a key with a new one of its kind and scopes (printed once); the old one works until it expires",
    )
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .requiredOption("--key <id>", "the key to roll (key_…)")
    .option("--expires-in <seconds>", "how long the old key keeps working, 0 to 604800", "86400")
    .action((options: { partner: string; key: string; expiresIn: string }) =>
      withPool(async (pool) => {
        const seconds = Number(options.expiresIn);
        print(await rollApiKey(pool, options.partner, options.key, seconds));
      }),
    );
  keys
    .command("revoke")
    .description("Revoke a key: it gets 401 from the moment this returns")
    .requiredOption("--partner <id>", "the partner (ptn_…)")
    .requiredOption("--key <id>", "the key to revoke (key_…)")
    .action((options: { partner: string; key: string }) =>
      withPool(async (pool) => print(await revokeApiKey(pool, options.partner, options.key))),
    );
  return keys;
}
