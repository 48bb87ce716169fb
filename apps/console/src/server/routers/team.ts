import { TRPCError } from "@trpc/server";
import { isAPIError } from "better-auth/api";
import { z } from "zod";
import { inviteMemberForm, teamRoles } from "../../shared/forms.ts";
import type { Auth } from "../auth.ts";
import { found, partnerProcedure, router } from "../trpc.ts";

/**
 * The partner's members and invitations, through better-auth's organisation endpoints called as
 * the signed-in member (its own role checks apply too: only an admin may make an admin, and an
 * organisation never loses its last admin).
 */

const id = z.string().min(1).max(64);

/** better-auth's refusal, as the error the page shows next to the action. */
async function asMember<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = error.status === "FORBIDDEN" || error.status === "UNAUTHORIZED" ? "FORBIDDEN" : "BAD_REQUEST";
    throw new TRPCError({ code, message: error.message || "The change was refused." });
  }
}

type Ctx = { auth: Auth; headers: Headers; tenant: { partnerId: string } };

async function membersOf(ctx: Ctx) {
  const { members } = await asMember(() =>
    ctx.auth.api.listMembers({
      query: { organizationId: ctx.tenant.partnerId, limit: 500 },
      headers: ctx.headers,
    }),
  );
  return members;
}

async function invitationsOf(ctx: Ctx) {
  return asMember(() =>
    ctx.auth.api.listInvitations({ query: { organizationId: ctx.tenant.partnerId }, headers: ctx.headers }),
  );
}

const list = partnerProcedure(["team", "read"]).query(async ({ ctx }) => {
  const members = await membersOf(ctx);
  return members
    .map((member) => ({
      id: member.id,
      userId: member.userId,
      name: member.user.name,
      email: member.user.email,
      role: member.role,
      createdAt: new Date(member.createdAt).toISOString(),
      isYou: member.userId === ctx.user.id,
    }))
    .sort((a, b) => a.email.localeCompare(b.email));
});

const invitations = partnerProcedure(["team", "read"]).query(async ({ ctx }) => {
  const all = await invitationsOf(ctx);
  const now = Date.now();
  return all
    .filter((invitation) => invitation.status === "pending" && new Date(invitation.expiresAt).getTime() > now)
    .map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    }));
});

/** The member of this partner, or 404 (another partner's member id included). */
async function memberOf(ctx: Ctx, memberId: string) {
  return found(
    (await membersOf(ctx)).find((member) => member.id === memberId),
    "member",
  );
}

const admins = (members: { role: string }[]) => members.filter((member) => member.role === "admin").length;

const changeRole = partnerProcedure(["team", "write"])
  .input(z.object({ memberId: id, role: z.enum(teamRoles) }))
  .mutation(async ({ ctx, input }) => {
    const members = await membersOf(ctx);
    const member = found(
      members.find((candidate) => candidate.id === input.memberId),
      "member",
    );
    if (member.role === "admin" && input.role !== "admin" && admins(members) <= 1) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "A partner keeps at least one admin." });
    }
    await asMember(() =>
      ctx.auth.api.updateMemberRole({
        body: { memberId: member.id, role: input.role, organizationId: ctx.tenant.partnerId },
        headers: ctx.headers,
      }),
    );
    await ctx.audit({
      action: "team.change_role",
      target: member.user.email,
      outcome: "succeeded",
      detail: { from: member.role, to: input.role },
    });
    return { id: member.id, role: input.role };
  });

const remove = partnerProcedure(["team", "write"])
  .input(z.object({ memberId: id }))
  .mutation(async ({ ctx, input }) => {
    const members = await membersOf(ctx);
    const member = await memberOf(ctx, input.memberId);
    if (member.userId === ctx.user.id) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot remove yourself." });
    }
    if (member.role === "admin" && admins(members) <= 1) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "A partner keeps at least one admin." });
    }
    await asMember(() =>
      ctx.auth.api.removeMember({
        body: { memberIdOrEmail: member.id, organizationId: ctx.tenant.partnerId },
        headers: ctx.headers,
      }),
    );
    await ctx.audit({ action: "team.remove", target: member.user.email, outcome: "succeeded", detail: {} });
    return { id: member.id };
  });

const invite = partnerProcedure(["team", "write"])
  .input(inviteMemberForm)
  .mutation(async ({ ctx, input }) => {
    const invitation = await asMember(() =>
      ctx.auth.api.createInvitation({
        body: { email: input.email, role: input.role, organizationId: ctx.tenant.partnerId },
        headers: ctx.headers,
      }),
    );
    await ctx.audit({
      action: "team.invite",
      target: input.email.toLowerCase(),
      outcome: "succeeded",
      detail: { role: input.role, invitation_id: invitation.id },
    });
    return { id: invitation.id, path: `/invitations/${invitation.id}` };
  });

const cancelInvitation = partnerProcedure(["team", "write"])
  .input(z.object({ invitationId: id }))
  .mutation(async ({ ctx, input }) => {
    const invitation = found(
      (await invitationsOf(ctx)).find((candidate) => candidate.id === input.invitationId),
      "invitation",
    );
    await asMember(() =>
      ctx.auth.api.cancelInvitation({ body: { invitationId: invitation.id }, headers: ctx.headers }),
    );
    await ctx.audit({
      action: "team.cancel_invitation",
      target: invitation.email,
      outcome: "succeeded",
      detail: { invitation_id: invitation.id },
    });
    return { id: invitation.id };
  });

export const teamRouter = router({ list, invitations, changeRole, remove, invite, cancelInvitation });
