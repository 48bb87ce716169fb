import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

/**
 * Calls Koban makes to URLs its partners chose (webhook endpoints, JIT funding gateways). Such a
 * URL must not reach Koban's own network (SSRF): it is checked when saved and again when
 * connecting, since DNS may change in between.
 */

/** Whether partner URLs may reach loopback and private addresses: off in production, on for local runs. */
export interface UrlPolicy {
  allowPrivateAddresses: boolean;
}

/** Why a URL may not be called, or null if it may. Resolves the host now; each call checks again. */
export async function refuseUrl(
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
  // Only public unicast addresses: not loopback, private, link-local (cloud metadata), reserved...
  const internal = addresses.find((address) => ipaddr.process(address).range() !== "unicast");
  return internal ? `url resolves to ${internal}, which is not a public address.` : null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

export interface GuardedAnswer {
  /** The HTTP status; null when there was no answer (`error` says why). */
  status: number | null;
  /** The answer's body, up to `maxAnswerBytes` (empty beyond it). */
  body: string;
  latencyMs: number;
  error: string | null;
}

export interface GuardedPostOptions extends UrlPolicy {
  /** One deadline for the whole exchange: connecting, sending and reading the answer. */
  timeoutMs: number;
  /** The most of the answer read; more is not read. Default 16 KiB. */
  maxAnswerBytes?: number;
  /** DNS resolution, for tests that make a name resolve somewhere. */
  lookup?: LookupFunction;
}

/**
 * POSTs JSON to a partner's URL. The request-filtering agents check the address the host
 * resolves to at connect time, so a refused address fails the call like a refused connection.
 * Redirects are not followed. Never throws: a failure is an answer with `error`.
 */
export function postGuarded(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: GuardedPostOptions,
): Promise<GuardedAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const maxAnswerBytes = options.maxAnswerBytes ?? 16 * 1024;
  const filter = { allowPrivateIPAddress: options.allowPrivateAddresses, keepAlive: false };
  const secure = url.startsWith("https:");
  const send = secure ? httpsRequest : httpRequest;
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  return new Promise<GuardedAnswer>((resolve) => {
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const finish = (answer: Omit<GuardedAnswer, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...answer, latencyMs: elapsed() });
    };
    const fail = (error: Error & { code?: string }) => {
      const text =
        error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
      finish({ status: null, body: "", error: text.slice(0, 500) });
    };
    let request: ReturnType<typeof send>;
    try {
      request = send(
        url,
        {
          method: "POST",
          agent,
          headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          ...(options.lookup ? { lookup: options.lookup } : {}),
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) {
              request.destroy();
              finish({ status: response.statusCode ?? null, body: "", error: null });
              return;
            }
            chunks.push(chunk);
          });
          response.on("end", () =>
            finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8"), error: null }),
          );
          response.on("error", fail);
        },
      );
    } catch (error) {
      // An unusable URL (it was checked when saved, so this is a bug or a changed rule).
      fail(error as Error);
      return;
    }
    deadline = setTimeout(() => {
      request.destroy();
      finish({ status: null, body: "", error: `no answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    request.on("error", fail);
    request.end(body);
  });
}
