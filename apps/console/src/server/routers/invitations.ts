import { TRPCError } from "@trpc/server";
import { isAPIError } from "better-auth/api";
import { z } from "zod";
import { invitationSignUpForm } from "../../shared/forms.ts";
import { audit } from "../audit.ts";
import { createUser } from "../members.ts";
import { type Context, router, signedIn, t } from "../trpc.ts";

/**
 * Joining a partner by invitation (`/invitations/[id]`). The id is the secret the invitee was
 * sent; with it, someone without an account may make one for the invited email (public sign-up
 * stays off), then accepts as themselves through better-auth.
 */

const invitationId = z.object({ id: z.string().min(1).max(64) });

interface PendingInvitation {
  id: string;
  email: string;
  role: string;
  partnerId: string;
  partnerName: string;
}

/** A pending, unexpired invitation; anything else is as unknown as a made-up id. */
async function pending(ctx: Context, id: string): Promise<PendingInvitation> {
  const { rows } = await ctx.pool.query<PendingInvitation>(
    `SELECT i.id, i.email, i.role, o.id AS "partnerId", o.name AS "partnerName"
     FROM console.invitation i JOIN console.organization o ON o.id = i."organizationId"
     WHERE i.id = $1 AND i.status = 'pending' AND i."expiresAt" > now()`,
    [id],
  );
  const invitation = rows[0];
  if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation is no longer valid." });
  return invitation;
}

async function hasAccount(ctx: Context, email: string): Promise<boolean> {
  const { rowCount } = await ctx.pool.query(`SELECT 1 FROM console."user" WHERE lower(email) = lower($1)`, [email]);
  return (rowCount ?? 0) > 0;
}

const get = t.procedure.input(invitationId).query(async ({ ctx, input }) => {
  const invitation = await pending(ctx, input.id);
  return {
    email: invitation.email,
    role: invitation.role,
    partnerName: invitation.partnerName,
    hasAccount: await hasAccount(ctx, invitation.email),
    signedInAs: ctx.user?.email ?? null,
  };
});

/** An account for the invited email only, made once; the page then signs in and accepts. */
const signUp = t.procedure.input(invitationId.extend(invitationSignUpForm.shape)).mutation(async ({ ctx, input }) => {
  const invitation = await pending(ctx, input.id);
  if (await hasAccount(ctx, invitation.email)) {
    throw new TRPCError({ code: "CONFLICT", message: "This email already has an account: sign in instead." });
  }
  await createUser(ctx.auth, { email: invitation.email, name: input.name, password: input.password });
  return { email: invitation.email };
});

const accept = signedIn.input(invitationId).mutation(async ({ ctx, input }) => {
  const invitation = await pending(ctx, input.id);
  try {
    await ctx.auth.api.acceptInvitation({ body: { invitationId: invitation.id }, headers: ctx.headers });
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = error.status === "FORBIDDEN" ? "FORBIDDEN" : "BAD_REQUEST";
    throw new TRPCError({ code, message: error.message || "This invitation cannot be accepted." });
  }
  await audit(ctx.pool, {
    user: ctx.user,
    tenant: { partnerId: invitation.partnerId, livemode: false },
    action: "team.accept_invitation",
    target: ctx.user.email,
    outcome: "succeeded",
    detail: { invitation_id: invitation.id, role: invitation.role },
  });
  return { partnerId: invitation.partnerId };
});

export const invitationsRouter = router({ get, signUp, accept });
