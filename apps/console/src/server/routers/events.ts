import { z } from "zod";
import { found, partnerProcedure, router } from "../trpc.ts";

const id = z.string().min(1).max(64);

/**
 * The partner's events in this mode, newest first, as the events API and webhooks render them.
 * `type` is one type, or `card.*` for every type of a resource.
 */
const list = partnerProcedure(["developer", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: id.optional(),
      type: z.string().max(100).optional(),
    }),
  )
  .query(({ ctx, input }) => {
    const { type, ...page } = input;
    const prefix = type?.endsWith(".*") ? type.slice(0, -1) : undefined;
    return ctx.query.events.list.query({
      tenant: ctx.tenant,
      ...page,
      type: prefix ? undefined : type,
      typePrefix: prefix,
    });
  });

const get = partnerProcedure(["developer", "read"])
  .input(z.object({ id }))
  .query(async ({ ctx, input }) =>
    found(await ctx.query.events.get.query({ tenant: ctx.tenant, id: input.id }), "event"),
  );

export const eventsRouter = router({ list, get });
