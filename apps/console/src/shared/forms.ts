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

const minorUnits = z
  .number({ error: "Enter a whole number." })
  .int("Enter a whole number.")
  .positive("Must be more than 0.")
  .max(Number.MAX_SAFE_INTEGER, "Too large.");

/** A load moves money from the program's funding to a cardholder's balance; an unload moves it back. */
export const transferForm = z.object({
  type: z.enum(["load", "unload"], { error: "Choose load or unload." }),
  cardholderId: z.string().regex(/^ch_[0-9A-Za-z]+$/, "Choose a cardholder."),
  amount: minorUnits,
});
export type TransferForm = z.infer<typeof transferForm>;

/** Test mode only: money made up to arrive in the program's funding. */
export const depositForm = z.object({
  amount: minorUnits,
  description: z.string().trim().max(500, "At most 500 characters.").optional(),
});
