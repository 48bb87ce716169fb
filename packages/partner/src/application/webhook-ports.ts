import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { WebhookEndpoint } from "../domain/webhook-endpoint.ts";

/** A delivery as stored: one event to one endpoint, with where its schedule stands. */
export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  partner_id: string;
  livemode: boolean;
  status: "pending" | "succeeded" | "failed" | "canceled";
  attempt_count: number;
  schedule_step: number;
  next_attempt_at: Date | null;
  lease_until: Date | null;
  created_at: Date;
  version: number;
}

export type LeasedDelivery = DeliveryRow & { url: string; body: string; lease_id: string };

export interface AttemptRecord {
  attemptedAt: Date;
  succeeded: boolean;
  responseStatus: number | null;
  latencyMs: number;
  error: string | null;
}

/** What the webhook handlers and the deliverer need from storage; the SQL lives in adapters/. */
export interface WebhookStore {
  loadEndpointForUpdate(db: Queryable, tenant: Tenant, id: string): Promise<WebhookEndpoint | undefined>;
  insertEndpoint(db: Queryable, endpoint: WebhookEndpoint, createdAt: string): Promise<void>;
  updateEndpoint(db: Queryable, before: WebhookEndpoint, after: WebhookEndpoint): Promise<void>;
  /** Cancels the endpoint's waiting deliveries and returns them as they are now. */
  cancelPendingDeliveries(db: Queryable, endpointId: string): Promise<DeliveryRow[]>;
  enabledEndpoints(db: Queryable, tenant: Tenant): Promise<Array<{ id: string; enabled_events: string[] }>>;
  recordEventForDelivery(
    db: Queryable,
    event: { id: string; type: string; livemode: boolean; createdAt: string; body: string },
    partnerId: string,
    endpointIds: readonly string[],
    newDeliveryId: () => string,
  ): Promise<void>;
  loadDeliveryForUpdate(
    db: Queryable,
    tenant: Tenant,
    endpointId: string,
    id: string,
  ): Promise<DeliveryRow | undefined>;
  rescheduleNow(db: Queryable, id: string, version: number): Promise<void>;
  leaseDueDeliveries(db: Queryable, limit: number, leaseMs: number): Promise<LeasedDelivery[]>;
  reloadLeased(db: Queryable, id: string, leaseId: string): Promise<DeliveryRow | undefined>;
  recordAttempt(
    db: Queryable,
    delivery: DeliveryRow,
    attempt: AttemptRecord,
    after: { status: DeliveryRow["status"]; scheduleStep: number; nextAttemptAt: Date | null; version: number },
  ): Promise<void>;
}

export interface OpenSecret {
  secret: string;
  expiresAt: Date | null;
}

/** Signing secrets, kept sealed; only this port opens them. */
export interface SecretVault {
  /** Makes a new secret for the endpoint, stored sealed as the given generation. */
  create(db: Queryable, endpointId: string, generation: number, now: Date): Promise<void>;
  /** Starts a rotation: the current secret expires when the grace period ends, any older one now. Returns the next generation. */
  expireForRotation(db: Queryable, endpointId: string, graceEnds: Date): Promise<number>;
  destroy(db: Queryable, endpointId: string): Promise<void>;
  /** The secrets that sign now, newest first. */
  signing(db: Queryable, endpointId: string): Promise<OpenSecret[]>;
}

export interface WebhookResponse {
  status: number | null;
  latencyMs: number;
  error: string | null;
}

/** Sends one signed delivery to an endpoint. */
export type WebhookSender = (url: string, headers: Record<string, string>, body: string) => Promise<WebhookResponse>;
