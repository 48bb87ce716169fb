import {
  CreateWebhookEndpoint,
  DeleteWebhookEndpoint,
  DomainError,
  newId,
  PublicEventRecorded,
  RetryWebhookDelivery,
  RotateWebhookSecret,
  type Tenant,
  UpdateWebhookEndpoint,
  WebhookDeliveryCanceled,
  WebhookDeliveryRetryRequested,
  WebhookEndpointCreated,
  WebhookEndpointDeleted,
  WebhookEndpointUpdated,
  WebhookSecretRotated,
} from "@koban/contracts";
import { type HandlerContext, onCommand, onEvent } from "@koban/messaging";
import { decideUpdate, existing, selects } from "../domain/webhook-endpoint.ts";
import type { DeliveryRow, SecretVault, WebhookStore } from "./webhook-ports.ts";

/** Each canceled delivery says so on its own stream, so the read side sees its attempts and its end in order. */
async function cancelDeliveries(store: WebhookStore, { tx, emit }: HandlerContext, endpointId: string): Promise<void> {
  const canceledAt = new Date().toISOString();
  for (const delivery of await store.cancelPendingDeliveries(tx, endpointId)) {
    emit(
      WebhookDeliveryCanceled,
      { ...deliveryFields(delivery), canceled_at: canceledAt },
      {
        id: delivery.id,
        version: delivery.version,
      },
    );
  }
}

function deliveryFields(delivery: DeliveryRow) {
  return {
    webhook_delivery_id: delivery.id,
    webhook_endpoint_id: delivery.endpoint_id,
    event_id: delivery.event_id,
    event_type: delivery.event_type,
    created_at: delivery.created_at.toISOString(),
  };
}

function tenantOf(command: { tenant: Tenant | null }): Tenant {
  if (!command.tenant) throw new DomainError("invalid_request", "A webhook endpoint belongs to a tenant.");
  return command.tenant;
}

/** Makes the endpoint and its first signing secret, which never leaves `partner` but sealed. */
export const createWebhookEndpoint = (store: WebhookStore, vault: SecretVault) =>
  onCommand(CreateWebhookEndpoint, async (command, { tx, emit }) => {
    const tenant = tenantOf(command);
    const { webhook_endpoint_id: id, ...state } = command.payload;
    const already = await store.loadEndpointForUpdate(tx, tenant, id);
    if (already) return { webhook_endpoint_id: id, stream_version: already.version };
    const now = new Date();
    await store.insertEndpoint(
      tx,
      {
        id,
        partnerId: tenant.partnerId,
        livemode: tenant.livemode,
        url: state.url,
        description: state.description,
        enabledEvents: state.enabled_events,
        status: state.status,
        deleted: false,
        version: 1,
      },
      now.toISOString(),
    );
    await vault.create(tx, id, 1, now);
    emit(
      WebhookEndpointCreated,
      { webhook_endpoint_id: id, ...state, created_at: now.toISOString() },
      { id, version: 1 },
    );
    return { webhook_endpoint_id: id, stream_version: 1 };
  });

export const updateWebhookEndpoint = (store: WebhookStore) =>
  onCommand(UpdateWebhookEndpoint, async (command, context) => {
    const { tx, emit } = context;
    const { webhook_endpoint_id: id, ...changes } = command.payload;
    const endpoint = existing(await store.loadEndpointForUpdate(tx, tenantOf(command), id), id);
    const updated = decideUpdate(endpoint, changes, new Date());
    if (!updated) return { webhook_endpoint_id: id, stream_version: endpoint.version };
    const after = {
      ...endpoint,
      url: updated.url,
      description: updated.description,
      enabledEvents: updated.enabled_events,
      status: updated.status,
      version: endpoint.version + 1,
    };
    await store.updateEndpoint(tx, endpoint, after);
    emit(WebhookEndpointUpdated, updated, { id, version: after.version });
    if (after.status === "disabled") await cancelDeliveries(store, context, id);
    return { webhook_endpoint_id: id, stream_version: after.version };
  });

export const deleteWebhookEndpoint = (store: WebhookStore, vault: SecretVault) =>
  onCommand(DeleteWebhookEndpoint, async (command, context) => {
    const { tx, emit } = context;
    const id = command.payload.webhook_endpoint_id;
    const endpoint = existing(await store.loadEndpointForUpdate(tx, tenantOf(command), id), id);
    const after = { ...endpoint, deleted: true, version: endpoint.version + 1 };
    await store.updateEndpoint(tx, endpoint, after);
    await vault.destroy(tx, id);
    emit(
      WebhookEndpointDeleted,
      { webhook_endpoint_id: id, deleted_at: new Date().toISOString() },
      {
        id,
        version: after.version,
      },
    );
    await cancelDeliveries(store, context, id);
    return { webhook_endpoint_id: id, stream_version: after.version };
  });

/** The new secret signs at once; the previous one too, until the grace period ends. */
export const rotateWebhookSecret = (store: WebhookStore, vault: SecretVault) =>
  onCommand(RotateWebhookSecret, async (command, { tx, emit }) => {
    const id = command.payload.webhook_endpoint_id;
    const endpoint = existing(await store.loadEndpointForUpdate(tx, tenantOf(command), id), id);
    const now = new Date();
    const graceEnds = new Date(now.getTime() + command.payload.expires_in_seconds * 1000);
    const generation = await vault.expireForRotation(tx, id, graceEnds);
    await vault.create(tx, id, generation, now);
    const after = { ...endpoint, version: endpoint.version + 1 };
    await store.updateEndpoint(tx, endpoint, after);
    emit(
      WebhookSecretRotated,
      { webhook_endpoint_id: id, rotated_at: now.toISOString(), previous_secret_expires_at: graceEnds.toISOString() },
      { id, version: after.version },
    );
    return { webhook_endpoint_id: id, stream_version: after.version };
  });

export const retryWebhookDelivery = (store: WebhookStore) =>
  onCommand(RetryWebhookDelivery, async (command, { tx, emit }) => {
    const tenant = tenantOf(command);
    const { webhook_endpoint_id: endpointId, webhook_delivery_id: id } = command.payload;
    const endpoint = existing(await store.loadEndpointForUpdate(tx, tenant, endpointId), endpointId);
    const delivery = await store.loadDeliveryForUpdate(tx, tenant, endpointId, id);
    if (!delivery)
      throw new DomainError("resource_not_found", `No such delivery: ${id}.`, { status: 404, param: "id" });
    if (endpoint.status !== "enabled") {
      throw new DomainError(
        "invalid_state_transition",
        `Webhook endpoint ${endpointId} is disabled; enable it first.`,
        {
          status: 409,
        },
      );
    }
    const version = delivery.version + 1;
    await store.rescheduleNow(tx, id, version);
    emit(
      WebhookDeliveryRetryRequested,
      { ...deliveryFields(delivery), requested_at: new Date().toISOString() },
      { id, version },
    );
    return { webhook_delivery_id: id, stream_version: version };
  });

/** Schedules a public event for every enabled endpoint of its tenant that listens for its type. */
export const scheduleDeliveries = (store: WebhookStore) =>
  onEvent(PublicEventRecorded, async (event, { tx }) => {
    if (!event.tenant) return;
    const rendered = event.payload.event;
    const endpoints = await store.enabledEndpoints(tx, event.tenant);
    await store.recordEventForDelivery(
      tx,
      {
        id: rendered.id,
        type: rendered.type,
        livemode: rendered.livemode,
        createdAt: rendered.created_at,
        body: JSON.stringify(rendered),
      },
      event.tenant.partnerId,
      endpoints.filter((endpoint) => selects(endpoint.enabled_events, rendered.type)).map((endpoint) => endpoint.id),
      () => newId("whd"),
    );
  });

export const webhookHandlers = (store: WebhookStore, vault: SecretVault) => ({
  commands: [
    createWebhookEndpoint(store, vault),
    updateWebhookEndpoint(store),
    deleteWebhookEndpoint(store, vault),
    rotateWebhookSecret(store, vault),
    retryWebhookDelivery(store),
  ],
  events: [scheduleDeliveries(store)],
});
