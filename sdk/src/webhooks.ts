// Standard Webhooks (https://www.standardwebhooks.com) on Web Crypto, so it runs wherever
// `crypto.subtle` does: Node 20+, Bun, Deno, edge runtimes.
import { KobanWebhookVerificationError } from "./errors.ts";
import type { FundingRequest, FundingResponse, KobanEvent } from "./types.ts";

/** Headers as `Headers`, or as a plain object such as Node's `request.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far the `webhook-timestamp` may be from now, in seconds, either way. Default 300. */
  tolerance?: number;
  /** The current time (for tests). */
  now?: Date;
}

export interface SignOptions {
  /** The message id; a new `msg_…` by default. */
  id?: string;
  /** When it is sent; now by default. */
  timestamp?: Date;
}

export interface SignedWebhook {
  /** The payload, as the body to send. */
  payload: string;
  headers: { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };
}

const encoder = new TextEncoder();

/**
 * Standard Webhooks helpers, also reachable as `koban.webhooks`: for the events Koban delivers to
 * your webhook endpoints, and for the JIT funding requests it sends your gateway.
 */
export class Webhooks {
  /**
   * Checks a webhook's signature against your endpoint's secret (`whsec_…`), or several during a
   * secret rotation, and its timestamp against the tolerance; then parses it into a typed event.
   * Pass the raw body exactly as received, before any JSON parsing.
   */
  async verify(
    payload: string | Uint8Array,
    headers: WebhookHeaders,
    secret: string | readonly string[],
    options: VerifyOptions = {},
  ): Promise<KobanEvent> {
    return parseJson<KobanEvent>(await this.#verifiedBody(payload, headers, secret, options));
  }

  /**
   * Checks a JIT funding request Koban sent your gateway, signed with the funding source's secret
   * (`whsec_…`, from `koban.fundingSources.retrieveSecret`), exactly as `verify` checks a webhook;
   * then parses it into the typed request. Pass the raw body exactly as received.
   */
  async verifyFundingRequest(
    payload: string | Uint8Array,
    headers: WebhookHeaders,
    secret: string | readonly string[],
    options: VerifyOptions = {},
  ): Promise<FundingRequest> {
    const request = parseJson<FundingRequest>(await this.#verifiedBody(payload, headers, secret, options));
    if (request?.type !== "funding.authorization_request") {
      throw new KobanWebhookVerificationError("The body is signed but is not a funding request.");
    }
    return request;
  }

  /**
   * Your gateway's answer to a funding request, as a `Response` (200, JSON) for fetch-style
   * handlers. Answer before the request's `respond_by`, or the source's stand-in rule decides.
   */
  fundingResponse(approved: boolean): Response {
    const body: FundingResponse = { approved };
    return Response.json(body);
  }

  /**
   * Signs a funding request as Koban does, so you can test your gateway. The `webhook-id` is the
   * request's `authorization_id`, as Koban sends it, unless `options.id` says otherwise.
   */
  signFundingRequest(
    request: FundingRequest,
    secret: string | readonly string[],
    options: SignOptions = {},
  ): Promise<SignedWebhook> {
    return this.sign(request, secret, { id: request.authorization_id, ...options });
  }

  /** The body, once its signature and timestamp check out; else a KobanWebhookVerificationError. */
  async #verifiedBody(
    payload: string | Uint8Array,
    headers: WebhookHeaders,
    secret: string | readonly string[],
    options: VerifyOptions,
  ): Promise<string> {
    const body = typeof payload === "string" ? payload : new TextDecoder().decode(payload);
    const id = header(headers, "webhook-id");
    const timestamp = header(headers, "webhook-timestamp");
    const signatures = header(headers, "webhook-signature");
    if (!id || !timestamp || !signatures) {
      throw new KobanWebhookVerificationError(
        "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
      );
    }
    if (!/^\d+$/.test(timestamp)) throw new KobanWebhookVerificationError("The webhook-timestamp is not a number.");
    const tolerance = options.tolerance ?? 300;
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const sent = Number(timestamp);
    if (now - sent > tolerance) throw new KobanWebhookVerificationError("The webhook's timestamp is too old.");
    if (sent - now > tolerance) throw new KobanWebhookVerificationError("The webhook's timestamp is in the future.");

    const candidates = signatures
      .split(" ")
      .map((entry) => entry.split(","))
      .filter(([version, signature]) => version === "v1" && signature)
      .map(([, signature]) => decodeBase64(signature as string))
      .filter((signature) => signature !== undefined);
    const signed = encoder.encode(`${id}.${timestamp}.${body}`);
    for (const key of typeof secret === "string" ? [secret] : secret) {
      const hmac = await hmacKey(key);
      for (const candidate of candidates) {
        // crypto.subtle.verify compares in constant time.
        if (await crypto.subtle.verify("HMAC", hmac, candidate, signed)) return body;
      }
    }
    throw new KobanWebhookVerificationError("No signature matches: wrong secret, or the body was changed.");
  }

  /**
   * Signs a payload as Koban does, so you can send your own handler test webhooks. With several
   * secrets, the signature header carries one signature per secret, as during a rotation.
   */
  async sign(
    payload: string | object,
    secret: string | readonly string[],
    options: SignOptions = {},
  ): Promise<SignedWebhook> {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    const id = options.id ?? `msg_${crypto.randomUUID().replaceAll("-", "")}`;
    const timestamp = String(Math.floor((options.timestamp ?? new Date()).getTime() / 1000));
    const signed = encoder.encode(`${id}.${timestamp}.${body}`);
    const signatures: string[] = [];
    for (const key of typeof secret === "string" ? [secret] : secret) {
      const signature = await crypto.subtle.sign("HMAC", await hmacKey(key), signed);
      signatures.push(`v1,${encodeBase64(new Uint8Array(signature))}`);
    }
    return {
      payload: body,
      headers: { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signatures.join(" ") },
    };
  }
}

function parseJson<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new KobanWebhookVerificationError("The webhook is signed but its body is not JSON.");
  }
}

async function hmacKey(secret: string) {
  const bytes = decodeBase64(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
  if (!bytes || bytes.length === 0)
    throw new KobanWebhookVerificationError("The secret is not a whsec_ base64 secret.");
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((key) => key.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(" ") : value;
}

function decodeBase64(value: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
