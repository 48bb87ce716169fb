/** What the demo partner's program starts with: ¥10,000,000 of test money. */
export const DEMO_DEPOSIT = 10_000_000;

/**
 * Funds a new demo partner's test program through the API, as a partner would in the sandbox,
 * once the program's funding account exists (the workers open it as they start).
 */
export async function fundDemoProgram(apiUrl: string, apiKey: string, timeoutMs = 30_000): Promise<void> {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${apiUrl}/v1/accounts`, { headers });
    const accounts = response.ok ? ((await response.json()) as { data: unknown[] }) : undefined;
    if (accounts && accounts.data.length > 0) break;
    if (Date.now() > deadline) throw new Error("the demo program's funding account did not open in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const response = await fetch(`${apiUrl}/v1/simulate/deposits`, {
    method: "POST",
    headers: { ...headers, "idempotency-key": "demo-partner-opening-deposit" },
    body: JSON.stringify({ amount: DEMO_DEPOSIT, description: "Opening test deposit" }),
  });
  if (!response.ok) throw new Error(`the demo deposit failed: ${response.status} ${await response.text()}`);
}
