/** ISO 8583 field 14, YYMM, as the card's expiry month (the card is good through its last day). */
export function parseExpiry(yymm: string): { month: number; year: number } | undefined {
  const match = /^(\d{2})(\d{2})$/.exec(yymm);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return { month, year: 2000 + Number(match[1]) };
}
