import { z } from "zod";

/** A zone name as IANA spells them (`Asia/Tokyo`, `UTC`), which the runtime's Intl also knows. */
export function isTimeZone(name: string): boolean {
  // Intl also takes offsets such as "+09:00"; they have no calendar rules, so they are refused here.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().max(64).refine(isTimeZone, "must be an IANA time zone, like Asia/Tokyo");
