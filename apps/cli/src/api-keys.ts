import {
  type ApiKeyKind,
  type ApiKeyScope,
  apiKeyKind,
  apiKeyScopes,
  CreateApiKey,
  DomainError,
  type Envelope,
  idSchema,
  maxRollExpirySeconds,
  newId,
  type PayloadOf,
  RevokeApiKey,
  RollApiKey,
  type Tenant,
} from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { generateApiKey } from "@koban/partner";

/**
 * The operator's API key commands. Like every write they go to `partner` through the facade's
 * outbox, and each then waits until the query side shows the change, so that when one returns a
 * revoked key already gets 401. The CLI has no reply queue: what it can refuse itself (an unknown
 * key, another partner's) it refuses by reading the query side first, as the CLI is the owner
 * there; `partner` refuses the same, and a refusal it alone sees shows as a change that never comes.
 */

export interface ApiKeyRow {
  api_key_id: string;
  redacted_key: string;
  livemode: boolean;
  /** standard: every scope, now and later; restricted: only `scopes`. */
  kind: ApiKeyKind;
  /** null for a standard key. */
  scopes: string[] | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const WAIT_MS = 10_000;

function checkPartner(partnerId: string): void {
  if (!idSchema("ptn").safeParse(partnerId).success) throw new Error(`Invalid partner: ${partnerId} is not a ptn_ id`);
}

export function parseScopes(list: string): ApiKeyScope[] {
  const scopes = list
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !(apiKeyScopes as readonly string[]).includes(scope));
  if (unknown.length) throw new Error(`Unknown scope ${unknown.join(", ")}; known: ${apiKeyScopes.join(", ")}`);
  if (!scopes.length) throw new Error(`A restricted key needs at least one scope; known: ${apiKeyScopes.join(", ")}`);
  return scopes as ApiKeyScope[];
}

async function send(pool: Pool, command: Envelope): Promise<void> {
  await transaction(pool, (tx) => appendToOutbox(tx, "api", [command]));
}

async function waitFor(pool: Pool, sql: string, params: unknown[], what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const { rowCount } = await pool.query(sql, params);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not show within ${WAIT_MS} ms: are the workers running?`);
}

const columns = `api_key_id, redacted_key, livemode, scopes, created_at, expires_at, revoked_at`;

function render(row: Record<string, unknown>): ApiKeyRow {
  const time = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | null));
  return {
    api_key_id: row.api_key_id as string,
    redacted_key: row.redacted_key as string,
    livemode: row.livemode as boolean,
    kind: apiKeyKind(row.scopes as ApiKeyScope[] | null),
    scopes: row.scopes as string[] | null,
    created_at: time(row.created_at) as string,
    expires_at: time(row.expires_at),
    revoked_at: time(row.revoked_at),
  };
}

/** The partner's keys as the query side shows them, newest first: redacted, never the secret. */
export async function listApiKeys(pool: Pool, partnerId: string): Promise<ApiKeyRow[]> {
  checkPartner(partnerId);
  const { rows } = await pool.query(
    `SELECT ${columns} FROM query.api_keys WHERE partner_id = $1 ORDER BY created_at DESC, api_key_id DESC`,
    [partnerId],
  );
  return rows.map(render);
}

/** One of the partner's keys; another partner's is as unknown as one that does not exist. */
async function keyOf(pool: Pool, partnerId: string, apiKeyId: string): Promise<ApiKeyRow> {
  checkPartner(partnerId);
  const { rows } = await pool.query(`SELECT ${columns} FROM query.api_keys WHERE api_key_id = $1 AND partner_id = $2`, [
    apiKeyId,
    partnerId,
  ]);
  const row = rows[0];
  if (!row) throw new DomainError("resource_not_found", `No such API key: ${apiKeyId}`, { status: 404 });
  return render(row);
}

/**
 * Creates a key, standard (every scope, now and later) unless given scopes, which make it a
 * restricted key; the secret is returned this once and never stored.
 */
export async function createApiKey(
  pool: Pool,
  partnerId: string,
  options: { livemode?: boolean; scopes?: readonly ApiKeyScope[] } = {},
) {
  checkPartner(partnerId);
  const livemode = options.livemode === true;
  const key = generateApiKey(livemode);
  const payload: PayloadOf<typeof CreateApiKey> = {
    api_key_id: newId("key"),
    livemode,
    key_hash: key.hash,
    redacted_key: key.redacted,
    scopes: options.scopes ? [...options.scopes] : null,
  };
  const tenant: Tenant = { partnerId, livemode };
  await send(pool, createCommand(CreateApiKey, payload, { source: "cli", tenant }));
  await waitFor(
    pool,
    "SELECT 1 FROM query.api_keys WHERE api_key_id = $1",
    [payload.api_key_id],
    `API key ${payload.api_key_id} (is ${partnerId} a partner?)`,
  );
  return {
    api_key_id: payload.api_key_id,
    api_key: key.key,
    livemode,
    kind: apiKeyKind(payload.scopes),
    scopes: payload.scopes,
  };
}

/** Revokes a key: once this returns, the key gets 401. */
export async function revokeApiKey(pool: Pool, partnerId: string, apiKeyId: string) {
  const key = await keyOf(pool, partnerId, apiKeyId);
  if (key.revoked_at) {
    throw new DomainError("invalid_state_transition", `API key ${apiKeyId} is already revoked`, { status: 409 });
  }
  const tenant: Tenant = { partnerId, livemode: key.livemode };
  await send(pool, createCommand(RevokeApiKey, { api_key_id: apiKeyId }, { source: "cli", tenant }));
  await waitFor(
    pool,
    "SELECT 1 FROM query.api_keys WHERE api_key_id = $1 AND revoked_at IS NOT NULL",
    [apiKeyId],
    `The revocation of ${apiKeyId}`,
  );
  return { api_key_id: apiKeyId, revoked: true };
}

/**
 * Rolls a key: a new one in its mode, of its kind and with its scopes, shown this once; the old one works for
 * `expiresInSeconds` more (24 hours by default, at most 7 days).
 */
export async function rollApiKey(pool: Pool, partnerId: string, apiKeyId: string, expiresInSeconds = 86_400) {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 0 || expiresInSeconds > maxRollExpirySeconds) {
    throw new Error(`Invalid expiry: must be a whole number of seconds from 0 to ${maxRollExpirySeconds}`);
  }
  const old = await keyOf(pool, partnerId, apiKeyId);
  if (old.revoked_at || old.expires_at) {
    const state = old.revoked_at ? "revoked" : "already rolled";
    throw new DomainError("invalid_state_transition", `API key ${apiKeyId} is ${state}`, { status: 409 });
  }
  const key = generateApiKey(old.livemode);
  const payload: PayloadOf<typeof RollApiKey> = {
    api_key_id: apiKeyId,
    new_api_key: { api_key_id: newId("key"), key_hash: key.hash, redacted_key: key.redacted },
    expires_in_seconds: expiresInSeconds,
  };
  const tenant: Tenant = { partnerId, livemode: old.livemode };
  await send(pool, createCommand(RollApiKey, payload, { source: "cli", tenant }));
  await waitFor(
    pool,
    `SELECT 1 FROM query.api_keys old, query.api_keys new
     WHERE old.api_key_id = $1 AND old.expires_at IS NOT NULL AND new.api_key_id = $2`,
    [apiKeyId, payload.new_api_key.api_key_id],
    `The roll of ${apiKeyId}`,
  );
  const expires = await keyOf(pool, partnerId, apiKeyId);
  return {
    api_key_id: payload.new_api_key.api_key_id,
    api_key: key.key,
    livemode: old.livemode,
    kind: old.kind,
    scopes: old.scopes,
    old_api_key_id: apiKeyId,
    old_expires_at: expires.expires_at,
  };
}
