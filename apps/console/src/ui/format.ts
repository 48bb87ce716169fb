/** Amounts are integers in the currency's minor unit; JPY has none, most others two. */
const zeroDecimal = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "TWD", "UGX", "XAF", "XOF"]);

export function money(amount: number, currency: string): string {
  const divisor = zeroDecimal.has(currency.toUpperCase()) ? 1 : 100;
  return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount / divisor);
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}

/** A card number as the console shows it: never more than the last four digits. */
export function maskedPan(last4: string): string {
  return `•••• •••• •••• ${last4}`;
}

export function nameOf(cardholder: {
  individual: { first_name: string; last_name: string } | null;
  business: { legal_name: string } | null;
}): string {
  if (cardholder.individual) return `${cardholder.individual.first_name} ${cardholder.individual.last_name}`;
  return cardholder.business?.legal_name ?? "—";
}
