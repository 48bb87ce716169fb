import { assertMatchesContract, loadContract } from "@koban/testing/openapi";

const contract = loadContract();

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely; the contract check types them.
  body: any;
}

/** A tiny HTTP client for tests; every response is checked against openapi/ on the way. */
export function apiClient(baseUrl: string, key: string | undefined) {
  return async function request(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; contract?: boolean } = {},
  ): Promise<ApiResponse> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.body !== undefined || options.rawBody !== undefined ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (options.contract !== false) {
      assertMatchesContract(contract, { method, path, status: response.status, headers: response.headers, body });
    }
    return { status: response.status, headers: response.headers, body };
  };
}

export const individual = (first_name: string, last_name = "Tanaka") => ({
  type: "individual",
  individual: { first_name, last_name },
});
