import {
  type CreateProgram,
  DomainError,
  type PayloadOf,
  type ProgramCreated,
  spendControlsProblem,
} from "@koban/contracts";
import type { Partner } from "./partner.ts";

export type ProgramEvent = { type: "ProgramCreated" } & PayloadOf<typeof ProgramCreated>;

/** A program belongs to an existing partner, its id is used once, and its default controls hold together. */
export function decideCreateProgram(
  partner: Partner | undefined,
  exists: boolean,
  command: PayloadOf<typeof CreateProgram>,
  now: Date,
): ProgramEvent[] {
  if (!partner) throw new DomainError("resource_not_found", "No such partner", { status: 404 });
  if (exists) {
    throw new DomainError("program_exists", `Program ${command.program_id} already exists`, { status: 409 });
  }
  const problem = spendControlsProblem(command.default_spend_controls);
  if (problem) {
    throw new DomainError("parameter_invalid", problem.message, {
      status: 400,
      param: `default_spend_controls.${problem.field}`,
    });
  }
  return [{ type: "ProgramCreated", ...command, partner_id: partner.id, created_at: now.toISOString() }];
}
