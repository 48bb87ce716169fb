import { DomainError, type Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import type { FundingStore, SecretVault } from "./ports.ts";

export interface FundingSourceSecret {
  object: "funding_source_secret";
  secret: string;
}

/**
 * `GET /v1/funding_sources/{id}/secret`: the facade's direct read of a gateway's signing secret,
 * so the secret never rides the bus (principle 12). Another tenant's source, or a prefunded one
 * (it has no secret), is a 404.
 */
export const fundingSecretReader =
  (store: FundingStore, vault: SecretVault) =>
  async (pool: Pool, tenant: Tenant, sourceId: string): Promise<FundingSourceSecret> => {
    const source = await store.loadSource(pool, tenant, sourceId);
    const secret = source ? await vault.open(pool, sourceId) : undefined;
    if (!source) {
      throw new DomainError("resource_not_found", `No such funding source: ${sourceId}.`, { status: 404, param: "id" });
    }
    if (!secret) {
      throw new DomainError(
        "resource_not_found",
        `Funding source ${sourceId} is prefunded and has no signing secret.`,
        {
          status: 404,
          param: "id",
        },
      );
    }
    return { object: "funding_source_secret", secret };
  };
