import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { Webhook } from "standardwebhooks";
import type { AskGateway, GatewayCall } from "../application/ports.ts";
import type { GatewayAnswer } from "../domain/decision.ts";

// The URL guard is partner's webhook guard (packages/partner/src/adapters/webhook-http.ts),
// copied: contexts share no code but contracts, messaging and db. Keep the two alike.

/** Whether gateways may be on loopback and private addresses: off in production, on for local runs. */
export interface UrlPolicy {
  allowPrivateAddresses: boolean;
}

/** Why a URL may not be a gateway's, or null if it may. Resolves the host now; each call checks again. */
export async function refuseGatewayUrl(
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
  const internal = addresses.find((address) => ipaddr.process(address).range() !== "unicast");
  return internal ? `url resolves to ${internal}, which is not a public address.` : null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

/** A gateway's answer is a small JSON object; anything longer is not read further. */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POSTs a signed request (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and reads the answer, all within `timeoutMs`. The request-filtering
 * agents check the address at connect time (DNS may have changed since the URL was saved), so a
 * refused address fails the call like a refused connection. Redirects are not followed.
 */
export function postToGateway(
  call: GatewayCall,
  options: UrlPolicy & { lookup?: LookupFunction },
): Promise<GatewayAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timestamp = new Date();
  let signature: string;
  try {
    signature = new Webhook(call.secret).sign(call.messageId, timestamp, call.body);
  } catch (error) {
    return Promise.resolve({ kind: "failed", error: `cannot sign: ${(error as Error).message}`, latencyMs: 0 });
  }
  const filter = { allowPrivateIPAddress: options.allowPrivateAddresses, keepAlive: false };
  const secure = call.url.startsWith("https:");
  const send = secure ? httpsRequest : httpRequest;
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  return new Promise<GatewayAnswer>((resolve) => {
    let settled = false;
    const finish = (answer: GatewayAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(answer);
    };
    const fail = (error: Error & { code?: string }) => {
      const text =
        error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
      finish({ kind: "failed", error: text.slice(0, 500), latencyMs: elapsed() });
    };
    const request = send(
      call.url,
      {
        method: "POST",
        agent,
        headers: {
          "webhook-id": call.messageId,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": signature,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(call.body),
        },
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            request.destroy();
            finish({ kind: "answered", status: response.statusCode ?? 0, body: "", latencyMs: elapsed() });
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          finish({
            kind: "answered",
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            latencyMs: elapsed(),
          }),
        );
        response.on("error", fail);
      },
    );
    // One deadline for the whole exchange: connecting, sending, and reading the answer.
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ kind: "failed", error: `no answer within ${call.timeoutMs} ms`, latencyMs: elapsed() });
    }, call.timeoutMs);
    request.on("error", fail);
    request.end(call.body);
  });
}

/** The participant's gateway caller, with the URL policy read when first needed. */
export function httpGateway(policy: () => UrlPolicy): AskGateway {
  return (call) => postToGateway(call, policy());
}
