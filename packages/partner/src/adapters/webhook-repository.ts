import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { AttemptRecord, DeliveryRow, LeasedDelivery, WebhookStore } from "../application/webhook-ports.ts";
import type { WebhookEndpoint } from "../domain/webhook-endpoint.ts";

interface EndpointRow {
  id: string;
  partner_id: string;
  livemode: boolean;
  url: string;
  description: string | null;
  enabled_events: string[];
  status: "enabled" | "disabled";
  deleted_at: Date | null;
  version: number;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  partnerId: row.partner_id,
  livemode: row.livemode,
  url: row.url,
  description: row.description,
  enabledEvents: row.enabled_events,
  status: row.status,
  deleted: row.deleted_at !== null,
  version: row.version,
});

/** The tenant's endpoint, locked for a change; another tenant's is not found. */
async function loadEndpointForUpdate(db: Queryable, tenant: Tenant, id: string): Promise<WebhookEndpoint | undefined> {
  const { rows } = await db.query<EndpointRow>(
    "SELECT * FROM partner.webhook_endpoints WHERE id = $1 AND partner_id = $2 AND livemode = $3 FOR UPDATE",
    [id, tenant.partnerId, tenant.livemode],
  );
  return rows[0] && toEndpoint(rows[0]);
}

async function insertEndpoint(db: Queryable, endpoint: WebhookEndpoint, createdAt: string): Promise<void> {
  await db.query(
    `INSERT INTO partner.webhook_endpoints
       (id, partner_id, livemode, url, description, enabled_events, status, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      endpoint.id,
      endpoint.partnerId,
      endpoint.livemode,
      endpoint.url,
      endpoint.description,
      endpoint.enabledEvents,
      endpoint.status,
      createdAt,
      endpoint.version,
    ],
  );
}

/** Writes the endpoint's state; the version check guards against a lost update. */
async function updateEndpoint(db: Queryable, before: WebhookEndpoint, after: WebhookEndpoint): Promise<void> {
  const result = await db.query(
    `UPDATE partner.webhook_endpoints
     SET url = $3, description = $4, enabled_events = $5, status = $6, version = $7,
         deleted_at = CASE WHEN $8 THEN coalesce(deleted_at, now()) END
     WHERE id = $1 AND version = $2`,
    [
      after.id,
      before.version,
      after.url,
      after.description,
      after.enabledEvents,
      after.status,
      after.version,
      after.deleted,
    ],
  );
  if (result.rowCount !== 1) throw new Error(`Webhook endpoint ${after.id} changed concurrently`);
}

/** A disabled or deleted endpoint's waiting deliveries will not be attempted; returns them as they are now. */
async function cancelPendingDeliveries(db: Queryable, endpointId: string): Promise<DeliveryRow[]> {
  const { rows } = await db.query<DeliveryRow>(
    `WITH canceled AS (
       UPDATE partner.webhook_deliveries SET status = 'canceled', next_attempt_at = NULL, lease_until = NULL,
         lease_id = NULL, version = version + 1
       WHERE endpoint_id = $1 AND status = 'pending' RETURNING *
     )
     SELECT ${deliveryColumns} FROM canceled d JOIN partner.webhook_events e ON e.id = d.event_id`,
    [endpointId],
  );
  return rows;
}

/** Keeps a rendered public event and schedules it for each enabled endpoint of its tenant that selects it. */
async function recordEventForDelivery(
  db: Queryable,
  event: { id: string; type: string; livemode: boolean; createdAt: string; body: string },
  partnerId: string,
  endpointIds: readonly string[],
  newDeliveryId: () => string,
): Promise<void> {
  await db.query(
    `INSERT INTO partner.webhook_events (id, partner_id, livemode, type, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [event.id, partnerId, event.livemode, event.type, event.body, event.createdAt],
  );
  if (endpointIds.length === 0) return;
  await db.query(
    `INSERT INTO partner.webhook_deliveries (id, endpoint_id, event_id, partner_id, livemode, status, next_attempt_at, created_at)
     SELECT ids.id, ids.endpoint_id, $2, $3, $4, 'pending', now(), now()
     FROM unnest($5::text[], $1::text[]) AS ids (id, endpoint_id)
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [endpointIds, event.id, partnerId, event.livemode, endpointIds.map(() => newDeliveryId())],
  );
}

async function enabledEndpoints(
  db: Queryable,
  tenant: Tenant,
): Promise<Array<{ id: string; enabled_events: string[] }>> {
  const { rows } = await db.query<{ id: string; enabled_events: string[] }>(
    `SELECT id, enabled_events FROM partner.webhook_endpoints
     WHERE partner_id = $1 AND livemode = $2 AND status = 'enabled' AND deleted_at IS NULL`,
    [tenant.partnerId, tenant.livemode],
  );
  return rows;
}

const deliveryColumns = `d.id, d.endpoint_id, d.event_id, e.type AS event_type, d.partner_id, d.livemode, d.status,
  d.attempt_count, d.schedule_step, d.next_attempt_at, d.lease_until, d.created_at, d.version`;

async function loadDeliveryForUpdate(
  db: Queryable,
  tenant: Tenant,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM partner.webhook_deliveries d JOIN partner.webhook_events e ON e.id = d.event_id
     WHERE d.id = $1 AND d.endpoint_id = $2 AND d.partner_id = $3 AND d.livemode = $4 FOR UPDATE OF d`,
    [id, endpointId, tenant.partnerId, tenant.livemode],
  );
  return rows[0];
}

/** A manual redelivery: due now, with the schedule started over. */
async function rescheduleNow(db: Queryable, id: string, version: number): Promise<void> {
  await db.query(
    `UPDATE partner.webhook_deliveries SET status = 'pending', next_attempt_at = now(), schedule_step = 0,
       lease_until = NULL, lease_id = NULL, version = $2 WHERE id = $1`,
    [id, version],
  );
}

/**
 * Leases up to `limit` due deliveries for `leaseMs`: a deliverer that dies mid-attempt loses the
 * lease, and another attempts the delivery again (at least once, never lost).
 */
async function leaseDueDeliveries(db: Queryable, limit: number, leaseMs: number): Promise<LeasedDelivery[]> {
  const { rows } = await db.query<LeasedDelivery>(
    `WITH due AS (
       SELECT id FROM partner.webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), leased AS (
       UPDATE partner.webhook_deliveries d SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
         lease_id = gen_random_uuid()
       FROM due WHERE d.id = due.id RETURNING d.*
     )
     SELECT ${deliveryColumns}, d.lease_id, w.url, e.body
     FROM leased d JOIN partner.webhook_events e ON e.id = d.event_id JOIN partner.webhook_endpoints w ON w.id = d.endpoint_id`,
    [limit, leaseMs],
  );
  return rows;
}

/** The delivery, if the lease taken is still this deliverer's and it is still pending. */
async function reloadLeased(db: Queryable, id: string, leaseId: string): Promise<DeliveryRow | undefined> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM partner.webhook_deliveries d JOIN partner.webhook_events e ON e.id = d.event_id
     WHERE d.id = $1 AND d.status = 'pending' AND d.lease_id = $2 FOR UPDATE OF d`,
    [id, leaseId],
  );
  return rows[0];
}

async function recordAttempt(
  db: Queryable,
  delivery: DeliveryRow,
  attempt: AttemptRecord,
  after: { status: DeliveryRow["status"]; scheduleStep: number; nextAttemptAt: Date | null; version: number },
): Promise<void> {
  await db.query(
    `INSERT INTO partner.webhook_attempts (delivery_id, attempt, attempted_at, succeeded, response_status, latency_ms, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      delivery.id,
      delivery.attempt_count + 1,
      attempt.attemptedAt,
      attempt.succeeded,
      attempt.responseStatus,
      attempt.latencyMs,
      attempt.error,
    ],
  );
  await db.query(
    `UPDATE partner.webhook_deliveries SET status = $2, attempt_count = attempt_count + 1, schedule_step = $3,
       next_attempt_at = $4, lease_until = NULL, lease_id = NULL, version = $5 WHERE id = $1`,
    [delivery.id, after.status, after.scheduleStep, after.nextAttemptAt, after.version],
  );
}

export const webhookRepository: WebhookStore = {
  loadEndpointForUpdate,
  insertEndpoint,
  updateEndpoint,
  cancelPendingDeliveries,
  enabledEndpoints,
  recordEventForDelivery,
  loadDeliveryForUpdate,
  rescheduleNow,
  leaseDueDeliveries,
  reloadLeased,
  recordAttempt,
};
