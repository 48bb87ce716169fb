import { expiryField, type Merchant, type NetworkIds, newNetworkIds } from "./messages.ts";

/** What the network got back, or that it got nothing in time. */
export type NetworkResult =
  | {
      outcome: "answered";
      /** ISO 8583 DE 39: `00` approved, anything else declined (`51` insufficient funds, `96` system error…). */
      responseCode: string;
      /** DE 38, six characters, when approved. */
      approvalCode: string | null;
      /** Koban's id of what the gateway recorded (`auth_…`), when it recorded one. */
      authorizationId: string | null;
      latencyMs: number;
      ids: NetworkIds;
    }
  | {
      /**
       * No answer within `timeoutMs`: a real network would now stand in for the issuer. The
       * gateway may still decide afterwards; what it decides after its deadline is always a decline.
       */
      outcome: "timeout";
      latencyMs: number;
      ids: NetworkIds;
    }
  | {
      /** The gateway could not be reached, or answered something that is not an ISO 8583 response. */
      outcome: "error";
      error: string;
      latencyMs: number;
      ids: NetworkIds;
    };

export interface CardFields {
  /** Where Koban's network gateway listens, e.g. `http://127.0.0.1:3002`. */
  gatewayUrl: string;
  pan: string;
  /** `YYMM`, or `{ month, year }` with a four-digit year. */
  expiry: string | { month: number; year: number };
  /** Integer, in the currency's minor unit (JPY has none: ¥500 is 500). */
  amount: number;
  /** ISO 4217 alphabetic, e.g. `JPY`. */
  currency: string;
  merchant: Merchant;
  /** How long the network waits for the issuer. Default 5000 ms. */
  timeoutMs?: number;
  /** STAN and RRN to send; fresh ones by default. */
  ids?: NetworkIds;
  /** W3C trace context to send along (the `traceparent` header), so the issuer's trace joins the caller's. */
  traceparent?: string;
}

async function send(
  fields: Pick<CardFields, "gatewayUrl" | "timeoutMs" | "traceparent">,
  body: Record<string, unknown>,
  ids: NetworkIds,
): Promise<NetworkResult> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const response = await fetch(new URL("/messages", fields.gatewayUrl), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(fields.traceparent ? { traceparent: fields.traceparent } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(fields.timeoutMs ?? 5_000),
    });
    const answer = (await response.json()) as {
      response_code?: string;
      approval_code?: string | null;
      authorization_id?: string | null;
    };
    if (typeof answer.response_code !== "string") {
      return { outcome: "error", error: `HTTP ${response.status} without a response code`, latencyMs: latency(), ids };
    }
    return {
      outcome: "answered",
      responseCode: answer.response_code,
      approvalCode: answer.approval_code ?? null,
      authorizationId: answer.authorization_id ?? null,
      latencyMs: latency(),
      ids,
    };
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") return { outcome: "timeout", latencyMs: latency(), ids };
    return { outcome: "error", error: (error as Error).message, latencyMs: latency(), ids };
  }
}

function common(fields: Omit<CardFields, "expiry">, ids: NetworkIds) {
  return {
    pan: fields.pan,
    amount: fields.amount,
    currency: fields.currency,
    stan: ids.stan,
    rrn: ids.rrn,
    mcc: fields.merchant.mcc,
    merchant_name: fields.merchant.name,
    merchant_country: fields.merchant.country,
    merchant_id: fields.merchant.id ?? null,
    transmitted_at: new Date().toISOString(),
  };
}

/**
 * Asks the issuer whether this card may pay (ISO 8583 0100) and waits for its answer (0110) up
 * to `timeoutMs` (default 5 s, the network's own timeout):
 *
 * ```ts
 * const result = await sendAuthorization({
 *   gatewayUrl: "http://127.0.0.1:3002", pan: "4242424200000001", expiry: "2912", cvv2: "123",
 *   amount: 1200, currency: "JPY", merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
 * });
 * if (result.outcome === "answered" && result.responseCode === "00") { … result.approvalCode … }
 * ```
 */
export function sendAuthorization(
  fields: CardFields & {
    cvv2?: string | null;
    /** For an incremental authorization: the STAN and RRN of the approved one this adds `amount` to. */
    original?: NetworkIds;
  },
): Promise<NetworkResult> {
  const ids = fields.ids ?? newNetworkIds();
  return send(
    fields,
    {
      mti: "0100",
      ...common(fields, ids),
      expiry: expiryField(fields.expiry),
      cvv2: fields.cvv2 ?? null,
      ...(fields.original ? { original: fields.original } : {}),
    },
    ids,
  );
}

/**
 * Undoes all or part of an earlier authorization (0400), named by the STAN and RRN it was sent
 * with; `amount` is how much is reversed (the whole original amount for a full reversal).
 */
export function sendReversal(fields: Omit<CardFields, "expiry"> & { original: NetworkIds }): Promise<NetworkResult> {
  const ids = fields.ids ?? newNetworkIds();
  return send(fields, { mti: "0400", ...common(fields, ids), original: fields.original }, ids);
}

/**
 * Tells the issuer what the network decided on its behalf (0120, stand-in): `responseCode` is
 * what the merchant was told.
 */
export function sendAdvice(
  fields: CardFields & { responseCode: string; approvalCode?: string | null },
): Promise<NetworkResult> {
  const ids = fields.ids ?? newNetworkIds();
  return send(
    fields,
    {
      mti: "0120",
      ...common(fields, ids),
      expiry: expiryField(fields.expiry),
      response_code: fields.responseCode,
      approval_code: fields.approvalCode ?? null,
    },
    ids,
  );
}
