import { z } from "zod";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const endpointId = idSchema("we");
const deliveryId = idSchema("whd");
const eventId = idSchema("evt");

/**
 * `card.frozen`, `card.*` or `*`. Which public types exist is the query side's to say (it renders
 * them); the facade checks selectors against its list, and `partner` only matches them.
 */
export const webhookEventSelector = z.string().regex(/^(\*|[a-z_]+\.(\*|[a-z_]+))$/, "must be a type, type.* or *");

const endpointState = z.object({
  url: z.url().max(2048),
  description: z.string().max(500).nullable(),
  enabled_events: z.array(webhookEventSelector).min(1).max(50),
  status: z.enum(["enabled", "disabled"]),
});

/** The endpoint's stream version after the command: the facade's read-your-write token. */
const endpointWritten = z.object({ webhook_endpoint_id: endpointId, stream_version: z.number().int().min(1) });

/** The longest a previous secret keeps signing after a rotation. */
export const maxSecretGraceSeconds = 7 * 24 * 60 * 60;

/**
 * The command's tenant owns the endpoint. `partner` makes its signing secret and keeps it
 * encrypted; no message ever carries it.
 */
export const CreateWebhookEndpoint = defineCommand("CreateWebhookEndpoint", {
  context: "partner",
  schema: endpointState.extend({ webhook_endpoint_id: endpointId }),
  result: endpointWritten,
});

export const UpdateWebhookEndpoint = defineCommand("UpdateWebhookEndpoint", {
  context: "partner",
  schema: endpointState.partial().extend({ webhook_endpoint_id: endpointId }),
  result: endpointWritten,
});

export const DeleteWebhookEndpoint = defineCommand("DeleteWebhookEndpoint", {
  context: "partner",
  schema: z.object({ webhook_endpoint_id: endpointId }),
  result: endpointWritten,
});

export const RotateWebhookSecret = defineCommand("RotateWebhookSecret", {
  context: "partner",
  schema: z.object({
    webhook_endpoint_id: endpointId,
    expires_in_seconds: z.number().int().min(0).max(maxSecretGraceSeconds).default(86_400),
  }),
  result: endpointWritten,
});

export const RetryWebhookDelivery = defineCommand("RetryWebhookDelivery", {
  context: "partner",
  schema: z.object({ webhook_endpoint_id: endpointId, webhook_delivery_id: deliveryId }),
  result: z.object({ webhook_delivery_id: deliveryId, stream_version: z.number().int().min(1) }),
});

/** On the endpoint's stream (`we_…`), in its tenant; each carries the endpoint's whole state after it. */
export const WebhookEndpointCreated = defineEvent("WebhookEndpointCreated", {
  context: "partner",
  schema: endpointState.extend({ webhook_endpoint_id: endpointId, created_at: z.iso.datetime() }),
});

export const WebhookEndpointUpdated = defineEvent("WebhookEndpointUpdated", {
  context: "partner",
  schema: endpointState.extend({ webhook_endpoint_id: endpointId, updated_at: z.iso.datetime() }),
});

/** Its deliveries still waiting are canceled with it, as they are when it is disabled. */
export const WebhookEndpointDeleted = defineEvent("WebhookEndpointDeleted", {
  context: "partner",
  schema: z.object({ webhook_endpoint_id: endpointId, deleted_at: z.iso.datetime() }),
});

export const WebhookSecretRotated = defineEvent("WebhookSecretRotated", {
  context: "partner",
  schema: z.object({
    webhook_endpoint_id: endpointId,
    rotated_at: z.iso.datetime(),
    previous_secret_expires_at: z.iso.datetime(),
  }),
});

const delivery = z.object({
  webhook_delivery_id: deliveryId,
  webhook_endpoint_id: endpointId,
  event_id: eventId,
  event_type: z.string(),
  created_at: z.iso.datetime(),
});

export const webhookDeliveryStatuses = ["pending", "succeeded", "failed", "canceled"] as const;

/** On the delivery's stream (`whd_…`): one per attempt, with the delivery's state after it. */
export const WebhookDeliveryAttempted = defineEvent("WebhookDeliveryAttempted", {
  context: "partner",
  schema: delivery.extend({
    attempt: z.object({
      attempted_at: z.iso.datetime(),
      succeeded: z.boolean(),
      response_status: z.number().int().nullable(),
      latency_ms: z.number().int().min(0),
      error: z.string().max(500).nullable(),
    }),
    status: z.enum(webhookDeliveryStatuses),
    next_attempt_at: z.iso.datetime().nullable(),
  }),
});

/** A manual redelivery: the delivery is pending again, due now. */
export const WebhookDeliveryRetryRequested = defineEvent("WebhookDeliveryRetryRequested", {
  context: "partner",
  schema: delivery.extend({ requested_at: z.iso.datetime() }),
});

/** Its endpoint was disabled or deleted before the delivery succeeded. */
export const WebhookDeliveryCanceled = defineEvent("WebhookDeliveryCanceled", {
  context: "partner",
  schema: delivery.extend({ canceled_at: z.iso.datetime() }),
});
