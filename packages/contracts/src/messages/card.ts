import { z } from "zod";
import { countryCode } from "../countries.ts";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const cardId = idSchema("card");
const cardholderId = idSchema("ch");
const programId = idSchema("prg");
/** Funding sources have no context yet; their ids already have their public shape. */
const fundingSourceId = z.string().regex(/^fs_[0-9a-hjkmnp-tv-z]{26}$/, "must be a fs_ id");

export const cardTypes = ["virtual", "physical"] as const;
export const cardStatuses = ["inactive", "active", "frozen", "closed"] as const;
/** Why a partner or staff closes a card. */
export const cardCloseReasons = ["lost", "stolen", "expired", "cardholder_request", "fraud"] as const;
/** `replaced`: closed by Koban when the damaged or expiring card's replacement was activated. */
export const cardClosedReasons = [...cardCloseReasons, "replaced"] as const;
export const cardReplacementReasons = ["lost", "stolen", "damaged", "expired"] as const;

const amountLimit = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable();
const countLimit = z.number().int().positive().max(1_000_000).nullable();
const mcc = z.string().regex(/^\d{4}$/, "must be a 4-digit merchant category code");

/**
 * Limits a card (and, later, a cardholder) puts on authorizations. Amounts are integers in the
 * minor unit of the program's currency; days and months are calendar ones in the program's time
 * zone. A null limit is no limit; an empty list is no restriction. Rules across fields (allowed
 * and blocked lists not both set, limits ordered) are the owning context's, not the schema's.
 */
export const spendControls = z.object({
  amount_limits: z.object({
    per_authorization: amountLimit,
    daily: amountLimit,
    monthly: amountLimit,
    lifetime: amountLimit,
  }),
  count_limits: z.object({ daily: countLimit, monthly: countLimit }),
  allowed_mccs: z.array(mcc).max(500),
  blocked_mccs: z.array(mcc).max(500),
  allowed_countries: z.array(countryCode).max(250),
  blocked_countries: z.array(countryCode).max(250),
});
export type SpendControls = z.infer<typeof spendControls>;

export const noSpendControls: SpendControls = {
  amount_limits: { per_authorization: null, daily: null, monthly: null, lifetime: null },
  count_limits: { daily: null, monthly: null },
  allowed_mccs: [],
  blocked_mccs: [],
  allowed_countries: [],
  blocked_countries: [],
};

/** What every card command answers: the card it wrote and the stream version it brought it to. */
const cardWritten = z.object({ card_id: cardId, stream_version: z.number().int().positive() });

export const IssueCard = defineCommand("IssueCard", {
  context: "card",
  schema: z.object({
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    type: z.enum(cardTypes),
    /** Absent: no controls of the card's own. */
    spend_controls: spendControls.optional(),
    /** Absent or null: the program's funding source pays. */
    funding_source_id: fundingSourceId.nullable().optional(),
  }),
  result: cardWritten,
});

const onCard = z.object({ card_id: cardId });

export const ActivateCard = defineCommand("ActivateCard", { context: "card", schema: onCard, result: cardWritten });
export const FreezeCard = defineCommand("FreezeCard", { context: "card", schema: onCard, result: cardWritten });
export const UnfreezeCard = defineCommand("UnfreezeCard", { context: "card", schema: onCard, result: cardWritten });

export const CloseCard = defineCommand("CloseCard", {
  context: "card",
  schema: onCard.extend({ reason: z.enum(cardCloseReasons) }),
  result: cardWritten,
});

/** A new card (new number and expiry) for the same cardholder, program, controls and funding. */
export const ReplaceCard = defineCommand("ReplaceCard", {
  context: "card",
  schema: onCard.extend({ replacement_card_id: cardId, reason: z.enum(cardReplacementReasons) }),
  /** card_id is the replacement's. */
  result: cardWritten,
});

/** The card's spend controls as they are to be, whole. */
export const UpdateCardSpendControls = defineCommand("UpdateCardSpendControls", {
  context: "card",
  schema: onCard.extend({ spend_controls: spendControls }),
  result: cardWritten,
});

/**
 * The PAN and CVV never travel: the event has the PAN's keyed digest (HMAC-SHA256, hex), which
 * `processing` computes the same way from what the network sends, and its last four digits.
 */
export const CardIssued = defineEvent("CardIssued", {
  context: "card",
  schema: z.object({
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    type: z.enum(cardTypes),
    status: z.literal("inactive"),
    pan_digest: z.string().regex(/^[0-9a-f]{64}$/),
    last4: z.string().regex(/^\d{4}$/),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2100),
    spend_controls: spendControls,
    funding_source_id: fundingSourceId.nullable(),
    replacement_for: cardId.nullable(),
    replacement_reason: z.enum(cardReplacementReasons).nullable(),
    created_at: z.iso.datetime(),
  }),
});

const statusChange = onCard.extend({ changed_at: z.iso.datetime() });

export const CardActivated = defineEvent("CardActivated", { context: "card", schema: statusChange });
export const CardFrozen = defineEvent("CardFrozen", { context: "card", schema: statusChange });
export const CardUnfrozen = defineEvent("CardUnfrozen", { context: "card", schema: statusChange });

export const CardClosed = defineEvent("CardClosed", {
  context: "card",
  schema: onCard.extend({ reason: z.enum(cardClosedReasons), closed_at: z.iso.datetime() }),
});

/** On the replaced card's stream; the replacement's own CardIssued names it in replacement_for. */
export const CardReplaced = defineEvent("CardReplaced", {
  context: "card",
  schema: onCard.extend({
    replacement_card_id: cardId,
    reason: z.enum(cardReplacementReasons),
    replaced_at: z.iso.datetime(),
  }),
});

export const CardSpendControlsChanged = defineEvent("CardSpendControlsChanged", {
  context: "card",
  schema: onCard.extend({ spend_controls: spendControls, changed_at: z.iso.datetime() }),
});
