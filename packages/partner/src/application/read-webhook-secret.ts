import { DomainError, type Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import type { SecretVault } from "./webhook-ports.ts";

export interface WebhookEndpointSecret {
  object: "webhook_endpoint_secret";
  secret: string;
  previous_secret_expires_at: string | null;
}

/**
 * `GET /v1/webhook_endpoints/{id}/secret`: the facade's direct read of a signing secret, so the
 * secret never rides the bus (principle 12, as card details). Another tenant's endpoint is a 404.
 */
export const webhookSecretReader =
  (vault: SecretVault) =>
  async (pool: Pool, tenant: Tenant, endpointId: string): Promise<WebhookEndpointSecret> => {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM partner.webhook_endpoints
       WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND deleted_at IS NULL`,
      [endpointId, tenant.partnerId, tenant.livemode],
    );
    const [current, previous] = rowCount ? await vault.signing(pool, endpointId) : [];
    if (!current) {
      throw new DomainError("resource_not_found", `No such webhook endpoint: ${endpointId}.`, {
        status: 404,
        param: "id",
      });
    }
    return {
      object: "webhook_endpoint_secret",
      secret: current.secret,
      previous_secret_expires_at: previous?.expiresAt?.toISOString() ?? null,
    };
  };
