import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import type { WebhookResponse, WebhookSender } from "../application/webhook-ports.ts";

/**
 * Whether deliveries may go to loopback, private and other non-public addresses: off in
 * production; on for local development, where a partner's test server is on 127.0.0.1.
 */
export interface UrlPolicy {
  allowPrivateAddresses: boolean;
}

/** Why a URL may not be an endpoint's, or null if it may. Resolves the host now; delivery checks again. */
export async function refuseWebhookUrl(
  text: string,
  livemode: boolean,
  policy: UrlPolicy,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "url must be an absolute URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "url must be http or https.";
  if (livemode && url.protocol !== "https:") return "url must be https in live mode.";
  if (url.username || url.password) return "url must not carry credentials.";
  if (policy.allowPrivateAddresses) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return `url's host ${host} does not resolve.`;
  }
  const internal = addresses.find((address) => !isPublic(address));
  return internal ? `url resolves to ${internal}, which is not a public address.` : null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

/** Only public unicast addresses: not loopback, private, link-local (cloud metadata), reserved... */
function isPublic(address: string): boolean {
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
}

/**
 * POSTs a delivery. The request-filtering agents check the address the host resolves to at
 * connect time (DNS may have changed since the URL was saved), so a refused address fails
 * the attempt like a refused connection. Redirects are not followed.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: UrlPolicy & { timeoutMs: number; lookup?: LookupFunction },
): Promise<WebhookResponse> {
  const started = performance.now();
  const filter = { allowPrivateIPAddress: options.allowPrivateAddresses, keepAlive: false };
  const secure = url.startsWith("https:");
  const send = secure ? httpsRequest : httpRequest;
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<WebhookResponse>((resolve) => {
    const request = send(
      url,
      {
        method: "POST",
        agent,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: options.timeoutMs,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      (response: IncomingMessage) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? null, latencyMs: elapsed(), error: null }));
        response.on("error", (error) => resolve({ status: null, latencyMs: elapsed(), error: error.message }));
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on("close", () => clearTimeout(deadline));
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", (error) => resolve({ status: null, latencyMs: elapsed(), error: describe(error) }));
    request.end(body);
  });
}

function describe(error: Error & { code?: string }): string {
  const text = error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
  return text.slice(0, 500);
}

/** The deliverer's sender: guarded POSTs with a deadline. */
export function httpSender(options: UrlPolicy & { timeoutMs: number }): WebhookSender {
  return (url, headers, body) => postWebhook(url, headers, body, options);
}
