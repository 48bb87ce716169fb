import { z } from "zod";

/**
 * The console's forms, declared once: the page checks them as the user types and the server
 * checks them again (the server's word is final; the page only answers sooner).
 */

const amount = z
  .number({ error: "Enter a whole number." })
  .int("Enter a whole number.")
  .positive("Must be more than 0.")
  .max(Number.MAX_SAFE_INTEGER)
  .nullable();

const mcc = z.string().regex(/^\d{4}$/, "Each code is 4 digits.");

export const spendControlsForm = z
  .object({
    per_authorization: amount,
    daily: amount,
    monthly: amount,
    blocked_mccs: z.array(mcc).max(500),
  })
  .superRefine((value, ctx) => {
    const order = [
      ["per_authorization", value.per_authorization],
      ["daily", value.daily],
      ["monthly", value.monthly],
    ] as const;
    let widest: number | null = null;
    for (const [field, limit] of order) {
      if (limit === null) continue;
      if (widest !== null && limit < widest) {
        ctx.addIssue({ code: "custom", path: [field], message: "Must not be below a shorter period's limit." });
      }
      widest = Math.max(widest ?? 0, limit);
    }
    if (new Set(value.blocked_mccs).size !== value.blocked_mccs.length) {
      ctx.addIssue({ code: "custom", path: ["blocked_mccs"], message: "A code is listed twice." });
    }
  });
export type SpendControlsForm = z.infer<typeof spendControlsForm>;

export const cardTypes = ["virtual", "physical"] as const;
export const closeReasons = ["lost", "stolen", "expired", "cardholder_request", "fraud"] as const;
export const replaceReasons = ["lost", "stolen", "damaged", "expired"] as const;

export const issueCardForm = z.object({
  cardholderId: z.string().regex(/^ch_[0-9A-Za-z]+$/, "Choose a cardholder."),
  type: z.enum(cardTypes, { error: "Choose virtual or physical." }),
});

export const apiKeyForm = z.object({
  /** What the key is for, shown in the list; not part of the key. */
  note: z.string().trim().max(100).optional(),
});

export const kycDecisionForm = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve") }),
  z.object({ decision: z.literal("reject"), reason: z.string().trim().min(3, "Give a reason.").max(500) }),
  z.object({
    decision: z.literal("request_documents"),
    reason: z.string().trim().min(3, "Say which documents.").max(500),
  }),
]);

/** Turns a zod error into `{ field: message }`, the shape forms show inline. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export const staffModes = ["test", "live"] as const;

/** A new partner with its first program and API key, in one mode (test: the sandbox). */
export const createPartnerForm = z.object({
  name: z.string().trim().min(1, "Give the partner's name.").max(200),
  mode: z.enum(staffModes, { error: "Choose test or live." }),
  programName: z.string().trim().min(1, "Give the program a name.").max(200),
  currency: z.string().regex(/^[A-Z]{3}$/, "Three capital letters, like JPY."),
  timezone: z.string().trim().min(1, "Give a time zone, like Asia/Tokyo.").max(64),
  binPrefix: z.string().regex(/^\d{6,8}$/, "6 to 8 digits."),
});
export type CreatePartnerForm = z.infer<typeof createPartnerForm>;

/** Why staff suspend a partner, a cardholder or a card: kept in the audit log (and the partner's event). */
export const suspensionForm = z.object({
  reason: z.string().trim().min(3, "Give a reason.").max(500),
});
