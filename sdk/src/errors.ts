import type { Problem } from "./types.ts";

/** Every error the SDK throws is a KobanError (a user's own abort excepted: that rethrows the signal's reason). */
export class KobanError extends Error {
  override name = "KobanError";
}

/** Koban answered with an error: an RFC 9457 problem. */
export class KobanApiError extends KobanError {
  override name = "KobanApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The problem's stable `code` (branch on this); `undefined` if the body was not a Koban problem. */
  readonly code: Problem["code"] | undefined;
  /** The field, query parameter or header at fault, as a dotted path, when there is one. */
  readonly param: string | undefined;
  /** The request's id (`req_…`): quote it when you contact Koban's support. */
  readonly requestId: string | undefined;
  /** The problem as Koban sent it (`type`, `title`, `detail`…), if the body was one. */
  readonly problem: Problem | undefined;
  readonly headers: Headers;

  constructor(status: number, problem: Problem | undefined, headers: Headers, message?: string) {
    const requestId = problem?.request_id ?? headers.get("request-id") ?? undefined;
    super(
      message ??
        `${status} ${problem?.code ?? "error"}: ${problem?.detail ?? problem?.title ?? "Koban answered with an error."}` +
          (requestId ? ` (request ${requestId})` : ""),
    );
    this.status = status;
    this.code = problem?.code;
    this.param = problem?.param;
    this.requestId = requestId;
    this.problem = problem;
    this.headers = headers;
  }
}

/** 400, 413, 415, 422 and other 4xx: the request is malformed or breaks a rule. Do not retry it as is. */
export class KobanInvalidRequestError extends KobanApiError {
  override name = "KobanInvalidRequestError";
}
/** 401: no API key, or it is unknown, revoked or expired. */
export class KobanAuthenticationError extends KobanApiError {
  override name = "KobanAuthenticationError";
}
/** 403: the key lacks the scope, or its mode cannot do this (a live key on a simulation). */
export class KobanPermissionError extends KobanApiError {
  override name = "KobanPermissionError";
}
/** 404: no such object, or it is another partner's or mode's. */
export class KobanNotFoundError extends KobanApiError {
  override name = "KobanNotFoundError";
}
/** 409 other than `idempotency_in_progress`, e.g. `invalid_state_transition`: the object's state forbids this. Not retried. */
export class KobanConflictError extends KobanApiError {
  override name = "KobanConflictError";
}
/**
 * The `Idempotency-Key` is at fault: `idempotency_in_progress` (409, retried automatically, thrown
 * only once retries are spent) or `idempotency_key_reused` (422: the key was used with another body).
 */
export class KobanIdempotencyError extends KobanApiError {
  override name = "KobanIdempotencyError";
}
/** 429: too many requests. Retried automatically after `Retry-After`; thrown once retries are spent. */
export class KobanRateLimitError extends KobanApiError {
  override name = "KobanRateLimitError";
  /** Seconds Koban asked to wait, from `Retry-After`. */
  get retryAfter(): number | undefined {
    const seconds = Number(this.headers.get("retry-after"));
    return this.headers.has("retry-after") && Number.isFinite(seconds) ? seconds : undefined;
  }
}
/** 5xx: something went wrong on Koban's side. Retried automatically; thrown once retries are spent. */
export class KobanServerError extends KobanApiError {
  override name = "KobanServerError";
}

/** No answer came: the connection failed. Retried automatically; thrown once retries are spent. */
export class KobanConnectionError extends KobanError {
  override name = "KobanConnectionError";
  constructor(message = "Could not reach Koban.", options?: { cause?: unknown }) {
    super(message, options);
  }
}
/** No answer came within the timeout. Retried automatically; thrown once retries are spent. */
export class KobanTimeoutError extends KobanConnectionError {
  override name = "KobanTimeoutError";
  constructor(timeout: number) {
    super(`Koban did not answer within ${timeout} ms.`);
  }
}

/** A webhook's signature, timestamp or headers did not check out: do not trust its body. */
export class KobanWebhookVerificationError extends KobanError {
  override name = "KobanWebhookVerificationError";
}

/** The error class for an error answer, chosen by status and problem code. */
export function errorFor(status: number, problem: Problem | undefined, headers: Headers): KobanApiError {
  const code = problem?.code as string | undefined;
  if (code === "idempotency_in_progress" || code === "idempotency_key_reused") {
    return new KobanIdempotencyError(status, problem, headers);
  }
  if (status === 401) return new KobanAuthenticationError(status, problem, headers);
  if (status === 403) return new KobanPermissionError(status, problem, headers);
  if (status === 404) return new KobanNotFoundError(status, problem, headers);
  if (status === 409) return new KobanConflictError(status, problem, headers);
  if (status === 429) return new KobanRateLimitError(status, problem, headers);
  if (status >= 500) return new KobanServerError(status, problem, headers);
  return new KobanInvalidRequestError(status, problem, headers);
}
