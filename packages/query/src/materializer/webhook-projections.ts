import {
  type Envelope,
  type PayloadOf,
  WebhookDeliveryAttempted,
  WebhookDeliveryCanceled,
  WebhookDeliveryRetryRequested,
  WebhookEndpointCreated,
  WebhookEndpointDeleted,
  WebhookEndpointUpdated,
  WebhookSecretRotated,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";
import { setColumns } from "./set-columns.ts";

export const projectWebhookEndpointCreated = onEvent(WebhookEndpointCreated, async (event, { tx }) => {
  if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
  const p = event.payload;
  await tx.query(
    `INSERT INTO query.webhook_endpoints (id, partner_id, livemode, url, description, enabled_events, status,
       created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      p.webhook_endpoint_id,
      event.tenant.partnerId,
      event.tenant.livemode,
      p.url,
      p.description,
      p.enabled_events,
      p.status,
      p.created_at,
      event.stream.version,
    ],
  );
});

type DeliveryFields = Omit<PayloadOf<typeof WebhookDeliveryCanceled>, "canceled_at">;

/**
 * Writes a delivery's state after one of its events. Any of them may be the first the read side
 * sees of the delivery (a redelivery asked for before its first attempt), so each carries enough
 * to create the row.
 */
async function upsertDelivery(
  tx: Queryable,
  event: Envelope<DeliveryFields>,
  state: { status: string; nextAttemptAt: string | null; attempt?: unknown },
): Promise<void> {
  if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
  const p = event.payload;
  const attempts = JSON.stringify(state.attempt ? [state.attempt] : []);
  await tx.query(
    `INSERT INTO query.webhook_deliveries AS d (id, partner_id, livemode, endpoint_id, event_id, event_type, status,
       attempts, next_attempt_at, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = d.attempts || excluded.attempts,
       next_attempt_at = excluded.next_attempt_at, version = excluded.version`,
    [
      p.webhook_delivery_id,
      event.tenant.partnerId,
      event.tenant.livemode,
      p.webhook_endpoint_id,
      p.event_id,
      p.event_type,
      state.status,
      attempts,
      state.nextAttemptAt,
      p.created_at,
      event.stream.version,
    ],
  );
}

/** Every event of an endpoint's and of a delivery's stream, so none waits on a gap (see advance.ts). */
export const webhookProjections = [
  projectWebhookEndpointCreated,
  setColumns("webhook_endpoints", WebhookEndpointUpdated, (p) => ({
    url: p.url,
    description: p.description,
    enabled_events: p.enabled_events,
    status: p.status,
  })),
  setColumns("webhook_endpoints", WebhookEndpointDeleted, (p) => ({ deleted_at: p.deleted_at })),
  setColumns("webhook_endpoints", WebhookSecretRotated, (p) => ({ secret_rotated_at: p.rotated_at })),
  onEvent(WebhookDeliveryAttempted, (event, { tx }) =>
    upsertDelivery(tx, event, {
      status: event.payload.status,
      nextAttemptAt: event.payload.next_attempt_at,
      attempt: event.payload.attempt,
    }),
  ),
  onEvent(WebhookDeliveryRetryRequested, (event, { tx }) =>
    upsertDelivery(tx, event, { status: "pending", nextAttemptAt: event.payload.requested_at }),
  ),
  onEvent(WebhookDeliveryCanceled, (event, { tx }) =>
    upsertDelivery(tx, event, { status: "canceled", nextAttemptAt: null }),
  ),
];
