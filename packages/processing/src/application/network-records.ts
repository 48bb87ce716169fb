import type { GatewayDeps } from "./gateway.ts";
import type { AdviceRequest, NetworkResponse, ReversalRequest } from "./network-messages.ts";

/** ISO 8583 "invalid transaction": not handled yet. */
const NOT_SUPPORTED = "12";

/** 0120: what the network decided on the issuer's behalf, acknowledged with 0130. */
export async function recordAdvice(_deps: GatewayDeps, request: AdviceRequest): Promise<NetworkResponse> {
  return {
    mti: "0130",
    stan: request.stan,
    rrn: request.rrn,
    response_code: NOT_SUPPORTED,
    approval_code: null,
    authorization_id: null,
  };
}

/** 0400: all or part of an earlier authorization undone, acknowledged with 0410. */
export async function reverse(_deps: GatewayDeps, request: ReversalRequest): Promise<NetworkResponse> {
  return {
    mti: "0410",
    stan: request.stan,
    rrn: request.rrn,
    response_code: NOT_SUPPORTED,
    approval_code: null,
    authorization_id: null,
  };
}
