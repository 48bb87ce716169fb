import type { IncomingMessage } from "node:http";
import type { CommandGateway } from "@koban/command-gateway";
import type { DomainErrorData, Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import type { UrlPolicy } from "@koban/partner";
import type { QueryRouter } from "@koban/query";
import type { createTRPCClient } from "@trpc/client";
import { initTRPC, TRPCError } from "@trpc/server";
import { fromNodeHeaders } from "better-auth/node";
import { z } from "zod";
import { type AuditEntry, audit } from "./audit.ts";
import type { Auth } from "./auth.ts";
import { memberRole } from "./members.ts";
import { allows, isStaffRole, type PartnerRole, type Permission, type StaffRole } from "./permissions.ts";

export interface ConsoleDeps {
  /** The platform's database; the console writes only its own schema (`console`). */
  pool: Pool;
  auth: Auth;
  /** The query side, as apps/api reaches it: every partner read runs there under row-level security. */
  query: ReturnType<typeof createTRPCClient<QueryRouter>>;
  commands: CommandGateway;
  /** processing's network gateway, where simulated authorizations go. */
  gatewayUrl: string;
  /** Which webhook URLs may be saved (the API's rule). */
  urlPolicy: UrlPolicy;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  staffRole: StaffRole | null;
}

export async function createContext(deps: ConsoleDeps, req: IncomingMessage) {
  // The caller's own headers: better-auth's organisation endpoints act as the caller.
  const headers = fromNodeHeaders(req.headers);
  const session = await deps.auth.api.getSession({ headers });
  const user: SignedInUser | null = session
    ? {
        id: session.user.id,
        email: session.user.email,
        name: session.user.name,
        staffRole: isStaffRole(session.user.staffRole) ? session.user.staffRole : null,
      }
    : null;
  return { ...deps, user, headers };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

// isDev false: no stack trace ever reaches a browser.
export const t = initTRPC.context<Context>().create({ isDev: false });

export const router = t.router;

export const signedIn = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { user: ctx.user } });
});

/** The partner and mode of the page the call comes from (`/[partner]/[mode]/…`). */
export const partnerScope = z.object({ partner: z.string().min(1).max(64), mode: z.enum(["test", "live"]) });

function forbidden(): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
}

/**
 * A procedure inside a partner's area: the caller must be the partner's member (anyone else gets
 * 404, as if the partner did not exist) and their role must grant the permission (else 403).
 */
export function partnerProcedure(permission: Permission) {
  return signedIn.input(partnerScope).use(async ({ ctx, input, next }) => {
    const role = await memberRole(ctx.pool, ctx.user.id, input.partner);
    if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "No such partner." });
    if (!allows(role, permission)) throw forbidden();
    const tenant: Tenant = { partnerId: input.partner, livemode: input.mode === "live" };
    const record = (entry: Omit<AuditEntry, "user" | "tenant">) =>
      audit(ctx.pool, { ...entry, user: ctx.user, tenant });
    return next({ ctx: { tenant, role: role as PartnerRole, audit: record } });
  });
}

/** A procedure of the staff area: staff only (anyone else gets 404), and the role must grant the permission. */
export function staffProcedure(permission: Permission) {
  return signedIn.use(async ({ ctx, next }) => {
    const role = ctx.user.staffRole;
    if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "No such page." });
    if (!allows(role, permission)) throw forbidden();
    const record = (entry: Omit<AuditEntry, "user" | "tenant"> & { tenant?: Tenant | null }) =>
      audit(ctx.pool, { ...entry, tenant: entry.tenant ?? null, user: ctx.user });
    return next({ ctx: { staffRole: role, audit: record } });
  });
}

/** The resource, or the 404 every procedure gives for an id that is unknown or another tenant's. */
export function found<T>(resource: T | null | undefined, kind: string): T {
  if (resource === null || resource === undefined) {
    throw new TRPCError({ code: "NOT_FOUND", message: `No such ${kind}.` });
  }
  return resource;
}

const codeForStatus: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "UNPROCESSABLE_CONTENT",
};

/** A command the owning context refused, as the error the page shows next to the action. */
export function refused(error: DomainErrorData): TRPCError {
  return new TRPCError({ code: codeForStatus[error.status] ?? "BAD_REQUEST", message: error.message });
}
