import { z } from "zod";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const cardholderId = idSchema("ch");

export const cardholderTypes = ["individual", "business"] as const;
export const cardholderStatuses = ["active", "suspended", "closed"] as const;
export const kycStatuses = ["pending", "verified", "rejected", "needs_review"] as const;

export const cardholderDetails = z.object({
  type: z.enum(cardholderTypes),
  /** Individuals may belong to a business cardholder of the same tenant (corporate cards). */
  business_id: cardholderId.nullable(),
  individual: z.object({ first_name: z.string(), last_name: z.string() }).nullable(),
  business: z.object({ legal_name: z.string() }).nullable(),
  email: z.string().nullable(),
  phone_number: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type CardholderDetails = z.infer<typeof cardholderDetails>;

export const RegisterCardholder = defineCommand("RegisterCardholder", {
  context: "cardholder",
  schema: cardholderDetails.extend({ cardholder_id: cardholderId }),
  result: z.object({ cardholder_id: cardholderId, stream_version: z.number().int().positive() }),
});

export const CardholderRegistered = defineEvent("CardholderRegistered", {
  context: "cardholder",
  schema: cardholderDetails.extend({
    cardholder_id: cardholderId,
    status: z.enum(cardholderStatuses),
    kyc_status: z.enum(kycStatuses),
    created_at: z.iso.datetime(),
  }),
});
