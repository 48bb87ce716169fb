import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationRequested,
  authorizationPartStream,
  type Envelope,
  FundingDecided,
  FundingDecisionSettled,
  type PayloadOf,
  type Tenant,
} from "@koban/contracts";
import { type HandlerContext, onEvent } from "@koban/messaging";
import { childLogger } from "@koban/observability";
import {
  type Decision,
  decide,
  failure,
  gatewayRequest,
  HOLD_EXPIRES_IN_SECONDS,
  readGatewayAnswer,
  settle,
  whichSourcePays,
} from "../domain/decision.ts";
import type { AskGateway, FundingStore, GatewayRecord, SecretVault } from "./ports.ts";

const log = childLogger({ context: "funding" });

type Requested = Envelope<PayloadOf<typeof AuthorizationRequested>>;

/**
 * Resolves the paying source and decides; for a gateway source, asks the partner's endpoint
 * (inside this handler's transaction, which is why the context does not batch).
 */
async function decideFor(
  store: FundingStore,
  vault: SecretVault,
  askGateway: AskGateway,
  tenant: Tenant,
  event: Requested,
  { tx }: HandlerContext,
): Promise<{ decision: Decision; gateway: GatewayRecord | null }> {
  const requested = event.payload;
  const card = await store.loadCard(tx, tenant, requested.card_id);
  if (!card) return { decision: failure(null, `funding has no record of card ${requested.card_id}`), gateway: null };
  const sourceId = whichSourcePays(card, await store.loadProgram(tx, tenant, card.programId));
  if (!sourceId) return { decision: decide(requested, null), gateway: null };
  const source = await store.loadSource(tx, tenant, sourceId);
  if (!source) return { decision: failure(sourceId, `funding source ${sourceId} does not exist`), gateway: null };
  if (source.type === "prefunded" || !source.gateway) return { decision: decide(requested, source), gateway: null };

  const secret = await vault.open(tx, source.id);
  if (!secret)
    return { decision: failure(source.id, `funding source ${source.id} has no signing secret`), gateway: null };
  const answer = await askGateway({
    url: source.gateway.url,
    secret,
    messageId: requested.authorization_id,
    body: JSON.stringify(gatewayRequest(requested, card, source, new Date())),
    timeoutMs: source.gateway.deadline_ms,
  });
  const verdict = readGatewayAnswer(answer);
  const decision = decide(requested, source, verdict);
  if (decision.standIn) {
    log.warn(
      { authorization_id: requested.authorization_id, funding_source_id: source.id, problem: decision.problem },
      `the gateway gave no usable answer; its stand-in rule ${source.gateway.stand_in}s`,
    );
  }
  return {
    decision,
    gateway: {
      status: answer.kind === "answered" ? answer.status : null,
      latencyMs: answer.latencyMs,
      problem: verdict.kind === "unusable" ? verdict.problem : null,
    },
  };
}

/**
 * funding's step of the money chain. At most one decision per authorization: a redelivery after
 * it was recorded (or after the outcome came) decides nothing and asks no gateway again. The
 * gateway call and the commit are not atomic: a worker that dies between them leaves nothing
 * recorded, and the redelivery asks the gateway a second time (with the same `webhook-id`).
 */
export const decideFunding = (store: FundingStore, vault: SecretVault, askGateway: AskGateway) =>
  onEvent(AuthorizationRequested, async (event, context) => {
    const tenant = event.tenant;
    if (!tenant) return;
    const id = event.payload.authorization_id;
    if (!(await store.claimDecision(context.tx, tenant, id))) return;
    const { decision, gateway } = await decideFor(store, vault, askGateway, tenant, event, context);
    const decidedAt = new Date();
    await store.recordDecision(context.tx, id, decision, gateway, decidedAt);
    context.emit(
      FundingDecided,
      {
        authorization_id: id,
        funding_source_id: decision.fundingSourceId,
        result: decision.result,
        hold_source: decision.holdSource,
        hold_expires_in_seconds: HOLD_EXPIRES_IN_SECONDS,
        stand_in: decision.standIn,
        amount: event.payload.amount,
        currency: event.payload.currency,
        decided_at: decidedAt.toISOString(),
        ...(event.payload.increment_of ? { increment_of: event.payload.increment_of } : {}),
      },
      { id: authorizationPartStream(id, "funding"), version: 1 },
    );
  });

async function settlePart(
  store: FundingStore,
  event: Envelope<{ authorization_id: string }>,
  context: HandlerContext,
  approved: boolean,
) {
  if (!event.tenant) return;
  const id = event.payload.authorization_id;
  const target = approved ? "confirmed" : "canceled";
  const state = await store.partForSettlement(context.tx, event.tenant, id, target);
  const next = state && settle(state, approved);
  if (!next) return;
  const settledAt = new Date();
  await store.settlePart(context.tx, id, next, settledAt);
  context.emit(
    FundingDecisionSettled,
    { authorization_id: id, state: next, settled_at: settledAt.toISOString() },
    { id: authorizationPartStream(id, "funding"), version: 2 },
  );
}

export const confirmFunding = (store: FundingStore) =>
  onEvent(AuthorizationApproved, (event, context) => settlePart(store, event, context, true));

export const cancelFunding = (store: FundingStore) =>
  onEvent(AuthorizationDeclined, (event, context) => settlePart(store, event, context, false));
