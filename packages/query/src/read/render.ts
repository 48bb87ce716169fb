import type { Address } from "@koban/contracts";

/** The one place a cardholder becomes its public JSON: API responses, events and webhooks. */
export interface CardholderRow {
  id: string;
  livemode: boolean;
  type: string;
  status: string;
  kyc_status: string;
  business_id: string | null;
  individual: { first_name: string; last_name: string } | null;
  business: { legal_name: string } | null;
  email: string | null;
  phone_number: string | null;
  address: Address | null;
  metadata: Record<string, string>;
  created_at: Date;
}

export function renderCardholder(row: CardholderRow) {
  return {
    id: row.id,
    object: "cardholder" as const,
    livemode: row.livemode,
    type: row.type,
    status: row.status,
    kyc_status: row.kyc_status,
    individual: row.individual,
    business: row.business,
    business_id: row.business_id,
    email: row.email,
    phone_number: row.phone_number,
    address: row.address && {
      line1: row.address.line1,
      line2: row.address.line2,
      city: row.address.city,
      state: row.address.state,
      postal_code: row.address.postal_code,
      country: row.address.country,
    },
    metadata: row.metadata,
    created_at: row.created_at.toISOString(),
  };
}

export type CardholderResource = ReturnType<typeof renderCardholder>;
