import { z } from "zod";
import { complianceHoldCommand, complianceHoldLifted, complianceHoldPlaced } from "../compliance-hold.ts";
import { countryCode } from "../countries.ts";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";
import { noSpendControls, spendControls } from "../spend-controls.ts";

const cardholderId = idSchema("ch");

export const cardholderTypes = ["individual", "business"] as const;
export const cardholderStatuses = ["active", "suspended", "closed"] as const;
export const kycStatuses = ["pending", "verified", "rejected", "needs_review"] as const;
/** The outcomes a KYC check can record (pending is only where a cardholder starts). */
export const kycResults = ["verified", "rejected", "needs_review"] as const;
/** Who decided a KYC result: the partner's own KYC, the sandbox's simulation, or Koban's compliance staff. */
export const kycSources = ["partner", "simulation", "staff"] as const;

export const addressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().nullable(),
  city: z.string().min(1),
  state: z.string().nullable(),
  postal_code: z.string().min(1),
  country: countryCode,
});
export type Address = z.infer<typeof addressSchema>;

export const cardholderDetails = z.object({
  type: z.enum(cardholderTypes),
  /** Individuals may belong to a business cardholder of the same tenant (corporate cards). */
  business_id: cardholderId.nullable(),
  individual: z.object({ first_name: z.string(), last_name: z.string() }).nullable(),
  business: z.object({ legal_name: z.string() }).nullable(),
  email: z.string().nullable(),
  phone_number: z.string().nullable(),
  address: addressSchema.nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type CardholderDetails = z.infer<typeof cardholderDetails>;

/** What every cardholder command answers: the stream version it brought the cardholder to. */
const cardholderWritten = z.object({ cardholder_id: cardholderId, stream_version: z.number().int().positive() });

/** A partner that runs its own KYC vouches for the cardholder as it registers it. */
export const partnerKycAttestation = z.object({
  method: z.literal("partner"),
  /** When the partner verified the person; null for "now". */
  verified_at: z.iso.datetime().nullable(),
  /** The partner's own reference for its check, for audits. */
  reference: z.string().nullable(),
});

/**
 * The cardholder's own limits on the authorizations of all its cards, enforced by `cardholder`
 * (a card's own are `card`'s). Absent, as in messages from before there were any: none.
 */
const cardholderSpendControls = spendControls.default(noSpendControls);

export const RegisterCardholder = defineCommand("RegisterCardholder", {
  context: "cardholder",
  schema: cardholderDetails.extend({
    cardholder_id: cardholderId,
    kyc: partnerKycAttestation.nullable(),
    spend_controls: cardholderSpendControls,
  }),
  result: cardholderWritten,
});

/** PATCH semantics: an absent field stays as it is; null clears it; a metadata key set to null is removed. */
export const UpdateCardholder = defineCommand("UpdateCardholder", {
  context: "cardholder",
  schema: z.object({
    cardholder_id: cardholderId,
    email: z.string().nullable().optional(),
    phone_number: z.string().nullable().optional(),
    address: addressSchema.nullable().optional(),
    individual: z.object({ first_name: z.string().optional(), last_name: z.string().optional() }).optional(),
    metadata: z.record(z.string(), z.string().nullable()).optional(),
    status: z.enum(cardholderStatuses).optional(),
    /** Replaces the cardholder's spend controls whole. */
    spend_controls: spendControls.optional(),
  }),
  result: cardholderWritten,
});

export const RecordKycResult = defineCommand("RecordKycResult", {
  context: "cardholder",
  schema: z.object({
    cardholder_id: cardholderId,
    status: z.enum(kycResults),
    reason: z.string().nullable(),
    source: z.enum(kycSources),
  }),
  result: cardholderWritten,
});

export const CardholderRegistered = defineEvent("CardholderRegistered", {
  context: "cardholder",
  schema: cardholderDetails.extend({
    cardholder_id: cardholderId,
    status: z.enum(cardholderStatuses),
    kyc_status: z.enum(kycStatuses),
    spend_controls: cardholderSpendControls,
    created_at: z.iso.datetime(),
  }),
});

/** The contact as it is after the change: all three fields, changed or not. */
export const CardholderContactChanged = defineEvent("CardholderContactChanged", {
  context: "cardholder",
  schema: z.object({
    cardholder_id: cardholderId,
    email: z.string().nullable(),
    phone_number: z.string().nullable(),
    address: addressSchema.nullable(),
    changed_at: z.iso.datetime(),
  }),
});

export const CardholderNameChanged = defineEvent("CardholderNameChanged", {
  context: "cardholder",
  schema: z.object({
    cardholder_id: cardholderId,
    individual: z.object({ first_name: z.string(), last_name: z.string() }),
    changed_at: z.iso.datetime(),
  }),
});

/** The whole metadata after the change. */
export const CardholderMetadataChanged = defineEvent("CardholderMetadataChanged", {
  context: "cardholder",
  schema: z.object({
    cardholder_id: cardholderId,
    metadata: z.record(z.string(), z.string()),
    changed_at: z.iso.datetime(),
  }),
});

/** The cardholder's spend controls as they are after the change, whole. */
export const CardholderSpendControlsChanged = defineEvent("CardholderSpendControlsChanged", {
  context: "cardholder",
  schema: z.object({ cardholder_id: cardholderId, spend_controls: spendControls, changed_at: z.iso.datetime() }),
});

const kycDecision = z.object({
  cardholder_id: cardholderId,
  source: z.enum(kycSources),
  reason: z.string().nullable(),
  /** When the check concluded (for a partner's attestation, the time it gave). */
  decided_at: z.iso.datetime(),
});

export const CardholderKycVerified = defineEvent("CardholderKycVerified", {
  context: "cardholder",
  schema: kycDecision.extend({ reference: z.string().nullable() }),
});

export const CardholderKycRejected = defineEvent("CardholderKycRejected", {
  context: "cardholder",
  schema: kycDecision,
});

export const CardholderKycReviewRequested = defineEvent("CardholderKycReviewRequested", {
  context: "cardholder",
  schema: kycDecision,
});

const statusChange = z.object({ cardholder_id: cardholderId, changed_at: z.iso.datetime() });

export const CardholderSuspended = defineEvent("CardholderSuspended", { context: "cardholder", schema: statusChange });

export const CardholderReactivated = defineEvent("CardholderReactivated", {
  context: "cardholder",
  schema: statusChange,
});

export const CardholderClosed = defineEvent("CardholderClosed", { context: "cardholder", schema: statusChange });

/**
 * Staff only (the console's compliance page): every card of the cardholder declines
 * (`cardholder_inactive`) until staff lift the hold.
 */
export const PlaceCardholderComplianceHold = defineCommand("PlaceCardholderComplianceHold", {
  context: "cardholder",
  schema: z.object({ cardholder_id: cardholderId, ...complianceHoldCommand }),
  result: cardholderWritten,
});

export const LiftCardholderComplianceHold = defineCommand("LiftCardholderComplianceHold", {
  context: "cardholder",
  schema: z.object({ cardholder_id: cardholderId, ...complianceHoldCommand }),
  result: cardholderWritten,
});

export const CardholderComplianceHoldPlaced = defineEvent("CardholderComplianceHoldPlaced", {
  context: "cardholder",
  schema: z.object({ cardholder_id: cardholderId, ...complianceHoldPlaced }),
});

export const CardholderComplianceHoldLifted = defineEvent("CardholderComplianceHoldLifted", {
  context: "cardholder",
  schema: z.object({ cardholder_id: cardholderId, ...complianceHoldLifted }),
});
