import {
  type CommandDefinition,
  type ContextName,
  type DocumentDefinition,
  type Envelope,
  type EventDefinition,
  type MessageDefinition,
  MessageValidationError,
  newMessageId,
  type PayloadOf,
  type Tenant,
} from "@koban/contracts";
import { currentTraceparent } from "@koban/observability";

export interface MessageOrigin {
  source: ContextName;
  tenant: Tenant | null;
  /** The saga or request this message belongs to; a new one starts its own. */
  correlationId?: string;
  /** The message that caused this one. */
  causationId?: string | null;
}

function build<D extends MessageDefinition>(
  definition: D,
  payload: PayloadOf<D>,
  origin: MessageOrigin,
  extra: Pick<Envelope, "replyTo" | "stream">,
): Envelope<PayloadOf<D>> {
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    throw new MessageValidationError(`Invalid ${definition.type} payload: ${parsed.error.message}`);
  }
  const id = newMessageId();
  const traceparent = currentTraceparent();
  return {
    id,
    type: definition.type,
    version: definition.version,
    kind: definition.kind,
    source: origin.source,
    tenant: origin.tenant,
    correlationId: origin.correlationId ?? id,
    causationId: origin.causationId ?? null,
    ...(traceparent ? { traceparent } : {}),
    occurredAt: new Date().toISOString(),
    ...extra,
    payload: parsed.data as PayloadOf<D>,
  };
}

export function createEvent<D extends EventDefinition>(
  definition: D,
  payload: PayloadOf<D>,
  origin: MessageOrigin & { stream: { id: string; version: number } },
): Envelope<PayloadOf<D>> {
  return build(definition, payload, origin, { stream: origin.stream });
}

export function createCommand<D extends CommandDefinition>(
  definition: D,
  payload: PayloadOf<D>,
  origin: MessageOrigin & { replyTo?: string },
): Envelope<PayloadOf<D>> {
  return build(definition, payload, origin, origin.replyTo ? { replyTo: origin.replyTo } : {});
}

/** A document goes back to the address its command named. */
export function createDocument<D extends DocumentDefinition>(
  definition: D,
  payload: PayloadOf<D>,
  command: Envelope,
  source: ContextName,
): Envelope<PayloadOf<D>> {
  return build(
    definition,
    payload,
    { source, tenant: command.tenant, correlationId: command.correlationId, causationId: command.id },
    command.replyTo ? { replyTo: command.replyTo } : {},
  );
}
