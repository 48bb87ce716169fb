import { randomInt } from "node:crypto";

/** A merchant as the network describes it (ISO 8583 DE 18, 42, 43). */
export interface Merchant {
  name: string;
  /** ISO 18245 merchant category code, four digits. */
  mcc: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Card acceptor id. */
  id?: string;
}

/** The network's ids of one message: STAN (DE 11, six digits) and RRN (DE 37, twelve characters). */
export interface NetworkIds {
  stan: string;
  rrn: string;
}

let stanCounter = randomInt(1_000_000);

/**
 * A fresh STAN and RRN. The STAN cycles through 000001–999999 per process, as a network's does;
 * the RRN is YDDD (Julian date) + HH + a six-digit sequence, unique enough for a simulator.
 */
export function newNetworkIds(now = new Date()): NetworkIds {
  stanCounter = (stanCounter % 999_999) + 1;
  const stan = String(stanCounter).padStart(6, "0");
  const start = Date.UTC(now.getUTCFullYear(), 0, 0);
  const day = Math.floor((now.getTime() - start) / 86_400_000);
  const rrn = `${now.getUTCFullYear() % 10}${String(day).padStart(3, "0")}${String(now.getUTCHours()).padStart(2, "0")}${stan}`;
  return { stan, rrn };
}

/** A card's expiry as ISO 8583 DE 14 (YYMM), from a month and a four-digit year or already written so. */
export function expiryField(expiry: string | { month: number; year: number }): string {
  if (typeof expiry === "string") return expiry;
  return `${String(expiry.year % 100).padStart(2, "0")}${String(expiry.month).padStart(2, "0")}`;
}
