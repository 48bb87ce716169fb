import { kycResults, RecordKycResult } from "@koban/contracts";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import type { Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { cardholderIdParam, cardholderWritten } from "./cardholders.ts";

const kycBody = z.strictObject({
  status: z.enum(kycResults),
  reason: z.string().trim().min(1).max(500).optional(),
});

/**
 * The sandbox's stand-in for Koban's compliance staff. A live key gets 403 rather than 404:
 * the endpoint exists and is documented, and the answer says what to do (use a test key).
 */
export const simulateCardholderKyc: Route = {
  method: "POST",
  url: "/v1/simulate/cardholders/:id/kyc",
  scope: "cardholders:write",
  async handle({ request, caller, deps, write }) {
    if (caller.tenant.livemode) {
      throw new Problem(403, "permission_denied", "Simulations work in test mode only: use a kb_test_ key.");
    }
    const id = cardholderIdParam(request);
    const body = parseInput(kycBody, request.body);
    return write(async () => {
      const outcome = await deps.commands.send(
        RecordKycResult,
        { cardholder_id: id, status: body.status, reason: body.reason ?? null, source: "simulation" },
        caller.tenant,
        { type: "cardholder", id },
      );
      return cardholderWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};
