import { errorFor, KobanApiError, KobanConnectionError, KobanError, KobanTimeoutError } from "./errors.ts";
import {
  Accounts,
  Authorizations,
  Cardholders,
  Cards,
  Deposits,
  Events,
  FundingSources,
  Operations,
  Programs,
  Settlements,
  Simulate,
  Transactions,
  Transfers,
  WebhookEndpoints,
} from "./resources.ts";
import { ApiPromise, type ListBody, Page, PagePromise, type WithResponse } from "./responses.ts";
import type { Operation, Problem } from "./types.ts";
import { Webhooks } from "./webhooks.ts";

export interface KobanOptions {
  /** Your secret API key, `kb_test_…` or `kb_live_…`. Keep it on your servers. */
  apiKey: string;
  /** Defaults to `https://api.koban.example`. */
  baseUrl?: string;
  /** How many times a failed request is retried (connection errors, timeouts, 408, 409 `idempotency_in_progress`, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** Milliseconds one attempt may take before it is abandoned (and retried). Default 60 000. */
  timeout?: number;
  /** Milliseconds a write answered `202 Accepted` is followed (its operation polled) before giving up. Default 120 000. */
  operationTimeout?: number;
  /** A `fetch` of your own (for tests, proxies, instrumentation). Defaults to the global one. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

export interface RequestOptions {
  /** Milliseconds one attempt may take; overrides the client's `timeout`. */
  timeout?: number;
  /** Overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Abort the call (and its retries). The call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Your own `Idempotency-Key` for a write; by default the SDK makes one per call and keeps it across retries. */
  idempotencyKey?: string;
  /** For a read: the `Koban-Consistency` token of your earlier write, so the read includes it. */
  consistency?: string;
  headers?: Record<string, string>;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestSpec {
  method: Method;
  path: string;
  /** `text` for a body that is not JSON (a CSV export): answered as the string it is. */
  responseType?: "json" | "text";
  query?: object | undefined;
  body?: unknown;
  /**
   * For a write answered `202`: what to answer once its operation has succeeded, a path to read
   * or the answer itself. By default the object the operation names is read.
   */
  afterOperation?: string | (() => unknown);
}

const RETRY_AFTER_LIMIT_MS = 60_000;
/**
 * The read behind each kind of object an operation may name, to fetch what a `202` write produced.
 */
const resourcePaths: Record<string, string> = {
  cardholder: "/v1/cardholders",
  card: "/v1/cards",
  webhook_endpoint: "/v1/webhook_endpoints",
  funding_source: "/v1/funding_sources",
  account: "/v1/accounts",
  transfer: "/v1/transfers",
  deposit: "/v1/deposits",
  authorization: "/v1/authorizations",
  transaction: "/v1/transactions",
};

/**
 * The Koban API. One instance per API key; it is cheap and holds no connection of its own.
 *
 * ```ts
 * const koban = new Koban({ apiKey: process.env.KOBAN_API_KEY });
 * const card = await koban.cards.create({ cardholder_id, type: "virtual" });
 * ```
 */
export class Koban {
  readonly cardholders = new Cardholders(this);
  readonly cards = new Cards(this);
  readonly programs = new Programs(this);
  readonly fundingSources = new FundingSources(this);
  readonly accounts = new Accounts(this);
  readonly transfers = new Transfers(this);
  readonly deposits = new Deposits(this);
  readonly authorizations = new Authorizations(this);
  readonly transactions = new Transactions(this);
  readonly settlements = new Settlements(this);
  readonly events = new Events(this);
  readonly operations = new Operations(this);
  readonly simulate = new Simulate(this);
  readonly webhookEndpoints = new WebhookEndpoints(this);
  readonly webhooks = new Webhooks();

  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly operationTimeout: number;
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;

  constructor(options: KobanOptions) {
    if (!options?.apiKey) throw new KobanError("Koban needs an apiKey: new Koban({ apiKey: 'kb_test_…' }).");
    this.#apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? "https://api.koban.example").replace(/\/+$/, "");
    this.maxRetries = options.maxRetries ?? 2;
    this.timeout = options.timeout ?? 60_000;
    this.operationTimeout = options.operationTimeout ?? 120_000;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.#headers = options.defaultHeaders ?? {};
  }

  /** One call: an object, or (for a write answered `202`) the object once its operation is done. */
  request<T>(spec: RequestSpec, options: RequestOptions = {}): ApiPromise<T> {
    return new ApiPromise(this.#call<T>(spec, options));
  }

  /** One page of a list, whose `getNextPage()` asks for the next with the same filters. */
  requestPage<T>(path: string, query: object | undefined, options: RequestOptions = {}): PagePromise<T> {
    const answer = this.#send<ListBody<T>>({ method: "GET", path, query }, options).then((answer) => ({
      ...answer,
      data: new Page(answer.data, (cursor) => this.requestPage<T>(path, { ...query, starting_after: cursor }, options)),
    }));
    return new PagePromise(answer);
  }

  async #call<T>(spec: RequestSpec, options: RequestOptions): Promise<WithResponse<T>> {
    const answer = await this.#send<T | Operation>(spec, options);
    if (answer.response.status !== 202 || !isOperation(answer.data)) return answer as WithResponse<T>;
    return this.#awaitOperation<T>(spec, answer.data, options);
  }

  /** Follows a write that answered `202 Accepted` until it is done, then reads what it produced. */
  async #awaitOperation<T>(spec: RequestSpec, operation: Operation, options: RequestOptions): Promise<WithResponse<T>> {
    const deadline = Date.now() + this.operationTimeout;
    const readOptions = { ...options, idempotencyKey: undefined };
    let delay = 250;
    for (;;) {
      await sleep(delay, options.signal);
      const polled = await this.#send<Operation>(
        { method: "GET", path: `/v1/operations/${encodeURIComponent(operation.id)}` },
        readOptions,
      );
      const { data: op, response } = polled;
      if (op.status === "failed") {
        const problem = op.error ?? undefined;
        throw errorFor(problem?.status ?? 500, problem, response.headers);
      }
      if (op.status === "succeeded") {
        const { afterOperation } = spec;
        if (typeof afterOperation === "function") return { ...polled, data: afterOperation() as T };
        const base = op.resource ? resourcePaths[op.resource.type] : undefined;
        const path =
          afterOperation ?? (base && op.resource ? `${base}/${encodeURIComponent(op.resource.id)}` : undefined);
        if (!path) {
          const what = op.resource ? `${op.resource.type} ${op.resource.id}` : "nothing named";
          throw new KobanError(`Operation ${op.id} succeeded (${what}), but this SDK has no read for it.`);
        }
        return this.#send<T>({ method: "GET", path }, { ...readOptions, consistency: polled.consistency ?? undefined });
      }
      if (Date.now() + delay > deadline) {
        throw new KobanError(`Operation ${operation.id} was still pending after ${this.operationTimeout} ms.`);
      }
      delay = Math.min(delay * 2, 2_000);
    }
  }

  /** Sends one request, retrying what is safe to retry, and parses the answer. */
  async #send<T>(spec: RequestSpec, options: RequestOptions): Promise<WithResponse<T>> {
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const timeout = options.timeout ?? this.timeout;
    const headers: Record<string, string> = {
      Accept: spec.responseType === "text" ? "text/csv, application/json;q=0.5" : "application/json",
      Authorization: `Bearer ${this.#apiKey}`,
      ...this.#headers,
      ...options.headers,
    };
    // The contract takes an Idempotency-Key on every POST and PATCH (not on DELETE, idempotent by nature).
    if (spec.method === "POST" || spec.method === "PATCH")
      headers["Idempotency-Key"] = options.idempotencyKey ?? crypto.randomUUID();
    if (options.consistency) headers["Koban-Consistency"] = options.consistency;
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    const url = this.baseUrl + spec.path + queryString(spec.query as Query | undefined);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);

    for (let attempt = 0; ; attempt++) {
      const retriesLeft = maxRetries - attempt;
      let response: Response;
      let text: string;
      try {
        [response, text] = await this.#attempt(url, { method: spec.method, headers, body }, timeout, options.signal);
      } catch (error) {
        if (!(error instanceof KobanConnectionError) || retriesLeft <= 0) throw error;
        await sleep(backoff(attempt), options.signal);
        continue;
      }
      if (response.ok) {
        const data = (spec.responseType === "text" ? text : parseJson(text, response)) as T;
        return {
          data,
          response,
          requestId: response.headers.get("request-id"),
          consistency: response.headers.get("koban-consistency"),
        };
      }
      const problem = parseProblem(text);
      const error = errorFor(response.status, problem, response.headers);
      const wait = retriesLeft > 0 ? retryDelay(error, attempt) : undefined;
      if (wait === undefined) throw error;
      await sleep(wait, options.signal);
    }
  }

  /** One HTTP exchange, body included, within the timeout. */
  async #attempt(
    url: string,
    init: RequestInit,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<[Response, string]> {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", abort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      const response = await this.#fetch(url, { ...init, signal: controller.signal });
      // The body is read inside the timeout too: a stalled body is as bad as a stalled answer.
      return [response, await response.text()];
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw new KobanTimeoutError(timeout);
      throw new KobanConnectionError(`Could not reach Koban: ${(error as Error)?.message ?? error}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
    }
  }
}

/** How long to wait before retrying after this error, or `undefined` if it must not be retried. */
function retryDelay(error: KobanApiError, attempt: number): number | undefined {
  const { status, code } = error;
  const retryable =
    status === 408 || status === 429 || status >= 500 || (status === 409 && code === "idempotency_in_progress");
  if (!retryable) return undefined;
  const retryAfter = parseRetryAfter(error.headers.get("retry-after"));
  if (retryAfter === undefined) return backoff(attempt);
  // Waiting minutes inside a call helps nobody: let the caller decide.
  return retryAfter <= RETRY_AFTER_LIMIT_MS ? retryAfter : undefined;
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff from 0.5 s to 8 s, less up to a quarter at random so clients don't retry in step. */
function backoff(attempt: number): number {
  const base = Math.min(500 * 2 ** attempt, 8_000);
  return base * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `?${encoded}` : "";
}

function parseJson(text: string, response: Response): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new KobanApiError(response.status, undefined, response.headers, "Koban's answer was not JSON.");
  }
}

function parseProblem(text: string): Problem | undefined {
  try {
    const body = JSON.parse(text);
    return typeof body === "object" && body !== null && typeof body.status === "number" ? body : undefined;
  } catch {
    return undefined;
  }
}

function isOperation(body: unknown): body is Operation {
  return typeof body === "object" && body !== null && (body as Operation).object === "operation";
}
