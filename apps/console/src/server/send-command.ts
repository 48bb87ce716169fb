import type { CommandGateway, CommandOutcome } from "@koban/command-gateway";
import type { CommandDefinition, DomainErrorData, PayloadOf, Tenant } from "@koban/contracts";
import type { TRPCError } from "@trpc/server";
import type { AuditEntry } from "./audit.ts";
import { refused } from "./trpc.ts";

/** A procedure's `ctx.audit`: a partner's names its own tenant, a staff member's the one given. */
type Audit = (entry: Omit<AuditEntry, "user" | "tenant"> & { tenant?: Tenant | null }) => Promise<void>;

/** What a procedure's context offers for sending: the command gateway and its audit log. */
export interface CommandContext {
  commands: Pick<CommandGateway, "send">;
  audit: Audit;
}

export interface AuditedCommand<C extends CommandDefinition> {
  definition: C;
  payload: PayloadOf<C>;
  /** Whose the command is: the page's tenant, or (staff) the tenant of the resource acted on. */
  tenant: Tenant;
  /** The resource the command's operation is recorded against. */
  stream: { type: string; id: string };
  /** The audit line: what was asked, on what, with what detail (never a secret). */
  action: string;
  target: string;
  detail?: Record<string, unknown>;
  /** The line when the command succeeds, where it names something else (a replacement names the new card). */
  succeeded?: { target: string; detail?: Record<string, unknown> };
  /** The refusal as the procedure's error, when the owning context's own words are not the page's. */
  refusal?: (error: DomainErrorData) => TRPCError | Promise<TRPCError>;
}

/**
 * Sends a command and audits its outcome: succeeded, pending (its answer is slower than the wait)
 * or failed with the refusal's code. A refusal is thrown as the procedure's error, so what returns
 * is a command the owner accepted or has yet to answer.
 */
export async function sendAudited<C extends CommandDefinition>(
  ctx: CommandContext,
  command: AuditedCommand<C>,
): Promise<Exclude<CommandOutcome<C>, { status: "rejected" }>> {
  const { definition, payload, tenant, stream, action, target, detail = {} } = command;
  const outcome = await ctx.commands.send(definition, payload, tenant, stream);
  if (outcome.status === "rejected") {
    await ctx.audit({ action, target, tenant, outcome: "failed", detail: { ...detail, code: outcome.error.code } });
    throw await (command.refusal ?? refused)(outcome.error);
  }
  if (outcome.status === "pending") {
    await ctx.audit({ action, target, tenant, outcome: "pending", detail });
    return outcome;
  }
  const line = command.succeeded ?? { target, detail };
  await ctx.audit({ action, target: line.target, tenant, outcome: "succeeded", detail: line.detail ?? {} });
  return outcome;
}
