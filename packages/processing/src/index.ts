import { fileURLToPath } from "node:url";
import type { Pool } from "@koban/db";
import { defineContext } from "@koban/messaging";
import { authorizationRepository } from "./adapters/authorization-repository.ts";
import { listenForDecisions } from "./adapters/decision-watch.ts";
import { copyIssuedCard } from "./application/copy-cards.ts";
import { resultHandlers, sweepOverdue } from "./application/decider.ts";
import { expireLapsedAuthorization } from "./application/expiry.ts";
import { authorize, type GatewayDeps } from "./application/gateway.ts";
import type { AdviceRequest, AuthorizationRequest, ReversalRequest } from "./application/network-messages.ts";
import { recordAdvice, reverse } from "./application/network-records.ts";

/** The decider, as the worker runs it: the card copy it finds cards by, and the three results it awaits. */
export const processingContext = defineContext({
  name: "processing",
  schema: "processing",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [],
  events: [
    copyIssuedCard(authorizationRepository),
    ...resultHandlers(authorizationRepository),
    expireLapsedAuthorization(authorizationRepository),
  ],
});

/**
 * Declines (`system_error`) every authorization still undecided past its deadline, which only
 * happens when the gateway waiting for it died. The worker calls it periodically; idempotent,
 * safe in several processes at once. Returns how many it decided.
 */
export const decideOverdueAuthorizations = (pool: Pool, options: { batchSize?: number } = {}) =>
  sweepOverdue(authorizationRepository, pool, options);

export interface GatewayOptions {
  pool: Pool;
  /** For the LISTEN connection, which must be its own. */
  databaseUrl: string;
  panDigestKey: Buffer;
  /** Default 2000. */
  decisionMs?: number;
  /** How often waiting authorizations are also read, in case a notification was missed. Default 250. */
  pollMs?: number;
  onAnswer?: GatewayDeps["onAnswer"];
}

/** The network gateway's core, for apps/gateway: an 0100 in, its 0110 out once decided. */
export function createGateway(options: GatewayOptions) {
  const watch = listenForDecisions({
    databaseUrl: options.databaseUrl,
    pool: options.pool,
    store: authorizationRepository,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  const deps: GatewayDeps = {
    pool: options.pool,
    store: authorizationRepository,
    watch,
    panDigestKey: options.panDigestKey,
    decisionMs: options.decisionMs ?? 2_000,
    ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
  };
  return {
    listening: watch.listening,
    authorize: (request: AuthorizationRequest) => authorize(deps, request),
    advise: (request: AdviceRequest) => recordAdvice(deps, request),
    reverse: (request: ReversalRequest) => reverse(deps, request),
    close: () => watch.close(),
  };
}
export type Gateway = ReturnType<typeof createGateway>;

export { cvv2Digest, panDigest } from "@koban/config";
export {
  type AdviceRequest,
  type AuthorizationRequest,
  adviceRequest,
  authorizationRequest,
  type NetworkRequest,
  type NetworkResponse,
  networkRequest,
  type ReversalRequest,
  reversalRequest,
} from "./application/network-messages.ts";
export { decide } from "./domain/decision.ts";
export { responseCodeFor, responseCodes } from "./domain/response-codes.ts";
