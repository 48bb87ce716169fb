/**
 * What an API key may do. Each API operation names the one scope it needs; the list lives
 * here so that the key's owner (`partner`), the read side and the facade agree on it.
 */
export const apiKeyScopes = [
  "cardholders:read",
  "cardholders:write",
  "cards:read",
  "cards:write",
  "cards:read_sensitive",
  "programs:read",
  "events:read",
  "webhooks:read",
  "webhooks:write",
  "accounts:read",
  "accounts:write",
  "authorizations:read",
  "authorizations:write",
  "funding:read",
  "funding:write",
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];
