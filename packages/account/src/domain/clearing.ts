/**
 * How much more than was authorized a presentment may take and still be a purchase (a tip, a
 * fuel pump's final amount): the network lets merchants present up to this share above the
 * authorization. Beyond it the excess is taken anyway (the network has cleared it) but the
 * transaction is a force post.
 */
export const TIP_TOLERANCE_PERCENT = 20;

export function withinTolerance(excess: number, authorized: number): boolean {
  return excess * 100 <= authorized * TIP_TOLERANCE_PERCENT;
}

/**
 * How much deeper below zero a posting took a balance (what the partner owes for it): the
 * balance's posted amount after, and what the posting debited from it.
 */
export function shortfallOf(postedAfter: number, debited: number): number {
  const below = (posted: number) => Math.max(0, -posted);
  return below(postedAfter) - below(postedAfter + debited);
}

/** A presentment's share of a live hold: what the hold pays, what it keeps for later presentments, any excess. */
export function drawDown(
  held: number,
  amount: number,
  last: boolean,
): { fromHold: number; keep: number; released: number; excess: number } {
  const fromHold = Math.min(held, amount);
  const left = held - fromHold;
  return { fromHold, keep: last ? 0 : left, released: last ? left : 0, excess: amount - fromHold };
}

/**
 * Which holds pay `amount`, in the order given (the authorization's own, then its increments'):
 * each gives what it can until the amount is paid; a hold that gives nothing is released.
 */
export function payFromHolds<H extends { amount: number }>(
  holds: readonly H[],
  amount: number,
): Array<{ hold: H; take: number }> {
  let left = amount;
  return holds.map((hold) => {
    const take = Math.min(hold.amount, left);
    left -= take;
    return { hold, take };
  });
}
