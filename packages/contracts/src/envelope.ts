import { z } from "zod";
import { tenantSchema } from "./tenant.ts";

export const messageKinds = ["event", "command", "document"] as const;
export type MessageKind = (typeof messageKinds)[number];

export const contextNames = [
  "partner",
  "cardholder",
  "card",
  "account",
  "funding",
  "processing",
  "clearing",
  "query",
  "api",
  "cli",
  "console",
] as const;
export type ContextName = (typeof contextNames)[number];

/** The envelope every message travels in; the payload is checked against its type's schema. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  kind: z.enum(messageKinds),
  source: z.enum(contextNames),
  /** null only for platform-level acts that belong to no tenant yet (creating a partner). */
  tenant: tenantSchema.nullable(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  /** Commands only: the address the result document goes to. */
  replyTo: z.string().min(1).optional(),
  traceparent: z.string().optional(),
  occurredAt: z.iso.datetime(),
  /** Events only: the stream (aggregate) and its version after this event. */
  stream: z.object({ id: z.string().min(1), version: z.number().int().positive() }).optional(),
  payload: z.unknown(),
});

export type Envelope<Payload = unknown> = Omit<z.infer<typeof envelopeSchema>, "payload"> & {
  payload: Payload;
};
