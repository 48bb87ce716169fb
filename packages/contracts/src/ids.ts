import { uuidv7, uuidv7obj } from "uuidv7";
import { z } from "zod";

/** Message ids: UUIDv7, so they sort by time. */
export const newMessageId = (): string => uuidv7();

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** 128 bits as 26 Crockford base32 characters; fixed width keeps the time order of UUIDv7. */
function base32(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export const idPrefixes = {
  partner: "ptn",
  apiKey: "key",
  cardholder: "ch",
  card: "card",
  program: "prg",
  fundingSource: "fs",
  operation: "op",
  request: "req",
  event: "evt",
  webhookEndpoint: "we",
  webhookDelivery: "whd",
  account: "acct",
  transfer: "tr",
  hold: "hold",
  deposit: "dep",
  authorization: "auth",
  transaction: "txn",
  settlement: "stl",
} as const;
export type IdPrefix = (typeof idPrefixes)[keyof typeof idPrefixes];

/** Public ids: opaque, prefixed, time-ordered (`ch_01j...`). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base32(uuidv7obj().bytes)}`;
}

/**
 * The public id a message stands for (an event's `evt_…`): derived from its UUIDv7 id, so a
 * redelivery or a rebuild gives the same id, in the same time order.
 */
export function idFromMessageId(prefix: IdPrefix, messageId: string): string {
  return `${prefix}_${base32(Buffer.from(messageId.replaceAll("-", ""), "hex"))}`;
}

export function idSchema(prefix: IdPrefix) {
  return z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`), `must be a ${prefix}_ id`);
}
