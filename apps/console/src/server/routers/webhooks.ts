import {
  CreateWebhookEndpoint,
  DeleteWebhookEndpoint,
  newId,
  RetryWebhookDelivery,
  RotateWebhookSecret,
  type Tenant,
  UpdateWebhookEndpoint,
  webhookDeliveryStatuses,
} from "@koban/contracts";
import { readWebhookEndpointSecret, refuseWebhookUrl } from "@koban/partner";
import { consistencyToken, publicEventPrefixes, publicEventTypes } from "@koban/query";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { rotateSecretForm, webhookEndpointForm } from "../../shared/forms.ts";
import { sendAudited } from "../send-command.ts";
import { type ConsoleDeps, found, partnerProcedure, router } from "../trpc.ts";

/** What an endpoint may subscribe to: everything, a resource's every type, or one public type. */
const catalogue = ["*", ...publicEventPrefixes, ...publicEventTypes];
const known: ReadonlySet<string> = new Set(catalogue);

const id = z.string().min(1).max(64);
const endpointId = z.object({ id });

/** A command's outcome once a refusal is thrown: accepted with the endpoint's new version, or still pending. */
type Outcome = { status: "accepted"; result: { stream_version: number } } | { status: "pending" };

async function checkForm(deps: ConsoleDeps, tenant: Tenant, form: { url?: string; enabled_events?: string[] }) {
  const unknown = form.enabled_events?.find((selector) => !known.has(selector));
  if (unknown) throw new TRPCError({ code: "BAD_REQUEST", message: `No such event type: ${unknown}.` });
  if (form.url === undefined) return;
  const refusal = await refuseWebhookUrl(form.url, tenant.livemode, deps.urlPolicy);
  if (refusal) throw new TRPCError({ code: "BAD_REQUEST", message: `URL: ${refusal}` });
}

async function visibleEndpoint(deps: ConsoleDeps, tenant: Tenant, endpoint: string) {
  return found(await deps.query.webhookEndpoints.get.query({ tenant, id: endpoint }), "webhook endpoint");
}

/**
 * The endpoint's signing secret, read directly from `partner` (never over the bus) for the page
 * to show once, right after it was made or rotated; null if `partner` has not made it yet.
 */
async function secretOf(deps: ConsoleDeps, tenant: Tenant, endpoint: string, outcome: Outcome) {
  if (outcome.status !== "accepted") return null;
  return (await readWebhookEndpointSecret(deps.pool, tenant, endpoint)).secret;
}

/**
 * The endpoint as the read model has it once it shows the write (null if it is slower than the
 * wait, or deleted), so the page's next read shows the change.
 */
async function afterWrite(deps: ConsoleDeps, tenant: Tenant, endpoint: string, outcome: Outcome) {
  if (outcome.status !== "accepted") return null;
  const consistency = consistencyToken(endpoint, outcome.result.stream_version);
  return deps.query.webhookEndpoints.get.query({ tenant, id: endpoint, consistency }).catch(() => null);
}

const stream = (endpoint: string) => ({ type: "webhook_endpoint", id: endpoint });

const eventTypes = partnerProcedure(["developer", "read"]).query(() => catalogue);

const list = partnerProcedure(["developer", "read"])
  .input(z.object({ limit: z.number().int().min(1).max(100).default(25), startingAfter: id.optional() }))
  .query(({ ctx, input }) => ctx.query.webhookEndpoints.list.query({ tenant: ctx.tenant, ...input }));

const get = partnerProcedure(["developer", "read"])
  .input(endpointId)
  .query(({ ctx, input }) => visibleEndpoint(ctx, ctx.tenant, input.id));

const create = partnerProcedure(["developer", "write"])
  .input(webhookEndpointForm)
  .mutation(async ({ ctx, input }) => {
    await checkForm(ctx, ctx.tenant, input);
    const endpoint = newId("we");
    const payload = { webhook_endpoint_id: endpoint, ...input, status: "enabled" as const };
    const outcome = await sendAudited(ctx, {
      definition: CreateWebhookEndpoint,
      payload,
      tenant: ctx.tenant,
      stream: stream(endpoint),
      action: "webhook_endpoint.create",
      target: endpoint,
      detail: { url: input.url, enabled_events: input.enabled_events },
    });
    await afterWrite(ctx, ctx.tenant, endpoint, outcome);
    return { id: endpoint, secret: await secretOf(ctx, ctx.tenant, endpoint, outcome) };
  });

const update = partnerProcedure(["developer", "write"])
  .input(
    webhookEndpointForm
      .partial()
      .extend({ id, status: z.enum(["enabled", "disabled"]).optional() })
      .refine((form) => Object.keys(form).length > 1, "Change at least one field."),
  )
  .mutation(async ({ ctx, input }) => {
    const { id: endpoint, ...changes } = input;
    await visibleEndpoint(ctx, ctx.tenant, endpoint);
    await checkForm(ctx, ctx.tenant, changes);
    const verb = changes.status === "enabled" ? "enable" : changes.status === "disabled" ? "disable" : "update";
    const outcome = await sendAudited(ctx, {
      definition: UpdateWebhookEndpoint,
      payload: { webhook_endpoint_id: endpoint, ...changes },
      tenant: ctx.tenant,
      stream: stream(endpoint),
      action: `webhook_endpoint.${verb}`,
      target: endpoint,
      detail: { fields: Object.keys(changes) },
    });
    return { endpoint: await afterWrite(ctx, ctx.tenant, endpoint, outcome) };
  });

const rotateSecret = partnerProcedure(["developer", "write"])
  .input(rotateSecretForm.extend({ id }))
  .mutation(async ({ ctx, input }) => {
    await visibleEndpoint(ctx, ctx.tenant, input.id);
    const payload = { webhook_endpoint_id: input.id, expires_in_seconds: input.expiresInSeconds };
    const outcome = await sendAudited(ctx, {
      definition: RotateWebhookSecret,
      payload,
      tenant: ctx.tenant,
      stream: stream(input.id),
      action: "webhook_endpoint.rotate_secret",
      target: input.id,
      detail: { expires_in_seconds: input.expiresInSeconds },
    });
    await afterWrite(ctx, ctx.tenant, input.id, outcome);
    return { secret: await secretOf(ctx, ctx.tenant, input.id, outcome) };
  });

const remove = partnerProcedure(["developer", "write"])
  .input(endpointId)
  .mutation(async ({ ctx, input }) => {
    await visibleEndpoint(ctx, ctx.tenant, input.id);
    const outcome = await sendAudited(ctx, {
      definition: DeleteWebhookEndpoint,
      payload: { webhook_endpoint_id: input.id },
      tenant: ctx.tenant,
      stream: stream(input.id),
      action: "webhook_endpoint.delete",
      target: input.id,
    });
    await afterWrite(ctx, ctx.tenant, input.id, outcome);
    return { id: input.id };
  });

const deliveries = partnerProcedure(["developer", "read"])
  .input(
    z.object({
      endpointId: id,
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: id.optional(),
      status: z.enum(webhookDeliveryStatuses).optional(),
    }),
  )
  .query(async ({ ctx, input }) =>
    found(await ctx.query.webhookDeliveries.list.query({ tenant: ctx.tenant, ...input }), "webhook endpoint"),
  );

const delivery = partnerProcedure(["developer", "read"])
  .input(z.object({ endpointId: id, id }))
  .query(async ({ ctx, input }) =>
    found(await ctx.query.webhookDeliveries.get.query({ tenant: ctx.tenant, ...input }), "delivery"),
  );

const redeliver = partnerProcedure(["developer", "write"])
  .input(z.object({ endpointId: id, id }))
  .mutation(async ({ ctx, input }) => {
    found(await ctx.query.webhookDeliveries.get.query({ tenant: ctx.tenant, ...input }), "delivery");
    const payload = { webhook_endpoint_id: input.endpointId, webhook_delivery_id: input.id };
    await sendAudited(ctx, {
      definition: RetryWebhookDelivery,
      payload,
      tenant: ctx.tenant,
      stream: { type: "webhook_delivery", id: input.id },
      action: "webhook_delivery.redeliver",
      target: input.id,
      detail: { endpoint_id: input.endpointId },
    });
    return { id: input.id };
  });

export const webhooksRouter = router({
  eventTypes,
  list,
  get,
  create,
  update,
  rotateSecret,
  delete: remove,
  deliveries,
  delivery,
  redeliver,
});
