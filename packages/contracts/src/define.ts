import { z } from "zod";
import type { ContextName, MessageKind } from "./envelope.ts";
import { domainErrorSchema } from "./errors.ts";

export interface MessageDefinition<
  Type extends string = string,
  Kind extends MessageKind = MessageKind,
  Schema extends z.ZodType = z.ZodType,
> {
  readonly type: Type;
  readonly version: number;
  readonly kind: Kind;
  /** Events and documents: the context that emits them. Commands: the context that owns them. */
  readonly context: ContextName;
  readonly schema: Schema;
}

export type EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> = MessageDefinition<
  T,
  "event",
  S
>;

export type DocumentDefinition<T extends string = string, S extends z.ZodType = z.ZodType> = MessageDefinition<
  T,
  "document",
  S
>;

export interface CommandDefinition<
  T extends string = string,
  S extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> extends MessageDefinition<T, "command", S> {
  /** The document that answers this command. */
  readonly result: DocumentDefinition<`${T}Result`, ReturnType<typeof documentPayload<R>>>;
  readonly resultSchema: R;
}

export type PayloadOf<D extends MessageDefinition> = z.infer<D["schema"]>;
export type ResultOf<C extends CommandDefinition> = z.infer<C["resultSchema"]>;

/** A document's payload: the command's result, or the domain error that refused it. */
function documentPayload<R extends z.ZodType>(result: R) {
  return z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("accepted"), result }),
    z.object({ outcome: z.literal("rejected"), error: domainErrorSchema }),
  ]);
}

export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  options: { version?: number; context: ContextName; schema: S },
): EventDefinition<T, S> {
  return { type, version: options.version ?? 1, kind: "event", context: options.context, schema: options.schema };
}

export function defineCommand<T extends string, S extends z.ZodType, R extends z.ZodType>(
  type: T,
  options: { version?: number; context: ContextName; schema: S; result: R },
): CommandDefinition<T, S, R> {
  const version = options.version ?? 1;
  return {
    type,
    version,
    kind: "command",
    context: options.context,
    schema: options.schema,
    resultSchema: options.result,
    result: {
      type: `${type}Result`,
      version,
      kind: "document",
      context: options.context,
      schema: documentPayload(options.result),
    },
  };
}
