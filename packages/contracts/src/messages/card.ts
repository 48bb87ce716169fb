import { z } from "zod";
import { complianceHoldCommand, complianceHoldLifted, complianceHoldPlaced } from "../compliance-hold.ts";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";
import { spendControls } from "../spend-controls.ts";

const cardId = idSchema("card");
const cardholderId = idSchema("ch");
const programId = idSchema("prg");
/** Funding sources have no context yet; their ids already have their public shape. */
const fundingSourceId = idSchema("fs");

export const cardTypes = ["virtual", "physical"] as const;
export const cardStatuses = ["inactive", "active", "frozen", "closed"] as const;
/** Why a partner or staff closes a card. */
export const cardCloseReasons = ["lost", "stolen", "expired", "cardholder_request", "fraud"] as const;
/** `replaced`: closed by Koban when the damaged or expiring card's replacement was activated. */
export const cardClosedReasons = [...cardCloseReasons, "replaced"] as const;
export const cardReplacementReasons = ["lost", "stolen", "damaged", "expired"] as const;

const streamVersion = z.number().int().positive();

/**
 * What every card command answers: the card it wrote and the stream version it brought it to,
 * and any other card the same decision changed (a replacement's original), so that a reader
 * can wait for all of them.
 */
const cardWritten = z.object({
  card_id: cardId,
  stream_version: streamVersion,
  other_cards: z.array(z.object({ card_id: cardId, stream_version: streamVersion })).default([]),
});

export const IssueCard = defineCommand("IssueCard", {
  context: "card",
  schema: z.object({
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    type: z.enum(cardTypes),
    /** Absent: the program's default spend controls, copied onto the card. */
    spend_controls: spendControls.optional(),
    /** Absent or null: the program's funding source pays. */
    funding_source_id: fundingSourceId.nullable().optional(),
    /**
     * Which facts the card needs the sender had seen exist (in the owners' read models) when it
     * sent the command. `card`'s own copies can lag them: a fact seen is on its way, so `card`
     * waits for it rather than refusing. Absent: nothing seen; the copies are the whole truth.
     */
    facts_seen: z.object({ cardholder: z.boolean(), program: z.boolean() }).optional(),
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

/** Staff only (the console's compliance page): the card declines (`card_frozen`) until staff lift the hold. */
export const PlaceCardComplianceHold = defineCommand("PlaceCardComplianceHold", {
  context: "card",
  schema: onCard.extend(complianceHoldCommand),
  result: cardWritten,
});

export const LiftCardComplianceHold = defineCommand("LiftCardComplianceHold", {
  context: "card",
  schema: onCard.extend(complianceHoldCommand),
  result: cardWritten,
});

export const CardComplianceHoldPlaced = defineEvent("CardComplianceHoldPlaced", {
  context: "card",
  schema: onCard.extend(complianceHoldPlaced),
});

export const CardComplianceHoldLifted = defineEvent("CardComplianceHoldLifted", {
  context: "card",
  schema: onCard.extend(complianceHoldLifted),
});
