import type { CommandDefinition, MessageDefinition } from "./define.ts";
import { type Envelope, envelopeSchema } from "./envelope.ts";
import { MessageValidationError } from "./errors.ts";
import * as account from "./messages/account.ts";
import * as authorization from "./messages/authorization.ts";
import * as card from "./messages/card.ts";
import * as cardholder from "./messages/cardholder.ts";
import * as clearing from "./messages/clearing.ts";
import * as funding from "./messages/funding.ts";
import * as partner from "./messages/partner.ts";
import * as query from "./messages/query.ts";
import * as webhooks from "./messages/webhooks.ts";

function isDefinition(value: unknown): value is MessageDefinition {
  return typeof value === "object" && value !== null && "kind" in value && "schema" in value;
}

const declared: MessageDefinition[] = (
  [
    ...Object.values(partner),
    ...Object.values(cardholder),
    ...Object.values(card),
    ...Object.values(account),
    ...Object.values(authorization),
    ...Object.values(funding),
    ...Object.values(clearing),
    ...Object.values(webhooks),
    ...Object.values(query),
  ] as unknown[]
).filter(isDefinition);
const all: MessageDefinition[] = [
  ...declared,
  ...declared.filter((d): d is CommandDefinition => d.kind === "command").map((command) => command.result),
];

const byKey = new Map(all.map((definition) => [`${definition.type}@${definition.version}`, definition]));

/** Every message type the system knows, by type and version. */
export function findDefinition(type: string, version: number): MessageDefinition | undefined {
  return byKey.get(`${type}@${version}`);
}

export function allDefinitions(): readonly MessageDefinition[] {
  return all;
}

/**
 * Checks a message from the wire: its envelope, then its payload against the schema of
 * its type and version. Throws MessageValidationError naming what is wrong.
 */
export function parseEnvelope(raw: unknown): Envelope {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new MessageValidationError(`Invalid envelope: ${envelope.error.issues.map(describeIssue).join("; ")}`);
  }
  const { type, version, kind } = envelope.data;
  const definition = findDefinition(type, version);
  if (!definition) throw new MessageValidationError(`Unknown message type ${type} v${version}`);
  if (definition.kind !== kind) {
    throw new MessageValidationError(`${type} v${version} is a ${definition.kind}, not a ${kind}`);
  }
  const payload = definition.schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new MessageValidationError(
      `Invalid ${type} v${version} payload: ${payload.error.issues.map(describeIssue).join("; ")}`,
    );
  }
  return { ...envelope.data, payload: payload.data };
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}
