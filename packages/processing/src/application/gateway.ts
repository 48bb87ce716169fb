import { cvv2Digest, panDigest } from "@koban/config";
import { AuthorizationRequested, idFromMessageId, newMessageId } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { parseExpiry } from "../domain/network.ts";
import {
  APPROVED,
  FORMAT_ERROR,
  INVALID_CARD_NUMBER,
  INVALID_TRANSACTION,
  ORIGINAL_NOT_FOUND,
  SYSTEM_MALFUNCTION,
} from "../domain/response-codes.ts";
import type { Answer, Authorization, AuthorizationStore } from "./authorization-store.ts";
import { answerOf, decideAtDeadline } from "./decider.ts";
import type { AuthorizationRequest, NetworkResponse } from "./network-messages.ts";
import { releaseUnheard } from "./network-records.ts";

/** How the gateway hears of a decision made elsewhere (by the decider in a worker, or the sweeper). */
export interface DecisionWatch {
  /**
   * Starts listening for one authorization's decision; call it before the authorization is
   * committed, so a decision made at once is not missed.
   */
  expect(id: string): { until(deadline: Date): Promise<Answer | undefined>; cancel(): void };
}

export interface GatewayDeps {
  pool: Pool;
  store: AuthorizationStore;
  watch: DecisionWatch;
  panDigestKey: Buffer;
  /** How long the participants have to answer (default 2 s); then a missing result is a decline. */
  decisionMs: number;
  /**
   * If the database does not let the gateway record its own deadline decision within this much
   * more, it answers 96 regardless (default 1 s): any decision made after the deadline is
   * `system_error` too, so the answer holds. Keeps decisionMs + graceMs under the network's timeout.
   */
  graceMs?: number;
  onAnswer?: (fields: Record<string, unknown>) => void;
}

/**
 * An authorization request (0100) from the network, answered (0110). The PAN and CVV2 are
 * digested first and go no further than this function: what is recorded, published or logged
 * names the card by id.
 */
export async function authorize(deps: GatewayDeps, request: AuthorizationRequest): Promise<NetworkResponse> {
  // However slow the database is (a pool exhausted, a lock held), the network hears 96 by the
  // deadline plus the grace period, inside its own timeout. Whatever gets recorded later is past
  // its deadline, so it can only be decided `system_error` too; and should it have been approved
  // just in time, unheard, Koban reverses it (releaseLate). Either way the books match the answer.
  const malfunction: NetworkResponse = {
    mti: "0110",
    stan: request.stan,
    rrn: request.rrn,
    response_code: SYSTEM_MALFUNCTION,
    approval_code: null,
    authorization_id: null,
  };
  let capTimer: NodeJS.Timeout | undefined;
  let capped = false;
  const cap = new Promise<NetworkResponse>((resolve) => {
    capTimer = setTimeout(
      () => {
        capped = true;
        deps.onAnswer?.({ response_code: SYSTEM_MALFUNCTION, how: "overall_cap" });
        resolve(malfunction);
      },
      deps.decisionMs + (deps.graceMs ?? 1_000) + 250,
    );
  });
  const work = answerRequest(deps, request).catch((error: unknown) => {
    deps.onAnswer?.({ response_code: SYSTEM_MALFUNCTION, how: "failed", error: (error as Error).message });
    return malfunction;
  });
  try {
    const answer = await Promise.race([work, cap]);
    if (capped) {
      // The cap answered; if the request is approved after all, the books follow the network.
      void work.then((late) => {
        if (late.response_code === APPROVED && late.authorization_id) void releaseLate(deps, late.authorization_id);
      });
    }
    return answer;
  } finally {
    clearTimeout(capTimer);
  }
}

function releaseLate(deps: GatewayDeps, id: string) {
  return releaseUnheard(deps.store, deps.pool, id)
    .then((released) => released && deps.onAnswer?.({ authorization_id: id, how: "released_unheard_approval" }))
    .catch((error: unknown) => deps.onAnswer?.({ authorization_id: id, error: (error as Error).message }));
}

async function answerRequest(deps: GatewayDeps, request: AuthorizationRequest): Promise<NetworkResponse> {
  const started = performance.now();
  // From arrival, not from when the card was found: the deadline must fall before the overall cap.
  const requestedAt = new Date();
  const digest = panDigest(deps.panDigestKey, request.pan);
  const cvv2 = request.cvv2 ? cvv2Digest(deps.panDigestKey, request.pan, request.cvv2) : null;
  const expiry = parseExpiry(request.expiry);
  const sagaId = newMessageId();
  const id = idFromMessageId("auth", sagaId);
  const reply = (answer: { responseCode: string; approvalCode?: string | null; id?: string | null }, how: string) => {
    deps.onAnswer?.({
      authorization_id: answer.id ?? null,
      correlation_id: answer.id ? sagaId : undefined,
      response_code: answer.responseCode,
      how,
      latency_ms: Math.round(performance.now() - started),
    });
    return {
      mti: "0110" as const,
      stan: request.stan,
      rrn: request.rrn,
      response_code: answer.responseCode,
      approval_code: answer.approvalCode ?? null,
      authorization_id: answer.id ?? null,
    };
  };
  if (!expiry) return reply({ responseCode: FORMAT_ERROR }, "format_error");

  const decideBy = new Date(requestedAt.getTime() + deps.decisionMs);
  const merchant = {
    name: request.merchant_name,
    mcc: request.mcc,
    country: request.merchant_country,
    network_id: request.merchant_id ?? null,
  };
  const card = await deps.store.findCardByDigest(deps.pool, digest);
  let incrementOf: string | null = null;
  if (card && request.original) {
    const original = await deps.store.findOriginal(deps.pool, digest, request.original);
    if (!original) return reply({ responseCode: ORIGINAL_NOT_FOUND }, "original_not_found");
    // Only an approval can be added to (an increment of an increment adds to that one).
    if (original.status !== "approved") return reply({ responseCode: INVALID_TRANSACTION }, "original_not_approved");
    incrementOf = original.id;
  }
  const authorization: Authorization = {
    id,
    sagaId,
    card: card ?? null,
    panDigest: digest,
    amount: request.amount,
    currency: request.currency,
    merchant,
    stan: request.stan,
    rrn: request.rrn,
    requestedAt,
    decideBy,
    results: {},
    status: "pending",
    declineReason: null,
    responseCode: null,
    approvalCode: null,
    incrementOf,
    reversedAmount: 0,
    expiredAt: null,
    streamVersion: 1,
  };

  if (!card) {
    // No tenant and no participant to ask: recorded as declined, answered at once, nothing published.
    await deps.store.insert(deps.pool, authorization, {
      status: "declined",
      declineReason: null,
      responseCode: INVALID_CARD_NUMBER,
      approvalCode: null,
      decidedBy: "unknown_card",
      decidedAt: requestedAt,
    });
    // No id in the answer: the row belongs to no tenant, so no partner could read it by that id.
    return reply({ responseCode: INVALID_CARD_NUMBER }, "unknown_card");
  }

  const waiting = deps.watch.expect(id);
  let fresh: boolean;
  try {
    fresh = await transaction(deps.pool, async (tx) => {
      if (!(await deps.store.insert(tx, authorization))) return false;
      await appendToOutbox(tx, "processing", [
        createEvent(
          AuthorizationRequested,
          {
            authorization_id: id,
            card_id: card.id,
            cardholder_id: card.cardholderId,
            program_id: card.programId,
            amount: request.amount,
            currency: request.currency,
            merchant,
            card_expiry: expiry,
            cvv2_digest: cvv2,
            network: { stan: request.stan, rrn: request.rrn },
            requested_at: requestedAt.toISOString(),
            decide_by: decideBy.toISOString(),
            ...(incrementOf ? { increment_of: incrementOf } : {}),
          },
          { source: "processing", tenant: card.tenant, correlationId: sagaId, stream: { id, version: 1 } },
        ),
      ]);
      return true;
    });
  } catch (error) {
    waiting.cancel();
    deps.onAnswer?.({ authorization_id: id, error: (error as Error).message });
    // A commit whose answer was lost may have recorded it after all: should its saga approve it,
    // the 96 the network is told wins and Koban reverses it.
    setTimeout(() => void releaseLate(deps, id), deps.decisionMs + (deps.graceMs ?? 1_000)).unref();
    return reply({ responseCode: SYSTEM_MALFUNCTION }, "not_recorded");
  }
  if (fresh) {
    const answer = await waitForDecision(deps, id, decideBy, waiting);
    return answer ? reply(answer, "decided") : reply({ responseCode: SYSTEM_MALFUNCTION, id }, "deadline_unrecorded");
  }

  // The network sent this request before: it gets that one's answer, when that one has it.
  waiting.cancel();
  const first = await deps.store.findOriginal(deps.pool, digest, request);
  if (!first) return reply({ responseCode: SYSTEM_MALFUNCTION }, "repeat_lost");
  const answer =
    first.status === "pending"
      ? await waitForDecision(deps, first.id, first.decideBy, deps.watch.expect(first.id))
      : answerOf(first);
  const responseCode = answer?.responseCode ?? SYSTEM_MALFUNCTION;
  return reply({ ...answer, responseCode, id: first.card ? first.id : null }, "repeat");
}

/**
 * Until the deadline, whatever decides first (heard by notification or poll); at the deadline,
 * the gateway's own decision (`system_error` if still undecided). Undefined if the database does
 * not let it record that within the grace period: the network is answered 96 all the same.
 */
async function waitForDecision(
  deps: GatewayDeps,
  id: string,
  decideBy: Date,
  waiting: ReturnType<DecisionWatch["expect"]>,
): Promise<Answer | undefined> {
  const heard = await waiting.until(decideBy);
  if (heard) return heard;
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<undefined>((resolve) => {
    graceTimer = setTimeout(resolve, deps.graceMs ?? 1_000, undefined);
  });
  const own = decideAtDeadline(deps.store, deps.pool, id).catch(() => undefined);
  const answer = await Promise.race([own, grace]);
  clearTimeout(graceTimer);
  if (!answer) {
    // Answered 96 without a recorded decision; if it turns out approved, the books follow the network.
    void own.then((late) => late?.status === "approved" && releaseLate(deps, id));
  }
  return answer;
}
