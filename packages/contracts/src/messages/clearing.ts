import { z } from "zod";
import { currencyCode } from "../currencies.ts";
import { defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";
import { accountBalance, minorUnits } from "./account.ts";
import { merchantSchema } from "./authorization.ts";

/**
 * The clearing saga (ARCHITECTURE.md, "Clearing runs the same way"). The network's clearing
 * file carries one record per presentment or refund. `clearing` deduplicates each record by its
 * network ids, matches a presentment to its authorization from its own copy of processing's
 * authorization events, and publishes TransactionCleared (its Trying part) on the transaction's
 * stream (`txn_…`, version 1). `account` posts it in the ledger (it alone knows whether the hold
 * is still live) and publishes ClearingPosted, or ClearingPostingRefused when it cannot, on
 * `txn_…:account`. `clearing` then confirms its record. Daily, `clearing` sums each tenant's
 * posted transactions into a settlement (SettlementCalculated, on `stl_…`), which `account`
 * posts between the network settlement account and the platform's clearing account
 * (SettlementPosted, on `stl_…:account`): the day's net leaves Koban for the network. (The
 * program's funding is not touched again: its money reached the cardholders' balances when they
 * were loaded, and the postings have already taken it from there.)
 */

const transactionId = idSchema("txn");
const settlementId = idSchema("stl");
const authorizationId = idSchema("auth");
const cardId = idSchema("card");
const cardholderId = idSchema("ch");
const programId = idSchema("prg");
const holdId = idSchema("hold");
const transferId = idSchema("tr");

/** A calendar day, `YYYY-MM-DD`. */
export const calendarDay = z.iso.date();

/** A presentment takes money from the card's balance; a refund (or credit) gives it back. */
export const clearingRecordKinds = ["presentment", "refund"] as const;

/** What a posted transaction is, as the API and settlements count them. */
export const transactionTypes = ["purchase", "refund", "force_post"] as const;
export type TransactionType = (typeof transactionTypes)[number];

/** The network's ids of a record: its own (acquirer reference number) and, where it has one, its authorization's. */
export const clearingNetworkIds = z.object({
  /** Acquirer reference number: the record's own id, 23 digits, unique per record kind. */
  arn: z.string().regex(/^\d{23}$/),
  /** The authorization's STAN and RRN, when the record names one. */
  authorization: z.object({ stan: z.string().regex(/^\d{6}$/), rrn: z.string().regex(/^[0-9A-Za-z]{12}$/) }).nullable(),
});

/**
 * A record accepted and matched: on the transaction's stream, version 1, in the card's tenant.
 * `authorization_id` is null for a record naming no authorization `clearing` knows of (a
 * presentment is then force posted). `sequence` of `count`: several presentments of one
 * authorization; the hold is drawn down by each and what is left released after the last.
 */
export const TransactionCleared = defineEvent("TransactionCleared", {
  context: "clearing",
  schema: z.object({
    transaction_id: transactionId,
    kind: z.enum(clearingRecordKinds),
    authorization_id: authorizationId.nullable(),
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    amount: minorUnits,
    currency: currencyCode,
    /** The authorized amount, when matched (so `account` can tell a tip within tolerance from more). */
    authorized_amount: minorUnits.nullable(),
    sequence: z.number().int().min(1).max(99),
    count: z.number().int().min(1).max(99),
    merchant: merchantSchema,
    network: clearingNetworkIds,
    /** Interchange the network pays the issuer on this record (0 when none). */
    fee: z.number().int().nonnegative(),
    settlement_date: calendarDay,
    /** The clearing file and line it came in on. */
    file_id: z.string().min(1).max(64),
    line: z.number().int().positive(),
    cleared_at: z.iso.datetime(),
  }),
});

/**
 * `account` posted a cleared transaction: on `txn_…:account`, version 1. For a purchase, what
 * the hold gave (`from_hold`), what the last presentment released, and any excess above the
 * hold (a tip) posted beside it; a force post takes its whole amount with no hold. `shortfall`
 * is how far below zero this took the balance: what the partner owes.
 */
export const ClearingPosted = defineEvent("ClearingPosted", {
  context: "account",
  schema: z.object({
    transaction_id: transactionId,
    type: z.enum(transactionTypes),
    authorization_id: authorizationId.nullable(),
    hold_id: holdId.nullable(),
    amount: minorUnits,
    currency: currencyCode,
    from_hold: z.number().int().nonnegative(),
    released: z.number().int().nonnegative(),
    excess: z.number().int().nonnegative(),
    forced: z.boolean(),
    shortfall: z.number().int().nonnegative(),
    fee: z.number().int().nonnegative(),
    /**
     * Every balance the posting moved, after it: first the cardholder's or program's the money
     * left or came back to, then the network settlement account (and revenue, for interchange).
     */
    balances: z.array(accountBalance).min(1),
    /** The ledger transfers it wrote (a hold kept for the next presentment is one: `hold_…`). */
    transfer_ids: z.array(z.string().max(64)).min(1),
    posted_at: z.iso.datetime(),
  }),
});

/** `account` could not post (no balance in that currency, say): left for staff, shown by reconciliation. */
export const ClearingPostingRefused = defineEvent("ClearingPostingRefused", {
  context: "account",
  schema: z.object({
    transaction_id: transactionId,
    code: z.string().max(100),
    message: z.string().max(500),
    refused_at: z.iso.datetime(),
  }),
});

/** One kind of line in a settlement: how many, and their sum. */
const settlementLine = z.object({ count: z.number().int().nonnegative(), amount: z.number().int().nonnegative() });

export const settlementTotals = z.object({
  purchases: settlementLine,
  refunds: settlementLine,
  force_posts: settlementLine,
  fees: settlementLine,
  /** What force posts took below zero: owed by the partner. */
  shortfall: z.number().int().nonnegative(),
  /**
   * What Koban pays the network for the day: purchases + force posts − refunds − fees. Negative
   * when the network owes Koban.
   */
  net_amount: z.number().int(),
});
export type SettlementTotals = z.infer<typeof settlementTotals>;

/**
 * A tenant's settlement for one day (in its programs' time zone) and currency: on the
 * settlement's stream, version 1. The same day asked again is the same settlement.
 */
export const SettlementCalculated = defineEvent("SettlementCalculated", {
  context: "clearing",
  schema: z.object({
    settlement_id: settlementId,
    date: calendarDay,
    currency: currencyCode,
    time_zone: z.string().min(1).max(64),
    totals: settlementTotals,
    transaction_count: z.number().int().nonnegative(),
    /** How many SettlementTransactionsListed follow (versions 2 to chunks + 1). */
    chunks: z.number().int().nonnegative(),
    calculated_at: z.iso.datetime(),
  }),
});

/** Which transactions a settlement counts, a chunk of at most 1,000 at a time: versions 2 onwards of its stream. */
export const SettlementTransactionsListed = defineEvent("SettlementTransactionsListed", {
  context: "clearing",
  schema: z.object({
    settlement_id: settlementId,
    chunk: z.number().int().positive(),
    transaction_ids: z.array(transactionId).min(1).max(1_000),
  }),
});

/** `account` posted the settlement's net amount: on `stl_…:account`, version 1. */
export const SettlementPosted = defineEvent("SettlementPosted", {
  context: "account",
  schema: z.object({
    settlement_id: settlementId,
    date: calendarDay,
    currency: currencyCode,
    net_amount: z.number().int(),
    /** Null when the net amount is zero (nothing to move). */
    transfer_id: transferId.nullable(),
    /** The network settlement and platform clearing accounts after it (none when nothing moved). */
    balances: z.array(accountBalance),
    posted_at: z.iso.datetime(),
  }),
});
