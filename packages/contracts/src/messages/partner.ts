import { z } from "zod";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const partnerId = idSchema("ptn");
const apiKeyId = idSchema("key");

const newApiKey = z.object({
  api_key_id: apiKeyId,
  livemode: z.boolean(),
  key_hash: z.string().regex(/^[0-9a-f]{64}$/),
  redacted_key: z.string().min(8).max(40),
});

/** A partner may be created with its first key, so it is usable the moment the command is handled. */
export const CreatePartner = defineCommand("CreatePartner", {
  context: "partner",
  schema: z.object({ partner_id: partnerId, name: z.string().min(1).max(200), api_key: newApiKey.optional() }),
  result: z.object({ partner_id: partnerId }),
});

export const PartnerCreated = defineEvent("PartnerCreated", {
  context: "partner",
  schema: z.object({ partner_id: partnerId, name: z.string(), created_at: z.iso.datetime() }),
});

/**
 * The caller makes the key and shows it once; only its hash travels, so the
 * secret never reaches a message, the outbox or Redis.
 */
export const CreateApiKey = defineCommand("CreateApiKey", {
  context: "partner",
  schema: newApiKey,
  result: z.object({ api_key_id: apiKeyId }),
});

export const ApiKeyCreated = defineEvent("ApiKeyCreated", {
  context: "partner",
  schema: z.object({
    api_key_id: apiKeyId,
    partner_id: partnerId,
    livemode: z.boolean(),
    key_hash: z.string(),
    redacted_key: z.string(),
    created_at: z.iso.datetime(),
  }),
});
