import type { Address, SpendControls } from "@koban/contracts";
import type { SettlementResource } from "./settlements.ts";
import type { TransactionResource } from "./transactions.ts";

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
  spend_controls: SpendControls;
  compliance_hold: ComplianceHoldColumn | null;
  created_at: Date;
}

/** As the read models keep a hold; `placed_by` (a staff member) is for staff, not partners. */
export interface ComplianceHoldColumn {
  reason: string;
  placed_by: string;
  placed_at: string;
}

/** A hold as partners see it: that Koban placed it, why and when. */
export function renderComplianceHold(hold: ComplianceHoldColumn | null) {
  return hold ? { reason: hold.reason, placed_at: new Date(hold.placed_at).toISOString() } : null;
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
    spend_controls: renderSpendControls(row.spend_controls),
    compliance_hold: renderComplianceHold(row.compliance_hold),
    created_at: row.created_at.toISOString(),
  };
}

export type CardholderResource = ReturnType<typeof renderCardholder>;

/** A card as the API shows it: never its number, security code or digest. */
export interface CardRow {
  id: string;
  livemode: boolean;
  cardholder_id: string;
  program_id: string;
  type: string;
  status: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  spend_controls: SpendControls;
  closed_reason: string | null;
  replacement_for: string | null;
  replacement_reason: string | null;
  replaced_by: string | null;
  funding_source_id: string | null;
  compliance_hold: ComplianceHoldColumn | null;
  created_at: Date;
}

export function renderCard(row: CardRow) {
  return {
    id: row.id,
    object: "card" as const,
    livemode: row.livemode,
    cardholder_id: row.cardholder_id,
    program_id: row.program_id,
    type: row.type,
    status: row.status,
    last4: row.last4,
    exp_month: row.exp_month,
    exp_year: row.exp_year,
    spend_controls: renderSpendControls(row.spend_controls),
    funding_source_id: row.funding_source_id,
    closed_reason: row.closed_reason,
    replacement_for: row.replacement_for,
    replacement_reason: row.replacement_reason,
    replaced_by: row.replaced_by,
    compliance_hold: renderComplianceHold(row.compliance_hold),
    created_at: row.created_at.toISOString(),
  };
}

export type CardResource = ReturnType<typeof renderCard>;

export interface ProgramRow {
  id: string;
  livemode: boolean;
  name: string;
  currency: string;
  timezone: string;
  bin_prefix: string;
  default_spend_controls: SpendControls;
  default_funding_source_id: string | null;
  created_at: Date;
}

export function renderProgram(row: ProgramRow) {
  return {
    id: row.id,
    object: "program" as const,
    livemode: row.livemode,
    name: row.name,
    currency: row.currency,
    timezone: row.timezone,
    bin_prefix: row.bin_prefix,
    default_spend_controls: renderSpendControls(row.default_spend_controls),
    default_funding_source_id: row.default_funding_source_id,
    created_at: row.created_at.toISOString(),
  };
}

export type ProgramResource = ReturnType<typeof renderProgram>;

/** Field by field, so a column holding more (a later version's field) never leaks into the API unannounced. */
function renderSpendControls(controls: SpendControls) {
  const { amount_limits: amounts, count_limits: counts } = controls;
  return {
    amount_limits: {
      per_authorization: amounts.per_authorization,
      daily: amounts.daily,
      monthly: amounts.monthly,
      lifetime: amounts.lifetime,
    },
    count_limits: { daily: counts.daily, monthly: counts.monthly },
    allowed_mccs: controls.allowed_mccs,
    blocked_mccs: controls.blocked_mccs,
    allowed_countries: controls.allowed_countries,
    blocked_countries: controls.blocked_countries,
  };
}

/** A public event: the resource as rendered right after what happened to it. Webhooks deliver the same. */
export interface EventRow {
  id: string;
  livemode: boolean;
  type: string;
  object:
    | CardholderResource
    | CardResource
    | ProgramResource
    | AuthorizationResource
    | TransactionResource
    | SettlementResource;
  created_at: Date;
}

export function renderEvent(row: EventRow) {
  return {
    id: row.id,
    object: "event" as const,
    type: row.type,
    created_at: row.created_at.toISOString(),
    livemode: row.livemode,
    data: { object: row.object },
  };
}

export type EventResource = ReturnType<typeof renderEvent>;

export interface WebhookEndpointRow {
  id: string;
  livemode: boolean;
  url: string;
  description: string | null;
  enabled_events: string[];
  status: "enabled" | "disabled";
  created_at: Date;
  secret_rotated_at: Date | null;
}

export function renderWebhookEndpoint(row: WebhookEndpointRow) {
  return {
    id: row.id,
    object: "webhook_endpoint" as const,
    url: row.url,
    enabled_events: row.enabled_events,
    description: row.description,
    status: row.status,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    secret_rotated_at: row.secret_rotated_at?.toISOString() ?? null,
  };
}

export type WebhookEndpointResource = ReturnType<typeof renderWebhookEndpoint>;

export interface WebhookAttempt {
  attempted_at: string;
  succeeded: boolean;
  response_status: number | null;
  latency_ms: number;
  error: string | null;
}

export interface WebhookDeliveryRow {
  id: string;
  livemode: boolean;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: "pending" | "succeeded" | "failed" | "canceled";
  attempts: WebhookAttempt[];
  next_attempt_at: Date | null;
  created_at: Date;
}

export function renderWebhookDelivery(row: WebhookDeliveryRow) {
  return {
    id: row.id,
    object: "webhook_delivery" as const,
    endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempts: row.attempts.map((attempt) => ({
      attempted_at: attempt.attempted_at,
      succeeded: attempt.succeeded,
      response_status: attempt.response_status,
      latency_ms: attempt.latency_ms,
      error: attempt.error,
    })),
    next_attempt_at: row.next_attempt_at?.toISOString() ?? null,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

export type WebhookDeliveryResource = ReturnType<typeof renderWebhookDelivery>;

export interface AccountRow {
  id: string;
  livemode: boolean;
  kind: "program_funding" | "cardholder_prepaid";
  owner_id: string | null;
  currency: string;
  posted: string;
  pending: string;
  available: string;
  created_at: Date | null;
}

/** Amounts are bigint in Postgres (text on the wire) and safe integers in JSON. */
const amount = (value: string | number) => Number(value);

export function renderAccount(row: AccountRow) {
  return {
    id: row.id,
    object: "account" as const,
    type: row.kind,
    program_id: row.kind === "program_funding" ? row.owner_id : null,
    cardholder_id: row.kind === "cardholder_prepaid" ? row.owner_id : null,
    currency: row.currency,
    balances: { available: amount(row.available), pending: amount(row.pending), posted: amount(row.posted) },
    livemode: row.livemode,
    created_at: (row.created_at ?? new Date(0)).toISOString(),
  };
}

export interface TransferRow {
  id: string;
  livemode: boolean;
  program_id: string;
  cardholder_id: string;
  direction: "to_cardholder" | "to_program";
  amount: string;
  currency: string;
  created_at: Date;
}

export function renderTransfer(row: TransferRow) {
  return {
    id: row.id,
    object: "transfer" as const,
    type: row.direction === "to_cardholder" ? ("load" as const) : ("unload" as const),
    program_id: row.program_id,
    cardholder_id: row.cardholder_id,
    amount: amount(row.amount),
    currency: row.currency,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

export interface DepositRow {
  id: string;
  livemode: boolean;
  program_id: string;
  amount: string;
  currency: string;
  description: string | null;
  created_at: Date;
}

export function renderDeposit(row: DepositRow) {
  return {
    id: row.id,
    object: "deposit" as const,
    program_id: row.program_id,
    amount: amount(row.amount),
    currency: row.currency,
    description: row.description,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

export interface AuthorizationRow {
  id: string;
  livemode: boolean;
  card_id: string;
  cardholder_id: string;
  status: "requested" | "pending" | "declined" | "closed" | "reversed" | "expired";
  amount: string;
  currency: string;
  merchant: { name: string; mcc: string; country: string; network_id: string | null };
  network: { stan: string; rrn: string };
  decline_reason: string | null;
  approval_code: string | null;
  increment_of: string | null;
  remaining_amount: string | null;
  created_at: Date;
  decided_at: Date | null;
  timeline: Array<{ at: string; participant: string; step: string; detail: Record<string, unknown> }>;
}

export function renderAuthorization(row: AuthorizationRow) {
  return {
    id: row.id,
    object: "authorization" as const,
    card_id: row.card_id,
    cardholder_id: row.cardholder_id,
    status: row.status,
    amount: amount(row.amount),
    // What stays authorized: the amount until a reversal releases some of it; nothing unless approved.
    remaining_amount: ["pending", "reversed"].includes(row.status) ? amount(row.remaining_amount ?? row.amount) : 0,
    currency: row.currency,
    merchant: row.merchant,
    network: { stan: row.network.stan, rrn: row.network.rrn },
    approval_code: row.approval_code,
    decline_reason: row.decline_reason,
    increment_of: row.increment_of,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    decided_at: row.decided_at?.toISOString() ?? null,
    timeline: row.timeline.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      participant: entry.participant,
      step: entry.step,
      ...entry.detail,
    })),
  };
}

export type AccountResource = ReturnType<typeof renderAccount>;
export type AuthorizationResource = ReturnType<typeof renderAuthorization>;
