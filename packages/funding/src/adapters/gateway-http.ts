import type { LookupFunction } from "node:net";
import { postGuarded, refuseUrl, type UrlPolicy } from "@koban/egress";
import { Webhook } from "standardwebhooks";
import type { AskGateway, GatewayCall } from "../application/ports.ts";
import type { GatewayAnswer } from "../domain/decision.ts";

export type { UrlPolicy };

/** A gateway's answer is a small JSON object; anything longer is not read further. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** Why a URL may not be a gateway's, or null if it may (checked again at each call). */
export const refuseGatewayUrl = refuseUrl;

/**
 * POSTs a signed request (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and reads the answer, all within `timeoutMs`. The request-filtering
 * agents check the address at connect time (DNS may have changed since the URL was saved), so a
 * refused address fails the call like a refused connection. Redirects are not followed.
 */
export async function postToGateway(
  call: GatewayCall,
  options: UrlPolicy & { lookup?: LookupFunction },
): Promise<GatewayAnswer> {
  const timestamp = new Date();
  let signature: string;
  try {
    signature = new Webhook(call.secret).sign(call.messageId, timestamp, call.body);
  } catch (error) {
    return { kind: "failed", error: `cannot sign: ${(error as Error).message}`, latencyMs: 0 };
  }
  const headers = {
    "webhook-id": call.messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
  const answer = await postGuarded(call.url, headers, call.body, {
    ...options,
    timeoutMs: call.timeoutMs,
    maxAnswerBytes: MAX_ANSWER_BYTES,
  });
  return answer.status === null
    ? { kind: "failed", error: answer.error ?? "no answer", latencyMs: answer.latencyMs }
    : { kind: "answered", status: answer.status, body: answer.body, latencyMs: answer.latencyMs };
}

/** The participant's gateway caller, with the URL policy read when first needed. */
export function httpGateway(policy: () => UrlPolicy): AskGateway {
  return (call) => postToGateway(call, policy());
}
