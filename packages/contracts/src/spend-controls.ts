import { z } from "zod";
import { countryCode } from "./countries.ts";

const amountLimit = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable();
const countLimit = z.number().int().positive().max(1_000_000).nullable();
const mcc = z.string().regex(/^\d{4}$/, "must be a 4-digit merchant category code");

/**
 * Limits a card (and, later, a cardholder) puts on authorizations; a program holds the ones its
 * new cards start with. Amounts are integers in the minor unit of the program's currency; days
 * and months are calendar ones in the program's time zone. A null limit is no limit; an empty
 * list is no restriction. Rules across fields are `spendControlsProblem`'s, below.
 */
export const spendControls = z.object({
  amount_limits: z.object({
    per_authorization: amountLimit,
    daily: amountLimit,
    monthly: amountLimit,
    lifetime: amountLimit,
  }),
  count_limits: z.object({ daily: countLimit, monthly: countLimit }),
  allowed_mccs: z.array(mcc).max(500),
  blocked_mccs: z.array(mcc).max(500),
  allowed_countries: z.array(countryCode).max(250),
  blocked_countries: z.array(countryCode).max(250),
});
export type SpendControls = z.infer<typeof spendControls>;

export const noSpendControls: SpendControls = {
  amount_limits: { per_authorization: null, daily: null, monthly: null, lifetime: null },
  count_limits: { daily: null, monthly: null },
  allowed_mccs: [],
  blocked_mccs: [],
  allowed_countries: [],
  blocked_countries: [],
};

/** Wider periods come later: a limit may never be above one that comes after it. */
const amountPeriods = ["per_authorization", "daily", "monthly", "lifetime"] as const;
const countPeriods = ["daily", "monthly"] as const;

/** The field at fault (relative to the controls) and why. */
export interface SpendControlsProblem {
  field: string;
  message: string;
}

function disorder<K extends string>(limits: Record<K, number | null>, periods: readonly K[], group: string) {
  const set = periods.filter((period) => limits[period] !== null);
  for (let i = 1; i < set.length; i++) {
    const narrower = set[i - 1] as K;
    const wider = set[i] as K;
    if ((limits[narrower] as number) > (limits[wider] as number)) {
      return { field: `${group}.${narrower}`, message: `${group}.${narrower} must not exceed ${group}.${wider}.` };
    }
  }
  return undefined;
}

function repeated(name: string, values: readonly string[]): SpendControlsProblem | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return { field: name, message: `${name} lists ${value} twice.` };
    seen.add(value);
  }
  return undefined;
}

/**
 * The rules across fields that the schema leaves out, applied by every context that accepts
 * controls (`card` for a card's, `partner` for a program's defaults), so both say the same.
 * Either an allow list or a block list per dimension: both at once would leave a reader
 * guessing which wins.
 */
export function spendControlsProblem(controls: SpendControls): SpendControlsProblem | undefined {
  const ordered =
    disorder(controls.amount_limits, amountPeriods, "amount_limits") ??
    disorder(controls.count_limits, countPeriods, "count_limits");
  if (ordered) return ordered;
  for (const [allowed, blocked] of [
    ["allowed_mccs", "blocked_mccs"],
    ["allowed_countries", "blocked_countries"],
  ] as const) {
    const twice = repeated(allowed, controls[allowed]) ?? repeated(blocked, controls[blocked]);
    if (twice) return twice;
    if (controls[allowed].length > 0 && controls[blocked].length > 0) {
      return { field: blocked, message: `Set ${allowed} or ${blocked}, not both.` };
    }
  }
  return undefined;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Equal in effect: list order does not matter. */
export function sameSpendControls(a: SpendControls, b: SpendControls): boolean {
  return (
    amountPeriods.every((period) => a.amount_limits[period] === b.amount_limits[period]) &&
    countPeriods.every((period) => a.count_limits[period] === b.count_limits[period]) &&
    sameList(a.allowed_mccs, b.allowed_mccs) &&
    sameList(a.blocked_mccs, b.blocked_mccs) &&
    sameList(a.allowed_countries, b.allowed_countries) &&
    sameList(a.blocked_countries, b.blocked_countries)
  );
}
