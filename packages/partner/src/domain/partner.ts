import {
  type ApiKeyScope,
  type CreateApiKey,
  type CreatePartner,
  DomainError,
  type PayloadOf,
  type ReactivatePartner,
  type RevokeApiKey,
  type RollApiKey,
  type SuspendPartner,
} from "@koban/contracts";
import { decideCreateProgram, type ProgramEvent } from "./program.ts";

export interface ApiKey {
  livemode: boolean;
  /** null: a standard key, every scope now and later; a list: a restricted key's scopes. */
  scopes: ApiKeyScope[] | null;
  revoked_at: string | null;
  /** Set when the key is rolled: it stops working then. */
  expires_at: string | null;
}

export interface Partner {
  id: string;
  name: string;
  version: number;
  /** Suspended by Koban's staff: its keys are refused until reactivated. */
  status: "active" | "suspended";
  /** The partner's keys by id. */
  apiKeys: Record<string, ApiKey>;
}

export type PartnerEvent =
  | { type: "PartnerCreated"; partner_id: string; name: string; created_at: string }
  | {
      type: "ApiKeyCreated";
      api_key_id: string;
      partner_id: string;
      livemode: boolean;
      key_hash: string;
      redacted_key: string;
      restricted_scopes: ApiKeyScope[] | null;
      created_at: string;
    }
  | { type: "ApiKeyRevoked"; api_key_id: string; partner_id: string; revoked_at: string }
  | {
      type: "ApiKeyRolled";
      api_key_id: string;
      partner_id: string;
      new_api_key_id: string;
      expires_at: string;
      rolled_at: string;
    }
  | { type: "PartnerSuspended"; partner_id: string; reason: string; suspended_at: string }
  | { type: "PartnerReactivated"; partner_id: string; reactivated_at: string }
  | ProgramEvent;

export function decideCreatePartner(
  state: Partner | undefined,
  command: PayloadOf<typeof CreatePartner>,
  now: Date,
): PartnerEvent[] {
  if (state) throw new DomainError("partner_exists", `Partner ${command.partner_id} already exists`, { status: 409 });
  const created: PartnerEvent = {
    type: "PartnerCreated",
    partner_id: command.partner_id,
    name: command.name,
    created_at: now.toISOString(),
  };
  const partner = evolve(undefined, created);
  return [
    created,
    ...(command.api_key ? decideCreateApiKey(partner, command.api_key, now) : []),
    ...(command.program ? decideCreateProgram(partner, false, command.program, now) : []),
  ];
}

export function decideCreateApiKey(
  state: Partner | undefined,
  command: PayloadOf<typeof CreateApiKey>,
  now: Date,
): PartnerEvent[] {
  if (!state) throw new DomainError("resource_not_found", "No such partner", { status: 404 });
  return [
    {
      type: "ApiKeyCreated",
      api_key_id: command.api_key_id,
      partner_id: state.id,
      livemode: command.livemode,
      key_hash: command.key_hash,
      redacted_key: command.redacted_key,
      restricted_scopes: command.scopes,
      created_at: now.toISOString(),
    },
  ];
}

/** One of the partner's keys; another partner's is as unknown as one that does not exist. */
function keyOf(state: Partner | undefined, apiKeyId: string): [Partner, ApiKey] {
  const key = state?.apiKeys[apiKeyId];
  if (!state || !key) throw new DomainError("resource_not_found", `No such API key: ${apiKeyId}`, { status: 404 });
  return [state, key];
}

const invalidTransition = (message: string) => new DomainError("invalid_state_transition", message, { status: 409 });

export function decideRevokeApiKey(
  state: Partner | undefined,
  command: PayloadOf<typeof RevokeApiKey>,
  now: Date,
): PartnerEvent[] {
  const [partner, key] = keyOf(state, command.api_key_id);
  if (key.revoked_at) throw invalidTransition(`API key ${command.api_key_id} is already revoked`);
  return [
    { type: "ApiKeyRevoked", api_key_id: command.api_key_id, partner_id: partner.id, revoked_at: now.toISOString() },
  ];
}

/** The old key gets an expiry and the new one is created, in the old one's mode and (by default) kind and scopes. */
export function decideRollApiKey(
  state: Partner | undefined,
  command: PayloadOf<typeof RollApiKey>,
  now: Date,
): PartnerEvent[] {
  const [partner, key] = keyOf(state, command.api_key_id);
  if (key.revoked_at) throw invalidTransition(`API key ${command.api_key_id} is revoked`);
  if (key.expires_at) throw invalidTransition(`API key ${command.api_key_id} is already rolled`);
  const next = command.new_api_key;
  if (partner.apiKeys[next.api_key_id]) {
    throw new DomainError("api_key_exists", `API key ${next.api_key_id} already exists`, { status: 409 });
  }
  return [
    {
      type: "ApiKeyRolled",
      api_key_id: command.api_key_id,
      partner_id: partner.id,
      new_api_key_id: next.api_key_id,
      expires_at: new Date(now.getTime() + command.expires_in_seconds * 1000).toISOString(),
      rolled_at: now.toISOString(),
    },
    ...decideCreateApiKey(
      partner,
      {
        api_key_id: next.api_key_id,
        livemode: key.livemode,
        key_hash: next.key_hash,
        redacted_key: next.redacted_key,
        scopes: next.scopes === undefined ? key.scopes : next.scopes,
      },
      now,
    ),
  ];
}

export function decideSuspendPartner(
  state: Partner | undefined,
  command: PayloadOf<typeof SuspendPartner>,
  now: Date,
): PartnerEvent[] {
  if (!state) throw new DomainError("resource_not_found", "No such partner", { status: 404 });
  if (state.status === "suspended") throw invalidTransition(`Partner ${state.id} is already suspended`);
  return [{ type: "PartnerSuspended", partner_id: state.id, reason: command.reason, suspended_at: now.toISOString() }];
}

export function decideReactivatePartner(
  state: Partner | undefined,
  _command: PayloadOf<typeof ReactivatePartner>,
  now: Date,
): PartnerEvent[] {
  if (!state) throw new DomainError("resource_not_found", "No such partner", { status: 404 });
  if (state.status === "active") throw invalidTransition(`Partner ${state.id} is not suspended`);
  return [{ type: "PartnerReactivated", partner_id: state.id, reactivated_at: now.toISOString() }];
}

export function evolve(state: Partner | undefined, event: PartnerEvent): Partner | undefined {
  switch (event.type) {
    case "PartnerCreated":
      return { id: event.partner_id, name: event.name, version: 1, status: "active", apiKeys: {} };
    case "ApiKeyCreated": {
      const key: ApiKey = {
        livemode: event.livemode,
        scopes: event.restricted_scopes,
        revoked_at: null,
        expires_at: null,
      };
      return state && { ...state, version: state.version + 1, apiKeys: { ...state.apiKeys, [event.api_key_id]: key } };
    }
    case "ApiKeyRevoked":
      return state && withKey(state, event.api_key_id, { revoked_at: event.revoked_at });
    case "ApiKeyRolled":
      return state && withKey(state, event.api_key_id, { expires_at: event.expires_at });
    case "PartnerSuspended":
      return state && { ...state, version: state.version + 1, status: "suspended" };
    case "PartnerReactivated":
      return state && { ...state, version: state.version + 1, status: "active" };
    // On the program's own stream: the partner's version stays.
    case "ProgramCreated":
      return state;
  }
}

function withKey(state: Partner, apiKeyId: string, change: Partial<ApiKey>): Partner {
  const key = state.apiKeys[apiKeyId];
  if (!key) throw new Error(`no key ${apiKeyId} on ${state.id}`);
  return { ...state, version: state.version + 1, apiKeys: { ...state.apiKeys, [apiKeyId]: { ...key, ...change } } };
}
