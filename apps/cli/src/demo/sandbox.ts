/** The demo partner's test-mode API, called as a partner's own code would call it. */
export type Sandbox = <T>(method: "GET" | "POST", path: string, body?: object) => Promise<T>;

export function sandbox(apiUrl: string, apiKey: string, signal?: AbortSignal): Sandbox {
  return async <T>(method: "GET" | "POST", path: string, body?: object) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    // 202: accepted but not yet readable; the demo wants the resource, so it counts as not done.
    if (response.status >= 300 || response.status === 202) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  };
}

/** Tries `attempt` until it succeeds or `times` tries failed: a resource just written may lag in the read side. */
export async function retrying<T>(attempt: () => Promise<T>, times = 20, delayMs = 250): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= times) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
