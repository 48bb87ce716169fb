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

/**
 * A key's scopes. `null` is a standard key: every scope, including ones added after it was made
 * (so a new scope never locks out a partner's existing keys). A list is a restricted key: only
 * the scopes listed.
 */
export type ApiKeyScopes = readonly ApiKeyScope[] | null;

export type ApiKeyKind = "standard" | "restricted";

export function apiKeyKind(scopes: ApiKeyScopes): ApiKeyKind {
  return scopes === null ? "standard" : "restricted";
}

export function grantsScope(scopes: ApiKeyScopes, scope: ApiKeyScope): boolean {
  return scopes === null || scopes.includes(scope);
}

/**
 * Every scope as it stood at each point before keys had a kind: a "full" key then listed the
 * whole list of its day. A key listing exactly one of these was made to do everything, and is a
 * standard key now. Frozen: the partner and query migrations that turned such keys standard say
 * the same, and keys made since say their kind.
 */
export const fullScopeListsBeforeKinds: readonly (readonly ApiKeyScope[])[] = [
  ["cardholders:read", "cardholders:write", "cards:read", "cards:write", "cards:read_sensitive", "programs:read"],
  [
    "cardholders:read",
    "cardholders:write",
    "cards:read",
    "cards:write",
    "cards:read_sensitive",
    "programs:read",
    "events:read",
  ],
  [
    "cardholders:read",
    "cardholders:write",
    "cards:read",
    "cards:write",
    "cards:read_sensitive",
    "programs:read",
    "events:read",
    "webhooks:read",
    "webhooks:write",
  ],
  [
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
  ],
];

/** The scopes a key made before keys had a kind keeps: null (standard) if it listed the whole list of its day. */
export function scopesOfKeyBeforeKinds(listed: readonly ApiKeyScope[]): ApiKeyScopes {
  const wasFull = fullScopeListsBeforeKinds.some(
    (full) => full.length === new Set(listed).size && full.every((scope) => listed.includes(scope)),
  );
  return wasFull ? null : listed;
}
