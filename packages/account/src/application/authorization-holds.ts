import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationHoldResult,
  AuthorizationHoldSettled,
  AuthorizationReversed,
  authorizationPartStream,
  type DeclineReason,
  DomainError,
  FundingDecided,
  type holdSource,
  newId,
  type ParticipantResult,
  type Tenant,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { type HandlerContext, onEvent } from "@koban/messaging";
import type { z } from "zod";
import { tenantOf } from "./handlers.ts";
import type { LedgerStore } from "./ledger-store.ts";
import { type Emit, placeHold, resolveHold } from "./operations.ts";

/** account's part of an authorization, as stored. */
export interface AuthorizationHold {
  authorizationId: string;
  holdId: string | null;
  state: "trying" | "confirmed" | "canceled";
  /** What the hold debits (null when no hold was placed). */
  holdSource: HoldSource | null;
  /** For an incremental authorization: the one it adds to. */
  incrementOf: string | null;
}

type HoldSource = z.infer<typeof holdSource>;

export interface AuthorizationHoldStore {
  /** The part, locked, or undefined if account has seen nothing of this authorization yet. */
  lock(db: Queryable, tenant: Tenant, authorizationId: string): Promise<AuthorizationHold | undefined>;
  /** The part and its increments' parts (in id order), all locked in one statement. */
  lockWithIncrements(
    db: Queryable,
    tenant: Tenant,
    authorizationId: string,
  ): Promise<{ part: AuthorizationHold | undefined; increments: AuthorizationHold[] }>;
  insert(db: Queryable, tenant: Tenant, part: AuthorizationHold): Promise<void>;
  settle(db: Queryable, authorizationId: string, state: "confirmed" | "canceled"): Promise<void>;
  /** The hold that now stands for the authorization (after a partial reversal), or null (fully reversed). */
  replaceHold(db: Queryable, authorizationId: string, holdId: string | null): Promise<void>;
}

/** The ledger's refusals a saga hears as a decline; anything else it cannot decide is a Failure. */
const declines: Record<string, DeclineReason> = {
  insufficient_funds: "insufficient_funds",
  account_not_found: "insufficient_funds",
  currency_mismatch: "do_not_honor",
  program_not_found: "do_not_honor",
};

/**
 * Places the hold in a savepoint, so a refusal leaves nothing behind (not even an account it
 * opened on the way), and publishes what it emitted only once the hold is in.
 */
async function tryHold(
  ledger: LedgerStore,
  context: HandlerContext,
  run: (emit: Emit) => Promise<unknown>,
): Promise<ParticipantResult> {
  const emitted: Array<Parameters<Emit>> = [];
  try {
    await ledger.savepoint(context.tx, "authorization_hold", () => run((...args) => emitted.push(args)));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reason = declines[error.code];
    return reason ? { outcome: "ng", reason } : { outcome: "failure", error: error.message.slice(0, 500) };
  }
  for (const args of emitted) context.emit(...args);
  return { outcome: "ok" };
}

/**
 * `funding` said yes: place the hold it asks for and tell `processing` (the money result). A
 * decline already seen (the decider's deadline passed first) places nothing.
 */
export const holdForFundedAuthorization = (ledger: LedgerStore, parts: AuthorizationHoldStore) =>
  onEvent(FundingDecided, async (event, context) => {
    const p = event.payload;
    if (p.result.outcome !== "ok" || !p.hold_source) return;
    const tenant = tenantOf(event);
    if (await parts.lock(context.tx, tenant, p.authorization_id)) return;
    const holdId = newId("hold");
    const now = new Date();
    const result = await tryHold(ledger, context, (emit) =>
      placeHold(
        ledger,
        context.tx,
        tenant,
        {
          hold_id: holdId,
          source: p.hold_source as NonNullable<typeof p.hold_source>,
          amount: p.amount,
          currency: p.currency,
          expires_in_seconds: p.hold_expires_in_seconds,
          reference: p.authorization_id,
        },
        emit,
        now,
        event.correlationId,
      ),
    );
    const placed = result.outcome === "ok" ? holdId : null;
    await parts.insert(context.tx, tenant, {
      authorizationId: p.authorization_id,
      holdId: placed,
      state: "trying",
      holdSource: placed ? p.hold_source : null,
      incrementOf: p.increment_of ?? null,
    });
    context.emit(
      AuthorizationHoldResult,
      { authorization_id: p.authorization_id, hold_id: placed, result, decided_at: now.toISOString() },
      { id: authorizationPartStream(p.authorization_id, "account"), version: 1 },
    );
  });

async function settle(
  ledger: LedgerStore,
  parts: AuthorizationHoldStore,
  context: HandlerContext,
  tenant: Tenant,
  authorizationId: string,
  state: "confirmed" | "canceled",
): Promise<void> {
  const part = await parts.lock(context.tx, tenant, authorizationId);
  if (!part) {
    // Nothing placed yet: remember the decline, so a late funding decision holds nothing.
    if (state === "canceled") {
      await parts.insert(context.tx, tenant, {
        authorizationId,
        holdId: null,
        state,
        holdSource: null,
        incrementOf: null,
      });
    }
    return;
  }
  if (part.state !== "trying") return;
  const now = new Date();
  if (state === "canceled" && part.holdId) {
    // A hold that has expired meanwhile has released its amount already.
    const [hold] = (await ledger.holds(context.tx, tenant, [part.holdId])).values();
    if (hold?.status === "pending") {
      const request = { type: "void_pending" as const, holdId: part.holdId, transferId: newId("tr") };
      await resolveHold(ledger, context.tx, tenant, request, context.emit, now);
    }
  }
  await parts.settle(context.tx, authorizationId, state);
  context.emit(
    AuthorizationHoldSettled,
    { authorization_id: authorizationId, hold_id: part.holdId, state, settled_at: now.toISOString() },
    { id: authorizationPartStream(authorizationId, "account"), version: 2 },
  );
}

/** Approved: the hold stays pending until clearing posts it, a reversal releases it or it expires. */
export const confirmAuthorizationHold = (ledger: LedgerStore, parts: AuthorizationHoldStore) =>
  onEvent(AuthorizationApproved, (event, context) =>
    settle(ledger, parts, context, tenantOf(event), event.payload.authorization_id, "confirmed"),
  );

/** Declined: the hold, if one was placed, is voided. */
export const cancelAuthorizationHold = (ledger: LedgerStore, parts: AuthorizationHoldStore) =>
  onEvent(AuthorizationDeclined, (event, context) =>
    settle(ledger, parts, context, tenantOf(event), event.payload.authorization_id, "canceled"),
  );

/**
 * The network undid all or part of an approved authorization: the hold is voided, and what stays
 * authorized (`remaining_amount`) is held again, on the same balance until the same expiry, in
 * the same transaction (so the released part is what becomes available).
 */
export const releaseReversedHold = (ledger: LedgerStore, parts: AuthorizationHoldStore) =>
  onEvent(AuthorizationReversed, async (event, context) => {
    const tenant = tenantOf(event);
    const p = event.payload;
    const part = await parts.lock(context.tx, tenant, p.authorization_id);
    if (!part?.holdId || !part.holdSource) return;
    const [hold] = (await ledger.holds(context.tx, tenant, [part.holdId])).values();
    if (hold?.status !== "pending") return;
    // A redelivered or older reversal asks for no less than what is held: nothing to do.
    if (p.remaining_amount >= hold.amount) return;
    const now = new Date();
    await resolveHold(
      ledger,
      context.tx,
      tenant,
      { type: "void_pending", holdId: hold.id, transferId: newId("tr") },
      context.emit,
      now,
    );
    let remainder: string | null = null;
    if (p.remaining_amount > 0) {
      remainder = newId("hold");
      const seconds = Math.max(1, Math.ceil((Date.parse(hold.expiresAt) - now.getTime()) / 1000));
      await placeHold(
        ledger,
        context.tx,
        tenant,
        {
          hold_id: remainder,
          source: part.holdSource,
          amount: p.remaining_amount,
          currency: hold.currency,
          expires_in_seconds: seconds,
          reference: p.authorization_id,
        },
        context.emit,
        now,
        event.correlationId,
      );
    }
    await parts.replaceHold(context.tx, p.authorization_id, remainder);
  });
