import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditLog } from "../audit.ts";
import { memberRole, partnersOf } from "../members.ts";
import { permissionsOf } from "../permissions.ts";
import { partnerProcedure, router, signedIn } from "../trpc.ts";

/** Who is signed in: their partners, or their staff role. */
const me = signedIn.query(async ({ ctx }) => ({
  user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name },
  staffRole: ctx.user.staffRole,
  staffPermissions: ctx.user.staffRole ? permissionsOf(ctx.user.staffRole) : null,
  partners: await partnersOf(ctx.pool, ctx.user.id),
}));

/** The member's role and what it allows in this partner (the page hides what the server would refuse). */
const membership = signedIn.input(z.object({ partner: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
  const role = await memberRole(ctx.pool, ctx.user.id, input.partner);
  if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "No such partner." });
  const partners = await partnersOf(ctx.pool, ctx.user.id);
  return {
    role,
    permissions: permissionsOf(role),
    partnerName: partners.find((partner) => partner.id === input.partner)?.name ?? input.partner,
  };
});

const audit = partnerProcedure(["audit", "read"])
  .input(
    z.object({ limit: z.number().int().min(1).max(100).default(50), before: z.string().regex(/^\d+$/).optional() }),
  )
  .query(async ({ ctx, input }) => {
    const page = await auditLog(ctx.pool, ctx.tenant, input);
    return { ...page, data: page.data.map((row) => ({ ...row, at: row.at.toISOString() })) };
  });

export const sessionRouter = router({ me, membership, audit });
