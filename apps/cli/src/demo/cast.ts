/**
 * The demo partner's test-mode cardholders. Each has a part in the simulated traffic: most
 * shop and are approved; Mei's balance is too small for what she tries, Haruto's card is frozen,
 * Yuna's card has a per-authorization limit and blocks casinos.
 */
export interface Role {
  /** Kept in the cardholder's metadata (`koban_demo`), so a restart finds it rather than adding another. */
  key: "sora" | "kenta" | "mei" | "haruto" | "yuna";
  first_name: string;
  last_name: string;
  /** What the cardholder's account is loaded with, and topped up to when it runs low. */
  balance: number;
  card: "active" | "frozen";
  spend_controls?: object;
}

export const YUNA_LIMIT = 5_000;

export const cast: readonly Role[] = [
  { key: "sora", first_name: "Sora", last_name: "Suzuki", balance: 300_000, card: "active" },
  { key: "kenta", first_name: "Kenta", last_name: "Yamada", balance: 300_000, card: "active" },
  { key: "mei", first_name: "Mei", last_name: "Tanaka", balance: 3_000, card: "active" },
  { key: "haruto", first_name: "Haruto", last_name: "Kobayashi", balance: 50_000, card: "frozen" },
  {
    key: "yuna",
    first_name: "Yuna",
    last_name: "Ito",
    balance: 100_000,
    card: "active",
    spend_controls: { amount_limits: { per_authorization: YUNA_LIMIT }, blocked_mccs: ["7995"] },
  },
];

/** The live-mode cardholder who waits for Koban's compliance staff (no partner KYC given). */
export const liveApplicant = {
  key: "riko-live",
  individual: { first_name: "Riko", last_name: "Nakamura" },
  email: "riko.nakamura@example.com",
};
