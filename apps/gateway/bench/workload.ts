/**
 * What both the saga and the in-process baseline are given: limits on every card and cardholder,
 * so both read their velocity sums (without limits the participants skip them) and the
 * simulator's mix meets real declines (the casino's MCC, large jewellery), and balances big
 * enough to stay funded through a whole bench (JPY, no minor unit).
 */
export const benchSpendControls = {
  amount_limits: { per_authorization: 500_000, daily: 1_000_000_000 },
  count_limits: { daily: 1_000_000 },
  blocked_mccs: ["7995"],
};

export const LOAD_PER_CARDHOLDER = 50_000_000;
