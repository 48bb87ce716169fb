export { Koban, Koban as default, type KobanOptions, type RequestOptions } from "./client.ts";
export {
  KobanApiError,
  KobanAuthenticationError,
  KobanConflictError,
  KobanConnectionError,
  KobanError,
  KobanIdempotencyError,
  KobanInvalidRequestError,
  KobanNotFoundError,
  KobanPermissionError,
  KobanRateLimitError,
  KobanServerError,
  KobanTimeoutError,
  KobanWebhookVerificationError,
} from "./errors.ts";
export { ApiPromise, type ListBody, Page, PagePromise, type WithResponse } from "./responses.ts";
export type * from "./types.ts";
export { type SignedWebhook, type SignOptions, type VerifyOptions, type WebhookHeaders, Webhooks } from "./webhooks.ts";
