import { type ApiKeyScope, CreatePartner, newId, type PayloadOf } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { generateApiKey } from "@koban/partner";
import { programPayload, testProgram } from "./programs.ts";

export interface PartnerOptions {
  /** The scopes of a restricted test key; a standard key (every scope, now and later) by default. */
  scopes?: readonly ApiKeyScope[];
}

/**
 * Creates a partner with a test-mode key and a test program (so it can issue cards at once)
 * by sending the partner context its command through the facade's outbox, like any other
 * write: the running workers apply it. The key's secret never leaves this process; only its
 * hash is in the command.
 */
export async function createPartnerWithKey(pool: Pool, name: string, options: PartnerOptions = {}) {
  const key = generateApiKey(false);
  const apiKey = {
    api_key_id: newId("key"),
    livemode: false,
    key_hash: key.hash,
    redacted_key: key.redacted,
    scopes: options.scopes ? [...options.scopes] : null,
  };
  const program = programPayload(testProgram);
  const payload: PayloadOf<typeof CreatePartner> = { partner_id: newId("ptn"), name, api_key: apiKey, program };
  const command = createCommand(CreatePartner, payload, { source: "cli", tenant: null });
  await transaction(pool, (tx) => appendToOutbox(tx, "api", [command]));
  return {
    partner_id: payload.partner_id,
    api_key: key.key,
    api_key_id: apiKey.api_key_id,
    program_id: program.program_id,
  };
}
