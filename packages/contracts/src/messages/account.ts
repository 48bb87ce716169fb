import { z } from "zod";
import { currencyCode } from "../currencies.ts";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const accountId = idSchema("acct");
const programId = idSchema("prg");
const cardholderId = idSchema("ch");
const transferId = idSchema("tr");
const holdId = idSchema("hold");
const depositId = idSchema("dep");

/**
 * The ledger's accounts. A program's funding and a cardholder's prepaid balance are what Koban
 * owes (credit-normal, never below zero but by a forced post); the platform's own, per tenant
 * and currency: `platform_clearing` (money from or to outside Koban: deposits, withdrawals),
 * `network_settlement` (what the card network is owed for holds and posts), `revenue`, `suspense`.
 */
export const accountKinds = [
  "program_funding",
  "cardholder_prepaid",
  "platform_clearing",
  "network_settlement",
  "revenue",
  "suspense",
] as const;

/** Amounts are integers in the currency's minor unit (yen for JPY, cents for USD). */
export const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * An account's balance after a movement, TigerBeetle's four sums and their reading for the
 * account's normal side: `posted` (settled), `pending` (reserved by holds), `available`
 * (posted − pending). `sequence` counts the account's movements, so a read model receiving
 * balances out of order keeps the newest.
 */
export const accountBalance = z.object({
  account_id: accountId,
  kind: z.enum(accountKinds),
  sequence: z.number().int().nonnegative(),
  debits_pending: z.number().int(),
  debits_posted: z.number().int(),
  credits_pending: z.number().int(),
  credits_posted: z.number().int(),
  posted: z.number().int(),
  pending: z.number().int(),
  available: z.number().int(),
});

/** What a hold debits: a program's funding account, or a cardholder's prepaid balance in a currency. */
export const holdSource = z.discriminatedUnion("type", [
  z.object({ type: z.literal("program"), program_id: programId }),
  z.object({ type: z.literal("cardholder"), cardholder_id: cardholderId }),
]);

/** Money from outside Koban reaches a program's funding account (staff in live mode; simulated in test mode). */
export const RecordDeposit = defineCommand("RecordDeposit", {
  context: "account",
  schema: z.object({
    deposit_id: depositId,
    program_id: programId,
    amount: minorUnits,
    currency: currencyCode,
    description: z.string().max(500).nullable().default(null),
  }),
  result: z.object({ deposit_id: depositId, funding: accountBalance }),
});

/** Between a program's funding account and a cardholder's prepaid balance, in the program's currency. */
export const TransferFunds = defineCommand("TransferFunds", {
  context: "account",
  schema: z.object({
    transfer_id: transferId,
    program_id: programId,
    cardholder_id: cardholderId,
    direction: z.enum(["to_cardholder", "to_program"]),
    amount: minorUnits,
    currency: currencyCode,
  }),
  result: z.object({ transfer_id: transferId, funding: accountBalance, prepaid: accountBalance }),
});

const holdResult = z.object({
  hold_id: holdId,
  status: z.enum(["pending", "posted", "voided", "expired"]),
  amount: minorUnits,
  posted_amount: z.number().int().nonnegative(),
  debit: accountBalance,
  credit: accountBalance,
});

/** Reserves funds for `expires_in_seconds`; posted, voided or expired later. Never overspends the balance. */
export const PlaceHold = defineCommand("PlaceHold", {
  context: "account",
  schema: z.object({
    hold_id: holdId,
    source: holdSource,
    amount: minorUnits,
    currency: currencyCode,
    expires_in_seconds: z
      .number()
      .int()
      .positive()
      .max(60 * 60 * 24 * 31),
    /** What the hold is for (an authorization's id), kept with it. */
    reference: z.string().max(200).nullable().default(null),
  }),
  result: holdResult,
});

/** Posts a pending hold, in full (no amount) or in part (the rest is released). `transfer_id` makes it idempotent. */
export const PostHold = defineCommand("PostHold", {
  context: "account",
  schema: z.object({ hold_id: holdId, transfer_id: transferId, amount: minorUnits.optional() }),
  result: holdResult,
});

export const VoidHold = defineCommand("VoidHold", {
  context: "account",
  schema: z.object({ hold_id: holdId, transfer_id: transferId }),
  result: holdResult,
});

/** On the account's stream, version 1. */
export const AccountOpened = defineEvent("AccountOpened", {
  context: "account",
  schema: z.object({
    account_id: accountId,
    kind: z.enum(accountKinds),
    /** The program or cardholder it belongs to; null for the platform's own. */
    owner_id: z.string().nullable(),
    currency: currencyCode,
    normal_side: z.enum(["debit", "credit"]),
    debits_must_not_exceed_credits: z.boolean(),
    opened_at: z.iso.datetime(),
  }),
});

/** Every movement names both sides, its amount and currency, and both balances after it. */
const movement = z.object({
  amount: z.number().int().nonnegative(),
  currency: currencyCode,
  debit: accountBalance,
  credit: accountBalance,
});

/** On the deposit's stream. */
export const DepositRecorded = defineEvent("DepositRecorded", {
  context: "account",
  schema: movement.extend({
    deposit_id: depositId,
    program_id: programId,
    description: z.string().nullable(),
    recorded_at: z.iso.datetime(),
  }),
});

/** On the transfer's stream. */
export const FundsTransferred = defineEvent("FundsTransferred", {
  context: "account",
  schema: movement.extend({
    transfer_id: transferId,
    program_id: programId,
    cardholder_id: cardholderId,
    direction: z.enum(["to_cardholder", "to_program"]),
    transferred_at: z.iso.datetime(),
  }),
});

/** On the hold's stream, version 1; then one of posted, voided or expired, version 2. */
export const HoldPlaced = defineEvent("HoldPlaced", {
  context: "account",
  schema: movement.extend({
    hold_id: holdId,
    source: holdSource,
    reference: z.string().nullable(),
    expires_at: z.iso.datetime(),
    placed_at: z.iso.datetime(),
  }),
});

/** `amount` is what was posted; `released` what went back to the balance. */
export const HoldPosted = defineEvent("HoldPosted", {
  context: "account",
  schema: movement.extend({
    hold_id: holdId,
    transfer_id: transferId,
    released: z.number().int().nonnegative(),
    posted_at: z.iso.datetime(),
  }),
});

/** `amount` is what was released. */
export const HoldVoided = defineEvent("HoldVoided", {
  context: "account",
  schema: movement.extend({ hold_id: holdId, transfer_id: transferId, voided_at: z.iso.datetime() }),
});

/** `amount` is what was released. */
export const HoldExpired = defineEvent("HoldExpired", {
  context: "account",
  schema: movement.extend({ hold_id: holdId, expired_at: z.iso.datetime() }),
});
