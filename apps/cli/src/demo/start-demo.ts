import { createPool } from "@koban/db";
import { cast } from "./cast.ts";
import { registerLiveApplicant } from "./live-applicant.ts";
import { sandbox } from "./sandbox.ts";
import { type DemoCard, seedDemoCardholders } from "./seed.ts";
import { runDemoTraffic } from "./traffic.ts";

const TRAFFIC_INTERVAL_MS = 4_000;

export interface DemoOptions {
  databaseUrl: string;
  api_url: string;
  api_key: string;
  partner_id: string;
  traffic: boolean;
}

/**
 * What makes `npm start` a living product: demo cardholders with cards in test mode, a live-mode
 * applicant waiting for staff KYC review, and (unless turned off) a trickle of card payments.
 * Demo data is a nicety: if it cannot be made, the product still runs and says why.
 */
export async function startDemo(options: DemoOptions): Promise<{ summary: string; stop(): Promise<void> }> {
  const write = (line: string) => process.stdout.write(`demo | ${line}\n`);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const api = sandbox(options.api_url, options.api_key, abort.signal);
  const lines: string[] = [];
  let cards: DemoCard[] = [];
  try {
    const pool = createPool(options.databaseUrl, { max: 1, name: "koban-start-demo" });
    try {
      await registerLiveApplicant(pool, options.partner_id);
    } finally {
      await pool.end();
    }
    cards = await seedDemoCardholders(api, cast);
    lines.push(
      `  demo       ${cards.length} test-mode cardholders with cards; a live-mode applicant waits in the staff KYC queue`,
    );
  } catch (error) {
    lines.push(`  demo       not ready: ${error instanceof Error ? error.message : String(error)}`);
  }
  let running: Promise<void> = Promise.resolve();
  if (options.traffic && cards.length > 0) {
    running = runDemoTraffic({ api, cards, intervalMs: TRAFFIC_INTERVAL_MS, signal: abort.signal, log: write });
    lines.push(
      `  traffic    a simulated card payment every ${TRAFFIC_INTERVAL_MS / 1000} s or so (off: --no-traffic or KOBAN_DEMO_TRAFFIC=0)`,
    );
  }
  lines.push("");
  return {
    summary: lines.join("\n"),
    async stop() {
      abort.abort();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await running;
    },
  };
}
