import { type ApiKeyScope, type ApiKeyScopes, grantsScope, type Tenant } from "@koban/contracts";
import { hashApiKey } from "@koban/partner";
import type { FastifyRequest } from "fastify";
import { Problem } from "./problem.ts";
import type { QueryClient } from "./query-client.ts";

export interface Caller {
  apiKeyId: string;
  tenant: Tenant;
  /** null: a standard key, which has every scope. */
  scopes: ApiKeyScopes;
}

const BEARER = /^Bearer (kb_(?:test|live)_[0-9A-Za-z]{20,64})$/;

/** Resolves the API key to its tenant. Only the key's hash ever leaves this function. */
export async function authenticate(request: FastifyRequest, query: QueryClient): Promise<Caller> {
  const header = request.headers.authorization;
  if (!header) throw new Problem(401, "authentication_required", "Send your API key as `Authorization: Bearer <key>`.");
  const key = BEARER.exec(header)?.[1];
  const found = key ? await query.apiKeys.authenticate.query({ keyHash: hashApiKey(key) }) : null;
  if (!found) throw new Problem(401, "invalid_api_key", "The API key is not valid.");
  if (found.partnerSuspended) {
    throw new Problem(403, "partner_suspended", "This partner is suspended by Koban; contact Koban support.");
  }
  return { apiKeyId: found.apiKeyId, tenant: found.tenant, scopes: found.scopes };
}

/**
 * 403 unless the key carries the scope the operation needs (checked before anything is looked up):
 * a standard key carries every scope, a restricted key those it lists.
 */
export function requireScope(caller: Caller, scope: ApiKeyScope | null): void {
  if (scope && !grantsScope(caller.scopes, scope)) {
    throw new Problem(403, "permission_denied", `This API key does not have the ${scope} scope.`);
  }
}
