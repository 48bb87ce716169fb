import { DomainError, type SpendControls } from "@koban/contracts";

const invalid = (param: string, message: string) =>
  new DomainError("parameter_invalid", message, { status: 400, param: `spend_controls.${param}` });

/** Wider periods come later: a limit may never be above one that comes after it. */
const amountPeriods = ["per_authorization", "daily", "monthly", "lifetime"] as const;
const countPeriods = ["daily", "monthly"] as const;

function checkOrdered<K extends string>(limits: Record<K, number | null>, periods: readonly K[], group: string) {
  const set = periods.filter((period) => limits[period] !== null);
  for (let i = 1; i < set.length; i++) {
    const narrower = set[i - 1] as K;
    const wider = set[i] as K;
    if ((limits[narrower] as number) > (limits[wider] as number)) {
      throw invalid(`${group}.${narrower}`, `${group}.${narrower} must not exceed ${group}.${wider}.`);
    }
  }
}

function checkList(name: string, values: readonly string[]) {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw invalid(name, `${name} lists ${value} twice.`);
    seen.add(value);
  }
}

/**
 * The card's rules for spend controls, beyond the shape the schema checks. Either an allow
 * list or a block list per dimension: both at once would leave a reader guessing which wins.
 */
export function validateSpendControls(controls: SpendControls): void {
  checkOrdered(controls.amount_limits, amountPeriods, "amount_limits");
  checkOrdered(controls.count_limits, countPeriods, "count_limits");
  for (const [allowed, blocked] of [
    ["allowed_mccs", "blocked_mccs"],
    ["allowed_countries", "blocked_countries"],
  ] as const) {
    checkList(allowed, controls[allowed]);
    checkList(blocked, controls[blocked]);
    if (controls[allowed].length > 0 && controls[blocked].length > 0) {
      throw invalid(blocked, `Set ${allowed} or ${blocked}, not both.`);
    }
  }
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
