import { z } from "zod";
import { defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

/**
 * A public event as the query side rendered it (the same JSON `GET /v1/events/{id}` answers),
 * for `partner` to deliver to webhook endpoints. On the event's own stream, version 1.
 */
export const PublicEventRecorded = defineEvent("PublicEventRecorded", {
  context: "query",
  schema: z.object({
    event: z.object({
      id: idSchema("evt"),
      object: z.literal("event"),
      type: z.string(),
      created_at: z.iso.datetime(),
      livemode: z.boolean(),
      data: z.object({ object: z.record(z.string(), z.unknown()) }),
    }),
  }),
});
