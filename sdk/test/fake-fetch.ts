/** A request as the fake fetch saw it. */
export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  at: number;
}

type Answer = Response | Error | ((request: Seen, signal: AbortSignal | undefined) => Promise<Response> | Response);

/** A fetch that answers from a script, one answer per call, and remembers what it was asked. */
export function fakeFetch(...answers: Answer[]) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request: Seen = {
      method: init.method ?? "GET",
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body: init.body === undefined || init.body === null ? undefined : String(init.body),
      at: Date.now(),
    };
    seen.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request, init.signal ?? undefined);
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "request-id": "req_01m8ayvv4mez1rqnr8sc1q94nd", ...headers },
  });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers = {}): Response {
  return new Response(
    JSON.stringify({
      type: `https://docs.koban.example/errors/${code}`,
      title: code,
      status,
      detail: `${code} happened`,
      code,
      request_id: "req_01m8ayvv4mez1rqnr8sc1q94nd",
      ...extra,
    }),
    { status, headers: { "content-type": "application/problem+json", ...headers } },
  );
}

/** A fetch answer that never comes, but gives up when the request is aborted, as fetch does. */
export function hang(_request: Seen, signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason ?? new DOMException("aborted", "AbortError")));
  });
}

export const card = {
  id: "card_01m8ayvv4mez1rqnr8s0c4rd01",
  object: "card",
  livemode: false,
  cardholder_id: "ch_01m8ayvv4mez1rqnr8s04eww7a",
  program_id: "prg_01m8ayvv4mez1rqnr8s0p0g7am",
  type: "virtual",
  status: "active",
  last4: "4242",
  exp_month: 11,
  exp_year: 2028,
  spend_controls: {
    amount_limits: { per_authorization: null, daily: null, monthly: null, lifetime: null },
    count_limits: { daily: null, monthly: null },
    allowed_mccs: [],
    blocked_mccs: [],
    allowed_countries: [],
    blocked_countries: [],
  },
  closed_reason: null,
  replacement_for: null,
  replacement_reason: null,
  replaced_by: null,
  created_at: "2025-11-26T03:40:00.000Z",
} as const;
