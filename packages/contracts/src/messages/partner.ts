import { z } from "zod";
import { currencyCode } from "../currencies.ts";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";
import { apiKeyScopes, scopesOfKeyBeforeKinds } from "../scopes.ts";
import { spendControls } from "../spend-controls.ts";
import { timeZone } from "../time-zones.ts";

const partnerId = idSchema("ptn");
const apiKeyId = idSchema("key");
const programId = idSchema("prg");

const scopeList = z
  .array(z.enum(apiKeyScopes))
  .min(1)
  .refine((list) => new Set(list).size === list.length, "lists a scope twice");

/** null: a standard key (every scope, now and later); a list: a restricted key (those scopes only). */
const scopes = scopeList.nullable();

const newApiKey = z.object({
  api_key_id: apiKeyId,
  livemode: z.boolean(),
  key_hash: z.string().regex(/^[0-9a-f]{64}$/),
  redacted_key: z.string().min(8).max(40),
  scopes,
});

/**
 * A card program: the BIN range, currency and time zone a partner's cards are issued under, in
 * one mode (test programs use test BINs). Programs are set up by Koban's staff, not by partners.
 */
const newProgram = z.object({
  program_id: programId,
  livemode: z.boolean(),
  name: z.string().min(1).max(200),
  currency: currencyCode,
  /** The program's days and months (spend limits, settlement days) and the month its cards expire in. */
  timezone: timeZone,
  bin_prefix: z.string().regex(/^\d{6,8}$/, "must be 6 to 8 digits"),
  /** Visa numbers are 16 digits; `card`'s vault could make 13 to 19 should a scheme need them. */
  pan_length: z.literal(16),
  /** What a card issued without spend controls of its own starts with. */
  default_spend_controls: spendControls,
  /** Pays for cards with no funding source of their own; null until funding sources exist. */
  default_funding_source_id: idSchema("fs").nullable(),
});

/**
 * A partner may be created with its first key and its first program, so it is usable (and can
 * issue cards) the moment the command is handled.
 */
export const CreatePartner = defineCommand("CreatePartner", {
  context: "partner",
  schema: z.object({
    partner_id: partnerId,
    name: z.string().min(1).max(200),
    api_key: newApiKey.optional(),
    program: newProgram.optional(),
  }),
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
  schema: z.preprocess(
    readKeyMadeBeforeKinds,
    z.object({
      api_key_id: apiKeyId,
      partner_id: partnerId,
      livemode: z.boolean(),
      key_hash: z.string(),
      redacted_key: z.string(),
      /** null: a standard key (every scope, now and later); a list: a restricted key's scopes. */
      restricted_scopes: z.array(z.enum(apiKeyScopes)).nullable(),
      created_at: z.iso.datetime(),
    }),
  ),
});

/**
 * Events stored before keys had a kind carry `scopes` instead (or nothing, before scopes existed:
 * such keys could do everything). A key that listed every scope of its day was made to do
 * everything, so it reads as standard; any other list as restricted. A new field name, rather than
 * a new meaning for `scopes`, keeps a restricted key that happens to list an old full set restricted.
 */
function readKeyMadeBeforeKinds(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || "restricted_scopes" in raw) return raw;
  const { scopes, ...rest } = raw as { scopes?: unknown };
  const listed = z.array(z.enum(apiKeyScopes)).safeParse(scopes ?? []);
  if (!listed.success) return raw;
  return { ...rest, restricted_scopes: scopes === undefined ? null : scopesOfKeyBeforeKinds(listed.data) };
}

/** The command's tenant is the partner and mode the program is for. */
export const CreateProgram = defineCommand("CreateProgram", {
  context: "partner",
  schema: newProgram,
  result: z.object({ program_id: programId }),
});

/** On the program's own stream (`prg_…`), in the program's tenant. */
export const ProgramCreated = defineEvent("ProgramCreated", {
  context: "partner",
  schema: newProgram.extend({ partner_id: partnerId, created_at: z.iso.datetime() }),
});

/** The command's tenant is the partner and the key's mode. A revoked key stops working at once. */
export const RevokeApiKey = defineCommand("RevokeApiKey", {
  context: "partner",
  schema: z.object({ api_key_id: apiKeyId }),
  result: z.object({ api_key_id: apiKeyId }),
});

/** On the partner's stream. */
export const ApiKeyRevoked = defineEvent("ApiKeyRevoked", {
  context: "partner",
  schema: z.object({ api_key_id: apiKeyId, partner_id: partnerId, revoked_at: z.iso.datetime() }),
});

/** The longest an old key may keep working after it is rolled. */
export const maxRollExpirySeconds = 7 * 24 * 60 * 60;

/**
 * Replaces a key with a new one in the same mode; the old one keeps working for
 * `expires_in_seconds` (0 to 7 days, 24 hours by default), so callers can switch over. As with
 * CreateApiKey, the caller makes the new key and only its hash travels; its scopes are the old
 * key's unless given. The command's tenant is the partner and the key's mode.
 */
export const RollApiKey = defineCommand("RollApiKey", {
  context: "partner",
  schema: z.object({
    api_key_id: apiKeyId,
    new_api_key: z.object({
      api_key_id: apiKeyId,
      key_hash: newApiKey.shape.key_hash,
      redacted_key: newApiKey.shape.redacted_key,
      /** The old key's kind and scopes unless given. */
      scopes: scopes.optional(),
    }),
    expires_in_seconds: z.number().int().min(0).max(maxRollExpirySeconds).default(86_400),
  }),
  result: z.object({ api_key_id: apiKeyId }),
});

/**
 * On the partner's stream, followed by the new key's ApiKeyCreated: a key comes into being only
 * by ApiKeyCreated, however it is made. The old key stops working at `expires_at`.
 */
export const ApiKeyRolled = defineEvent("ApiKeyRolled", {
  context: "partner",
  schema: z.object({
    api_key_id: apiKeyId,
    partner_id: partnerId,
    new_api_key_id: apiKeyId,
    expires_at: z.iso.datetime(),
    rolled_at: z.iso.datetime(),
  }),
});

/**
 * Koban's staff stop a partner: its API keys are refused (403 partner_suspended) until it is
 * reactivated. On the partner's stream; no tenant (a partner is both its modes).
 */
export const SuspendPartner = defineCommand("SuspendPartner", {
  context: "partner",
  schema: z.object({ partner_id: partnerId, reason: z.string().min(3).max(500) }),
  result: z.object({ partner_id: partnerId }),
});

export const ReactivatePartner = defineCommand("ReactivatePartner", {
  context: "partner",
  schema: z.object({ partner_id: partnerId }),
  result: z.object({ partner_id: partnerId }),
});

export const PartnerSuspended = defineEvent("PartnerSuspended", {
  context: "partner",
  schema: z.object({ partner_id: partnerId, reason: z.string(), suspended_at: z.iso.datetime() }),
});

export const PartnerReactivated = defineEvent("PartnerReactivated", {
  context: "partner",
  schema: z.object({ partner_id: partnerId, reactivated_at: z.iso.datetime() }),
});
