import { randomInt } from "node:crypto";
import { type NetworkResult, sendAuthorization } from "./client.ts";
import type { Merchant } from "./messages.ts";

/** A card the generator may use: what a network sees of it. */
export interface TrafficCard {
  pan: string;
  /** YYMM. */
  expiry: string;
  cvv2?: string | null;
}

/** A kind of merchant, how often it appears, and the amounts it charges (minor units, from–to). */
export interface MerchantProfile {
  merchant: Merchant;
  weight: number;
  amount: [number, number];
  /** Card present (chip): no CVV2 is sent. */
  cardPresent?: boolean;
}

/**
 * A day's mix for a JPY card in Japan, with some travel and online spending abroad: mostly small
 * card-present purchases, a tail of larger online ones, and a few merchants that spend controls
 * commonly block (gambling, jewellery abroad).
 */
export const defaultMix: readonly MerchantProfile[] = [
  {
    merchant: { name: "Lawson Shibuya", mcc: "5411", country: "JP" },
    weight: 25,
    amount: [120, 2_500],
    cardPresent: true,
  },
  { merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" }, weight: 15, amount: [300, 1_500], cardPresent: true },
  {
    merchant: { name: "Tokyo Metro", mcc: "4111", country: "JP" },
    weight: 12,
    amount: [170, 1_000],
    cardPresent: true,
  },
  {
    merchant: { name: "Izakaya Hana", mcc: "5812", country: "JP" },
    weight: 10,
    amount: [2_000, 12_000],
    cardPresent: true,
  },
  {
    merchant: { name: "ENEOS Station", mcc: "5541", country: "JP" },
    weight: 6,
    amount: [3_000, 9_000],
    cardPresent: true,
  },
  { merchant: { name: "Rakuten Ichiba", mcc: "5399", country: "JP" }, weight: 10, amount: [800, 30_000] },
  { merchant: { name: "Apple.com/bill", mcc: "5735", country: "US" }, weight: 6, amount: [150, 3_000] },
  { merchant: { name: "AWS EMEA", mcc: "4816", country: "LU" }, weight: 4, amount: [500, 80_000] },
  { merchant: { name: "Singapore Airlines", mcc: "4511", country: "SG" }, weight: 3, amount: [40_000, 250_000] },
  { merchant: { name: "Marina Bay Casino", mcc: "7995", country: "SG" }, weight: 2, amount: [10_000, 100_000] },
  { merchant: { name: "Tiffany Paris", mcc: "5944", country: "FR" }, weight: 1, amount: [50_000, 900_000] },
];

export interface TrafficOptions {
  gatewayUrl: string;
  cards: readonly TrafficCard[];
  /** Authorizations started per second (open loop: the pace does not wait for answers). */
  ratePerSecond: number;
  durationMs: number;
  currency?: string;
  mix?: readonly MerchantProfile[];
  /** The network's timeout for each. Default 5000 ms. */
  timeoutMs?: number;
  /** No more than this many in flight; beyond it a tick is skipped and counted. Default 1000. */
  maxInFlight?: number;
  onResult?: (result: NetworkResult) => void;
}

export interface TrafficReport {
  sent: number;
  skipped: number;
  answered: number;
  timeouts: number;
  errors: number;
  byResponseCode: Record<string, number>;
  /** Of answered requests, in ms. */
  latency: { p50: number; p95: number; p99: number; max: number };
  /** Authorizations answered per second over the run. */
  throughput: number;
  elapsedMs: number;
}

function pick<T extends { weight: number }>(items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = Math.random() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** An amount skewed towards the low end of the range, as real spending is. */
function amountIn([low, high]: [number, number]): number {
  const skewed = Math.random() ** 2;
  return Math.max(1, Math.round(low + (high - low) * skewed));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Sends a mix of authorizations at a set rate for a set time, as a network's traffic would
 * arrive, and reports what came back: answers by response code, timeouts, and latency
 * percentiles. For tests, demos and benchmarks.
 */
export async function generateTraffic(options: TrafficOptions): Promise<TrafficReport> {
  if (options.cards.length === 0) throw new Error("generateTraffic needs at least one card");
  const mix = options.mix ?? defaultMix;
  const interval = 1_000 / options.ratePerSecond;
  const maxInFlight = options.maxInFlight ?? 1_000;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const latencies: number[] = [];
  const report: TrafficReport = {
    sent: 0,
    skipped: 0,
    answered: 0,
    timeouts: 0,
    errors: 0,
    byResponseCode: {},
    latency: { p50: 0, p95: 0, p99: 0, max: 0 },
    throughput: 0,
    elapsedMs: 0,
  };
  for (let tick = 0; ; tick++) {
    if (tick * interval >= options.durationMs) break;
    const wait = started + tick * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= maxInFlight) {
      report.skipped++;
      continue;
    }
    const card = options.cards[randomInt(options.cards.length)] as TrafficCard;
    const profile = pick(mix);
    report.sent++;
    const sending = sendAuthorization({
      gatewayUrl: options.gatewayUrl,
      pan: card.pan,
      expiry: card.expiry,
      cvv2: profile.cardPresent ? null : (card.cvv2 ?? null),
      amount: amountIn(profile.amount),
      currency: options.currency ?? "JPY",
      merchant: profile.merchant,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }).then((result) => {
      if (result.outcome === "answered") {
        report.answered++;
        report.byResponseCode[result.responseCode] = (report.byResponseCode[result.responseCode] ?? 0) + 1;
        latencies.push(result.latencyMs);
      } else if (result.outcome === "timeout") report.timeouts++;
      else report.errors++;
      options.onResult?.(result);
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }
  await Promise.all(inFlight);
  report.elapsedMs = Math.round(performance.now() - started);
  latencies.sort((a, b) => a - b);
  report.latency = {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
  report.throughput = Math.round((report.answered / report.elapsedMs) * 1_000 * 10) / 10;
  return report;
}
