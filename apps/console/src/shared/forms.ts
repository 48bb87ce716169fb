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

/**
 * A new key's kind: standard (every scope, including ones Koban adds later) or restricted (only
 * the scopes ticked). The server checks the scopes against the ones it knows.
 */
export const createApiKeyForm = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("standard") }),
  z.object({
    kind: z.literal("restricted"),
    scopes: z
      .array(z.string().max(64))
      .min(1, "Tick at least one scope.")
      .max(100)
      .refine((list) => new Set(list).size === list.length, "A scope is ticked twice."),
  }),
]);
export type CreateApiKeyForm = z.infer<typeof createApiKeyForm>;

/** How long a rolled key keeps working: at once, an hour, a day, a week (partner's maximum). */
export const rollExpiries = [0, 3_600, 86_400, 604_800] as const;
export const rollApiKeyForm = z.object({
  expiresInSeconds: z.number().int().min(0, "Choose when the old key stops.").max(604_800, "At most 7 days."),
});

/** An event type, `type.*` or `*`; the server checks it against the public catalogue. */
const eventSelector = z.string().regex(/^(\*|[a-z_]+\.(\*|[a-z_]+))$/, "Choose events from the list.");

export const webhookEndpointForm = z.object({
  url: z.url({ protocol: /^https?$/, error: "Enter an http(s) URL." }).max(2048, "At most 2048 characters."),
  description: z.string().trim().max(500, "At most 500 characters.").nullable(),
  enabled_events: z
    .array(eventSelector)
    .min(1, "Choose at least one event.")
    .max(50, "At most 50 events.")
    .refine((list) => new Set(list).size === list.length, "An event is chosen twice."),
});
export type WebhookEndpointForm = z.infer<typeof webhookEndpointForm>;

/** How long the previous signing secret keeps signing after a rotation. */
export const secretGraceSeconds = [0, 3_600, 86_400, 604_800] as const;
export const rotateSecretForm = z.object({ expiresInSeconds: z.number().int().min(0).max(604_800) });

/** A partner member's roles, as server/permissions.ts grants them. */
export const teamRoles = ["admin", "operator", "read_only"] as const;
export const inviteMemberForm = z.object({
  email: z.email("Enter an email address.").max(254),
  role: z.enum(teamRoles, { error: "Choose a role." }),
});
export const invitationSignUpForm = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  password: z.string().min(10, "At least 10 characters.").max(128),
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
