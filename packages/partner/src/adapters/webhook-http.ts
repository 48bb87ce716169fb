import { type GuardedPostOptions, postGuarded, refuseUrl, type UrlPolicy } from "@koban/egress";
import type { WebhookResponse, WebhookSender } from "../application/webhook-ports.ts";

export type { UrlPolicy };

/** Why a URL may not be a webhook endpoint's, or null if it may (checked again at each delivery). */
export const refuseWebhookUrl = refuseUrl;

/** POSTs a delivery; only the status matters, so the answer's body is not kept. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: GuardedPostOptions,
): Promise<WebhookResponse> {
  const answer = await postGuarded(url, headers, body, options);
  return { status: answer.status, latencyMs: answer.latencyMs, error: answer.error };
}

/** The deliverer's sender: guarded POSTs with a deadline. */
export function httpSender(options: UrlPolicy & { timeoutMs: number }): WebhookSender {
  return (url, headers, body) => postWebhook(url, headers, body, options);
}
