import { tenantSchema, webhookDeliveryStatuses } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import {
  renderWebhookDelivery,
  renderWebhookEndpoint,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from "./render.ts";

const endpointColumns = "id, livemode, url, description, enabled_events, status, created_at, secret_rotated_at";

const getEndpoint = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<WebhookEndpointRow>(
        `SELECT ${endpointColumns} FROM query.webhook_endpoints
         WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND deleted_at IS NULL`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderWebhookEndpoint(rows[0]) : null;
  });

const listEndpoints = t.procedure
  .input(z.object({ tenant: tenantSchema, ...listInput }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<WebhookEndpointRow>(
        `SELECT ${endpointColumns} FROM query.webhook_endpoints
         WHERE partner_id = $1 AND livemode = $2 AND deleted_at IS NULL AND ($3::text IS NULL OR id < $3)
         ORDER BY id DESC LIMIT $4`,
        [input.tenant.partnerId, input.tenant.livemode, input.startingAfter ?? null, input.limit + 1],
      ),
    );
    return page(rows, input.limit, renderWebhookEndpoint);
  });

const deliveryColumns = `d.id, d.livemode, d.endpoint_id, d.event_id, d.event_type, d.status, d.attempts,
  d.next_attempt_at, d.created_at`;

/** A delivery of one of the tenant's live (not deleted) endpoints. */
const getDelivery = t.procedure
  .input(z.object({ tenant: tenantSchema, endpointId: z.string(), id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<WebhookDeliveryRow>(
        `SELECT ${deliveryColumns} FROM query.webhook_deliveries d
         JOIN query.webhook_endpoints w ON w.id = d.endpoint_id AND w.deleted_at IS NULL
         WHERE d.id = $1 AND d.endpoint_id = $2 AND d.partner_id = $3 AND d.livemode = $4`,
        [input.id, input.endpointId, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderWebhookDelivery(rows[0]) : null;
  });

/** null when the endpoint is not the tenant's (or is deleted), so the caller answers 404. */
const listDeliveries = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      endpointId: z.string(),
      status: z.enum(webhookDeliveryStatuses).optional(),
      eventId: z.string().optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    return readAs(ctx.pool, { tenant: input.tenant }, async (db) => {
      const endpoint = await db.query(
        `SELECT 1 FROM query.webhook_endpoints
         WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND deleted_at IS NULL`,
        [input.endpointId, input.tenant.partnerId, input.tenant.livemode],
      );
      if (endpoint.rowCount === 0) return null;
      const { rows } = await db.query<WebhookDeliveryRow>(
        `SELECT ${deliveryColumns} FROM query.webhook_deliveries d
         WHERE d.endpoint_id = $1 AND d.partner_id = $2 AND d.livemode = $3
           AND ($4::text IS NULL OR d.id < $4) AND ($5::text IS NULL OR d.status = $5)
           AND ($6::text IS NULL OR d.event_id = $6)
         ORDER BY d.id DESC LIMIT $7`,
        [
          input.endpointId,
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.status ?? null,
          input.eventId ?? null,
          input.limit + 1,
        ],
      );
      return page(rows, input.limit, renderWebhookDelivery);
    });
  });

export const webhookEndpoints = t.router({ get: getEndpoint, list: listEndpoints });
export const webhookDeliveries = t.router({ get: getDelivery, list: listDeliveries });
