import { type ApiKeyScope, type CreateApiKey, type CreatePartner, DomainError, type PayloadOf } from "@koban/contracts";
import { decideCreateProgram, type ProgramEvent } from "./program.ts";

export interface Partner {
  id: string;
  name: string;
  version: number;
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
      scopes: ApiKeyScope[];
      created_at: string;
    }
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
      scopes: command.scopes,
      created_at: now.toISOString(),
    },
  ];
}

export function evolve(state: Partner | undefined, event: PartnerEvent): Partner | undefined {
  switch (event.type) {
    case "PartnerCreated":
      return { id: event.partner_id, name: event.name, version: 1 };
    case "ApiKeyCreated":
      return state && { ...state, version: state.version + 1 };
    // On the program's own stream: the partner's version stays.
    case "ProgramCreated":
      return state;
  }
}
