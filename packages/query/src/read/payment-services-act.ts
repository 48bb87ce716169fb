/**
 * Japan's Payment Services Act (資金決済法) for prepaid payment instruments: on each base date
 * (31 March and 30 September) an issuer whose unused balance exceeds ¥10,000,000 must deposit
 * half of that balance (rounded up) as security.
 */
export const DEPOSIT_THRESHOLD_JPY = 10_000_000;

/** A base date, `YYYY-MM-31` in March or `YYYY-09-30`; anything else is refused. */
export function isBaseDate(date: string): boolean {
  return /^\d{4}-(03-31|09-30)$/.test(date);
}

/** The end of a base date in Japan (JST, UTC+9, no daylight saving): the next day's 00:00 JST. */
export function endOfBaseDate(date: string): Date {
  if (!isBaseDate(date)) throw new Error(`${date} is not a base date (YYYY-03-31 or YYYY-09-30)`);
  return new Date(Date.parse(`${date}T15:00:00Z`));
}

/** The security deposit due for an unused balance: half of it, rounded up, once it exceeds the threshold. */
export function depositDue(unused: number): number {
  return unused > DEPOSIT_THRESHOLD_JPY ? Math.ceil(unused / 2) : 0;
}
