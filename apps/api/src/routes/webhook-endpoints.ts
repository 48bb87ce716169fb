import {
  CreateWebhookEndpoint,
  DeleteWebhookEndpoint,
  DomainError,
  idSchema,
  newId,
  RetryWebhookDelivery,
  RotateWebhookSecret,
  type Tenant,
  UpdateWebhookEndpoint,
  webhookDeliveryStatuses,
} from "@koban/contracts";
import { readWebhookEndpointSecret, refuseWebhookUrl } from "@koban/partner";
import { consistencyToken, publicEventPrefixes, publicEventTypes } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { CommandOutcome } from "../http/commands.ts";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, listPage, type Route, readAfterWrite, type WriteOutcome } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const selector = z.enum(["*", ...publicEventPrefixes, ...publicEventTypes] as [string, ...string[]]);
const enabledEvents = z
  .array(selector)
  .min(1)
  .max(50)
  .refine((list) => new Set(list).size === list.length, "lists an event twice");
const url = z.url({ protocol: /^https?$/ }).max(2048);
const description = z.string().max(500).nullable();
const status = z.enum(["enabled", "disabled"]);

const createBody = z.strictObject({
  url,
  enabled_events: enabledEvents,
  description: description.default(null),
  status: status.default("enabled"),
});
const updateBody = z
  .strictObject({
    url: url.optional(),
    enabled_events: enabledEvents.optional(),
    description: description.optional(),
    status: status.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Send at least one field to change.");
const rotateBody = z.strictObject({ expires_in_seconds: z.number().int().min(0).max(604_800).default(86_400) });
const nothing = z.strictObject({}).optional();

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("we").optional(),
});
const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("whd").optional(),
  status: z.enum(webhookDeliveryStatuses).optional(),
  event_id: idSchema("evt").optional(),
});

/** A malformed id names nothing: 404, as an unknown one. */
function idParam(request: FastifyRequest, name: "id" | "delivery_id", prefix: "we" | "whd", kind: string): string {
  const id = (request.params as Record<string, string>)[name] ?? "";
  if (!idSchema(prefix).safeParse(id).success)
    throw new Problem(404, "resource_not_found", `No such ${kind}: ${id}.`, name);
  return id;
}
const endpointIdParam = (request: FastifyRequest) => idParam(request, "id", "we", "webhook endpoint");

/** A URL that may not receive deliveries is refused before anything is written. */
async function checkUrl(deps: ApiDeps, tenant: Tenant, target: string | undefined): Promise<void> {
  if (target === undefined) return;
  const refusal = await refuseWebhookUrl(target, tenant.livemode, deps.urlPolicy);
  if (refusal) throw new Problem(400, "parameter_invalid", refusal, "url");
}

type EndpointCommand =
  | typeof CreateWebhookEndpoint
  | typeof UpdateWebhookEndpoint
  | typeof RotateWebhookSecret
  | typeof DeleteWebhookEndpoint;

async function endpointWritten(
  deps: ApiDeps,
  tenant: Tenant,
  outcome: CommandOutcome<EndpointCommand>,
  status: "created" | "updated",
): Promise<WriteOutcome> {
  if (outcome.status !== "accepted") return outcome;
  const { webhook_endpoint_id: id, stream_version } = outcome.result;
  const consistency = consistencyToken(id, stream_version);
  const endpoint = await readAfterWrite(() => deps.query.webhookEndpoints.get.query({ tenant, id, consistency }));
  return endpoint
    ? { status, body: endpoint, consistency }
    : { status: "pending", operationId: outcome.operationId, consistency };
}

export const createWebhookEndpoint: Route = {
  method: "POST",
  url: "/v1/webhook_endpoints",
  scope: "webhooks:write",
  async handle({ request, caller, deps, write }) {
    const body = parseInput(createBody, request.body);
    await checkUrl(deps, caller.tenant, body.url);
    return write(async () => {
      const id = newId("we");
      const outcome = await deps.commands.send(
        CreateWebhookEndpoint,
        { webhook_endpoint_id: id, ...body },
        caller.tenant,
        { type: "webhook_endpoint", id },
      );
      return endpointWritten(deps, caller.tenant, outcome, "created");
    });
  },
};

export const listWebhookEndpoints: Route = {
  method: "GET",
  url: "/v1/webhook_endpoints",
  scope: "webhooks:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.webhookEndpoints.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      consistency,
    });
    return listPage(page);
  },
};

export const getWebhookEndpoint: Route = {
  method: "GET",
  url: "/v1/webhook_endpoints/:id",
  scope: "webhooks:read",
  async handle({ request, caller, deps, consistency }) {
    const id = endpointIdParam(request);
    const endpoint = await deps.query.webhookEndpoints.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(endpoint, "webhook endpoint", id) };
  },
};

export const updateWebhookEndpoint: Route = {
  method: "PATCH",
  url: "/v1/webhook_endpoints/:id",
  scope: "webhooks:write",
  async handle({ request, caller, deps, write }) {
    const id = endpointIdParam(request);
    const body = parseInput(updateBody, request.body);
    await checkUrl(deps, caller.tenant, body.url);
    return write(async () => {
      const outcome = await deps.commands.send(
        UpdateWebhookEndpoint,
        { webhook_endpoint_id: id, ...body },
        caller.tenant,
        {
          type: "webhook_endpoint",
          id,
        },
      );
      return endpointWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};

export const deleteWebhookEndpoint: Route = {
  method: "DELETE",
  url: "/v1/webhook_endpoints/:id",
  scope: "webhooks:write",
  async handle({ request, caller, deps, write }) {
    const id = endpointIdParam(request);
    return write(async () => {
      const outcome = await deps.commands.send(DeleteWebhookEndpoint, { webhook_endpoint_id: id }, caller.tenant, {
        type: "webhook_endpoint",
        id,
      });
      if (outcome.status !== "accepted") return outcome;
      return {
        status: "updated",
        body: { id, object: "webhook_endpoint", deleted: true },
        consistency: consistencyToken(id, outcome.result.stream_version),
      };
    });
  },
};

/** Read directly from `partner`, never over the bus; not cached, not kept for an idempotency key (a GET). */
export const getWebhookEndpointSecret: Route = {
  method: "GET",
  url: "/v1/webhook_endpoints/:id/secret",
  scope: "webhooks:write",
  async handle({ request, caller, deps }) {
    const id = endpointIdParam(request);
    try {
      const secret = await readWebhookEndpointSecret(deps.pool, caller.tenant, id);
      return { status: 200, body: secret, headers: { "Cache-Control": "no-store" } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new Problem(error.details.status ?? 422, error.code, error.message, error.details.param);
    }
  },
};

export const rotateWebhookEndpointSecret: Route = {
  method: "POST",
  url: "/v1/webhook_endpoints/:id/rotate_secret",
  scope: "webhooks:write",
  async handle({ request, caller, deps, write }) {
    const id = endpointIdParam(request);
    const body = parseInput(rotateBody, request.body ?? {});
    return write(async () => {
      const outcome = await deps.commands.send(
        RotateWebhookSecret,
        { webhook_endpoint_id: id, expires_in_seconds: body.expires_in_seconds },
        caller.tenant,
        { type: "webhook_endpoint", id },
      );
      return endpointWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};

export const listWebhookDeliveries: Route = {
  method: "GET",
  url: "/v1/webhook_endpoints/:id/deliveries",
  scope: "webhooks:read",
  async handle({ request, caller, deps, consistency }) {
    const endpointId = endpointIdParam(request);
    const query = parseInput(deliveriesQuery, request.query);
    const page = await deps.query.webhookDeliveries.list.query({
      tenant: caller.tenant,
      endpointId,
      limit: query.limit,
      startingAfter: query.starting_after,
      status: query.status,
      eventId: query.event_id,
      consistency,
    });
    return listPage(found(page, "webhook endpoint", endpointId));
  },
};

export const getWebhookDelivery: Route = {
  method: "GET",
  url: "/v1/webhook_endpoints/:id/deliveries/:delivery_id",
  scope: "webhooks:read",
  async handle({ request, caller, deps, consistency }) {
    const endpointId = endpointIdParam(request);
    const id = idParam(request, "delivery_id", "whd", "delivery");
    const delivery = await deps.query.webhookDeliveries.get.query({
      tenant: caller.tenant,
      endpointId,
      id,
      consistency,
    });
    return { status: 200, body: found(delivery, "delivery", id) };
  },
};

export const retryWebhookDelivery: Route = {
  method: "POST",
  url: "/v1/webhook_endpoints/:id/deliveries/:delivery_id/retry",
  scope: "webhooks:write",
  async handle({ request, caller, deps, write }) {
    const endpointId = endpointIdParam(request);
    const id = idParam(request, "delivery_id", "whd", "delivery");
    parseInput(nothing, request.body);
    return write(async () => {
      const outcome = await deps.commands.send(
        RetryWebhookDelivery,
        { webhook_endpoint_id: endpointId, webhook_delivery_id: id },
        caller.tenant,
        { type: "webhook_delivery", id },
      );
      if (outcome.status !== "accepted") return outcome;
      const consistency = consistencyToken(id, outcome.result.stream_version);
      const delivery = await readAfterWrite(() =>
        deps.query.webhookDeliveries.get.query({ tenant: caller.tenant, endpointId, id, consistency }),
      );
      return delivery
        ? { status: "updated", body: delivery, consistency }
        : { status: "pending", operationId: outcome.operationId, consistency };
    });
  },
};

export const webhookRoutes: Route[] = [
  createWebhookEndpoint,
  listWebhookEndpoints,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpointSecret,
  rotateWebhookEndpointSecret,
  listWebhookDeliveries,
  getWebhookDelivery,
  retryWebhookDelivery,
];
