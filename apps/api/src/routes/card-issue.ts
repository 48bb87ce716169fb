import {
  cardReplacementReasons,
  cardTypes,
  IssueCard,
  idSchema,
  newId,
  ReplaceCard,
  type Tenant,
} from "@koban/contracts";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import type { ApiDeps, Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { cardWritten, spendControlsInput } from "./cards.ts";

/** A new card, or (with `replacement_for`) the replacement of one, which keeps its cardholder, program, type and controls. */
const createBody = z.strictObject({
  cardholder_id: idSchema("ch").optional(),
  program_id: idSchema("prg").optional(),
  type: z.enum(cardTypes).optional(),
  spend_controls: spendControlsInput.optional(),
  replacement_for: idSchema("card").optional(),
  replacement_reason: z.enum(cardReplacementReasons).optional(),
  funding_source_id: idSchema("fs").optional(),
});

/** Without `program_id`, the tenant's program if it has exactly one; the choice is otherwise the caller's. */
export async function programOf(deps: ApiDeps, tenant: Tenant, given: string | undefined): Promise<string> {
  if (given) return given;
  const programs = await deps.query.programs.list.query({ tenant, limit: 2 });
  const only = programs.data.length === 1 ? programs.data[0] : undefined;
  if (!only) {
    const count = programs.hasMore ? "several programs" : `${programs.data.length} programs`;
    const detail = `Missing required parameter: program_id (you have ${count} in this mode).`;
    throw new Problem(400, "parameter_missing", detail, "program_id");
  }
  return only.id;
}

/**
 * Whether the query side has the cardholder and the program: the card context's own copies may
 * lag it, and told what the caller could see, `card` waits for a copy on its way instead of
 * refusing (it still decides; this is only evidence).
 */
async function factsSeen(deps: ApiDeps, tenant: Tenant, cardholderId: string, programId: string) {
  const [cardholder, program] = await Promise.all([
    deps.query.cardholders.get.query({ tenant, id: cardholderId }),
    deps.query.programs.get.query({ tenant, id: programId }),
  ]);
  return { cardholder: cardholder !== null, program: program !== null };
}

const missing = (param: string) =>
  new Problem(400, "parameter_missing", `Missing required parameter: ${param}.`, param);

/** A replacement takes its cardholder, program, type, controls and funding source from its original: naming them is an error. */
const notWithReplacement = ["cardholder_id", "program_id", "type", "spend_controls", "funding_source_id"] as const;

type Body = z.infer<typeof createBody>;
type Context = Parameters<Route["handle"]>[0];

function replace({ caller, deps, write }: Context, body: Body, original: string) {
  const extra = notWithReplacement.find((field) => body[field] !== undefined);
  if (extra) {
    const detail = `${extra} is not accepted with replacement_for: a replacement keeps its original's.`;
    throw new Problem(400, "parameter_unknown", detail, extra);
  }
  const reason = body.replacement_reason;
  if (!reason) throw missing("replacement_reason");
  return write(async () => {
    const cardId = newId("card");
    const outcome = await deps.commands.send(
      ReplaceCard,
      { card_id: original, replacement_card_id: cardId, reason },
      caller.tenant,
      { type: "card", id: cardId },
    );
    // The original is named by replacement_for here, not by a path's id.
    const renamed =
      outcome.status === "rejected" && outcome.error.param === "id"
        ? { ...outcome, error: { ...outcome.error, param: "replacement_for" } }
        : outcome;
    return cardWritten(deps, caller.tenant, renamed, "created");
  });
}

async function issue({ caller, deps, write }: Context, body: Body) {
  if (body.replacement_reason) {
    throw new Problem(400, "parameter_unknown", "replacement_reason goes with replacement_for.", "replacement_reason");
  }
  const { cardholder_id: cardholderId, type, spend_controls } = body;
  if (!cardholderId) throw missing("cardholder_id");
  if (!type) throw missing("type");
  const programId = await programOf(deps, caller.tenant, body.program_id);
  const funding_source_id = body.funding_source_id ?? null;
  if (
    funding_source_id &&
    !(await deps.query.fundingSources.get.query({ tenant: caller.tenant, id: funding_source_id }))
  ) {
    throw new Problem(
      422,
      "funding_source_not_found",
      `No such funding source: ${funding_source_id}.`,
      "funding_source_id",
    );
  }
  return write(async () => {
    const cardId = newId("card");
    const facts_seen = await factsSeen(deps, caller.tenant, cardholderId, programId);
    const outcome = await deps.commands.send(
      IssueCard,
      {
        card_id: cardId,
        cardholder_id: cardholderId,
        program_id: programId,
        type,
        spend_controls,
        funding_source_id,
        facts_seen,
      },
      caller.tenant,
      { type: "card", id: cardId },
    );
    return cardWritten(deps, caller.tenant, outcome, "created");
  });
}

export const createCard: Route = {
  method: "POST",
  url: "/v1/cards",
  scope: "cards:write",
  async handle(context) {
    const body = parseInput(createBody, context.request.body);
    return body.replacement_for ? replace(context, body, body.replacement_for) : issue(context, body);
  },
};
