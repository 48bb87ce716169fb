import type { DeclineReason } from "./messages/authorization.ts";
import type { SpendControls } from "./spend-controls.ts";

/**
 * How spend controls judge an authorization, shared by every context that enforces some (`card`
 * for a card's, `cardholder` for a cardholder's), so the same controls decline alike wherever
 * they are set. Which controls apply and what was spent before is each context's own business.
 */

/** An instant's calendar day and month in a time zone, as UTC instants: `start` inclusive, `end` exclusive. */
export interface CalendarPeriods {
  day: { start: Date; end: Date };
  month: { start: Date; end: Date };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The date and time a clock in the zone shows at an instant. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offset(at: number, timeZone: string): number {
  const clock = wallClock(new Date(at), timeZone);
  const shown = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return shown - Math.floor(at / 1000) * 1000;
}

/** The instant a day begins in the zone (month and day may overflow, as Date.UTC's do). */
function startOfDay(year: number, month: number, day: number, timeZone: string): Date {
  const utc = Date.UTC(year, month - 1, day);
  // Twice: the offset at the guess can differ from the offset at midnight across a DST change.
  const first = utc - offset(utc, timeZone);
  return new Date(utc - offset(first, timeZone));
}

export function calendarPeriods(at: Date, timeZone: string): CalendarPeriods {
  const { year, month, day } = wallClock(at, timeZone);
  return {
    day: { start: startOfDay(year, month, day, timeZone), end: startOfDay(year, month, day + 1, timeZone) },
    month: { start: startOfDay(year, month, 1, timeZone), end: startOfDay(year, month + 1, 1, timeZone) },
  };
}

/** What an authorization asks, as spend controls see it. */
export interface SpendAttempt {
  /** In the minor unit of the program's currency. */
  amount: number;
  mcc: string;
  country: string;
  /**
   * Set for an incremental authorization (more on top of an approved one): what that
   * authorization and its earlier increments still hold. The per-authorization limit is on the
   * whole, and the increment is not one more authorization for the count limits.
   */
  increment?: { authorizedBefore: number };
}

/** What was spent before the attempt (authorizations still pending or approved), per period. */
export interface Spent {
  day: { amount: number; count: number };
  month: { amount: number; count: number };
  lifetime: { amount: number };
}

export const nothingSpent: Spent = {
  day: { amount: 0, count: 0 },
  month: { amount: 0, count: 0 },
  lifetime: { amount: 0 },
};

export type SpendDecline = Extract<
  DeclineReason,
  "merchant_blocked" | "country_blocked" | "spend_limit_exceeded" | "velocity_count_exceeded"
>;

const exceeds = (limit: number | null, total: number) => limit !== null && total > limit;

/**
 * Why the controls decline the attempt, or undefined when they allow it. Checked in this order:
 * the merchant's category, its country, the amount limits (this attempt plus what was spent in
 * the period), then the count limits (this attempt being one more, unless it is an increment).
 * A limit reached exactly is allowed.
 */
export function spendControlsDecline(
  controls: SpendControls,
  attempt: SpendAttempt,
  spent: Spent,
): SpendDecline | undefined {
  const { allowed_mccs, blocked_mccs, allowed_countries, blocked_countries } = controls;
  if (blocked_mccs.includes(attempt.mcc)) return "merchant_blocked";
  if (allowed_mccs.length > 0 && !allowed_mccs.includes(attempt.mcc)) return "merchant_blocked";
  if (blocked_countries.includes(attempt.country)) return "country_blocked";
  if (allowed_countries.length > 0 && !allowed_countries.includes(attempt.country)) return "country_blocked";

  const amounts = controls.amount_limits;
  const whole = attempt.amount + (attempt.increment?.authorizedBefore ?? 0);
  if (
    exceeds(amounts.per_authorization, whole) ||
    exceeds(amounts.daily, spent.day.amount + attempt.amount) ||
    exceeds(amounts.monthly, spent.month.amount + attempt.amount) ||
    exceeds(amounts.lifetime, spent.lifetime.amount + attempt.amount)
  ) {
    return "spend_limit_exceeded";
  }
  const counts = controls.count_limits;
  if (attempt.increment) return undefined;
  if (exceeds(counts.daily, spent.day.count + 1) || exceeds(counts.monthly, spent.month.count + 1)) {
    return "velocity_count_exceeded";
  }
  return undefined;
}

/** Whether the controls count per day or month, and so need the program's calendar. */
export function usesCalendar(controls: SpendControls): boolean {
  const { amount_limits: amounts, count_limits: counts } = controls;
  return amounts.daily !== null || amounts.monthly !== null || counts.daily !== null || counts.monthly !== null;
}

/** Whether the controls limit amounts or counts, and so need what was spent before (else it can go unread). */
export function limitsSpending(controls: SpendControls): boolean {
  return (
    Object.values(controls.amount_limits).some((limit) => limit !== null) ||
    Object.values(controls.count_limits).some((limit) => limit !== null)
  );
}
