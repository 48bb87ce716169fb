import { panDigest } from "@koban/config";
import { AuthorizationAdvised, AuthorizationReversed, newId, newMessageId, type Tenant } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { APPROVED, ORIGINAL_NOT_FOUND } from "../domain/response-codes.ts";
import type { Authorization, AuthorizationStore } from "./authorization-store.ts";
import { conclude } from "./decider.ts";
import type { GatewayDeps } from "./gateway.ts";
import type { AdviceRequest, NetworkResponse, ReversalRequest } from "./network-messages.ts";

type RecordDeps = Pick<GatewayDeps, "pool" | "panDigestKey" | "onAnswer"> & { store: AuthorizationStore };

/**
 * 0400: the network undoes all or part of an authorization (`amount` of it; the whole amount
 * for a full reversal), naming it by the STAN and RRN it was sent with. An approved one releases
 * what is asked, at most what is left, and says so in AuthorizationReversed (which `account`
 * releases the hold by). A declined one has nothing to release. One still undecided (its
 * gateway died, and the network timed out and reverses what it stood in for) is declined now.
 * Its increments are released with it, newest first, each on its own stream.
 * Networks repeat a reversal until it is acknowledged: a repeat gets the first one's answer.
 */
export async function reverse(deps: RecordDeps, request: ReversalRequest): Promise<NetworkResponse> {
  const started = performance.now();
  const digest = panDigest(deps.panDigestKey, request.pan);
  const answer = (responseCode: string, authorizationId: string | null, how: string): NetworkResponse => {
    deps.onAnswer?.({
      mti: "0410",
      authorization_id: authorizationId,
      response_code: responseCode,
      how,
      latency_ms: Math.round(performance.now() - started),
    });
    return {
      mti: "0410",
      stan: request.stan,
      rrn: request.rrn,
      response_code: responseCode,
      approval_code: null,
      authorization_id: authorizationId,
    };
  };
  const repeated = await deps.store.findReversal(deps.pool, request);
  if (repeated) return answer(repeated.responseCode, repeated.authorizationId, "repeat");

  const recorded = await transaction(deps.pool, async (tx) => {
    const receivedAt = new Date();
    const reversal = {
      id: newMessageId(),
      stan: request.stan,
      rrn: request.rrn,
      original: request.original,
      requestedAmount: request.amount,
      receivedAt,
    };
    const original = await deps.store.lockOriginal(tx, digest, request.original);
    if (!original?.card) {
      const inserted = await deps.store.insertReversal(tx, {
        ...reversal,
        authorizationId: null,
        releasedAmount: 0,
        responseCode: ORIGINAL_NOT_FOUND,
      });
      return inserted ? { code: ORIGINAL_NOT_FOUND, id: null, how: "original_not_found" } : undefined;
    }
    if (original.status === "pending") {
      await conclude(deps.store, tx, original, { outcome: "declined", reason: "system_error" }, "reversal", null);
      original.status = "declined";
      original.streamVersion = 2;
    }
    // What is released comes off the newest increment first, then the authorization itself.
    const group = [...(await deps.store.lockIncrements(tx, original.id)), original].filter(
      (authorization) => authorization.status === "approved" && !authorization.expiredAt,
    );
    let wanted = request.amount;
    let released = 0;
    const events = [];
    for (const authorization of group) {
      const left = authorization.amount - authorization.reversedAmount;
      const take = Math.min(left, wanted);
      if (take <= 0 || !authorization.card) continue;
      wanted -= take;
      released += take;
      const version = authorization.streamVersion + 1;
      await deps.store.saveReversed(tx, authorization.id, authorization.reversedAmount + take, version);
      events.push(reversedEvent(authorization, take, left - take, request, receivedAt, version));
    }
    const inserted = await deps.store.insertReversal(tx, {
      ...reversal,
      authorizationId: original.id,
      releasedAmount: released,
      responseCode: APPROVED,
    });
    // A repeat raced this one and recorded first: roll back what this one did, answer as it was.
    if (!inserted) throw new RepeatedReversal();
    await appendToOutbox(tx, "processing", events);
    return { code: APPROVED, id: original.id, how: released > 0 ? "reversed" : "nothing_to_release" };
  }).catch((error: unknown) => {
    if (error instanceof RepeatedReversal) return undefined;
    throw error;
  });
  if (recorded) return answer(recorded.code, recorded.id, recorded.how);
  // A repeat raced this one and won: answer as it was answered.
  const first = await deps.store.findReversal(deps.pool, request);
  return answer(first?.responseCode ?? ORIGINAL_NOT_FOUND, first?.authorizationId ?? null, "repeat");
}

class RepeatedReversal extends Error {}

/**
 * The network was told 96 (the gateway could not hear or record the decision in time) but the
 * authorization was approved just before its deadline: the books must match what the network
 * believes, so Koban reverses it in full itself (AuthorizationReversed releases the hold), as if
 * the network had sent the reversal it sends for a lost answer. Idempotent.
 */
export async function releaseUnheard(store: AuthorizationStore, pool: Pool, id: string): Promise<boolean> {
  return transaction(pool, async (tx) => {
    const authorization = await store.lock(tx, id).then((locked) => locked?.authorization);
    if (!authorization?.card || authorization.status !== "approved" || authorization.expiredAt) return false;
    const left = authorization.amount - authorization.reversedAmount;
    if (left <= 0) return false;
    const receivedAt = new Date();
    const ids = { stan: authorization.stan, rrn: authorization.rrn };
    const inserted = await store.insertReversal(tx, {
      id: newMessageId(),
      authorizationId: authorization.id,
      ...ids,
      original: ids,
      requestedAmount: left,
      releasedAmount: left,
      responseCode: APPROVED,
      receivedAt,
    });
    if (!inserted) return false;
    const version = authorization.streamVersion + 1;
    await store.saveReversed(tx, authorization.id, authorization.amount, version);
    await appendToOutbox(tx, "processing", [reversedEvent(authorization, left, 0, ids, receivedAt, version)]);
    return true;
  });
}

function reversedEvent(
  authorization: Authorization,
  amount: number,
  remaining: number,
  request: { stan: string; rrn: string },
  receivedAt: Date,
  version: number,
) {
  const card = authorization.card;
  if (!card) throw new Error(`authorization ${authorization.id} names no card`);
  return createEvent(
    AuthorizationReversed,
    {
      authorization_id: authorization.id,
      card_id: card.id,
      cardholder_id: card.cardholderId,
      amount,
      remaining_amount: remaining,
      currency: authorization.currency,
      network: { stan: request.stan, rrn: request.rrn },
      reversed_at: receivedAt.toISOString(),
    },
    {
      source: "processing",
      tenant: card.tenant,
      correlationId: authorization.sagaId,
      stream: { id: authorization.id, version },
    },
  );
}

/**
 * 0120: the network answered a request on the issuer's behalf (stand-in) and says what it did.
 * Recorded, published for a card we know (AuthorizationAdvised, its own `auth_…` stream), and
 * acknowledged (0130, 00) in every case: an advice is not a question. Repeats are recorded once.
 */
export async function recordAdvice(deps: RecordDeps, request: AdviceRequest): Promise<NetworkResponse> {
  const digest = panDigest(deps.panDigestKey, request.pan);
  const acknowledge = (id: string | null): NetworkResponse => {
    deps.onAnswer?.({ mti: "0130", authorization_id: id, advised_response_code: request.response_code });
    return {
      mti: "0130",
      stan: request.stan,
      rrn: request.rrn,
      response_code: APPROVED,
      approval_code: null,
      authorization_id: id,
    };
  };
  const card = await deps.store.findCardByDigest(deps.pool, digest);
  const id = newId("auth");
  const merchant = {
    name: request.merchant_name,
    mcc: request.mcc,
    country: request.merchant_country,
    network_id: request.merchant_id ?? null,
  };
  const receivedAt = new Date();
  const inserted = await transaction(deps.pool, async (tx) => {
    const fresh = await deps.store.insertAdvice(tx, {
      id,
      card: card ?? null,
      panDigest: digest,
      amount: request.amount,
      currency: request.currency,
      merchant,
      stan: request.stan,
      rrn: request.rrn,
      responseCode: request.response_code,
      approvalCode: request.approval_code ?? null,
      receivedAt,
    });
    if (fresh && card) await appendToOutbox(tx, "processing", [adviceEvent(id, card, request, merchant, receivedAt)]);
    return fresh;
  });
  if (inserted) return acknowledge(card ? id : null);
  const first = await deps.store.findAdvice(deps.pool, request);
  return acknowledge(card ? (first?.id ?? null) : null);
}

function adviceEvent(
  id: string,
  card: { id: string; cardholderId: string; programId: string; tenant: Tenant },
  request: AdviceRequest,
  merchant: { name: string; mcc: string; country: string; network_id: string | null },
  receivedAt: Date,
) {
  return createEvent(
    AuthorizationAdvised,
    {
      authorization_id: id,
      card_id: card.id,
      cardholder_id: card.cardholderId,
      program_id: card.programId,
      amount: request.amount,
      currency: request.currency,
      merchant,
      response_code: request.response_code,
      approval_code: request.approval_code ?? null,
      network: { stan: request.stan, rrn: request.rrn },
      advised_at: receivedAt.toISOString(),
    },
    { source: "processing", tenant: card.tenant, stream: { id, version: 1 } },
  );
}
