import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { cardholderRepository } from "./adapters/cardholder-repository.ts";
import { cardholderAuthorizationHandlers } from "./application/authorization.ts";
import { liftCardholderComplianceHold, placeCardholderComplianceHold } from "./application/compliance-hold.ts";
import { copyCreatedProgram } from "./application/copy-programs.ts";
import { recordKycResult } from "./application/record-kyc-result.ts";
import { registerCardholder } from "./application/register-cardholder.ts";
import { updateCardholder } from "./application/update-cardholder.ts";

export const cardholderContext = defineContext({
  name: "cardholder",
  schema: "cardholder",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [
    registerCardholder(cardholderRepository),
    updateCardholder(cardholderRepository),
    recordKycResult(cardholderRepository),
    placeCardholderComplianceHold(cardholderRepository),
    liftCardholderComplianceHold(cardholderRepository),
  ],
  events: [copyCreatedProgram(cardholderRepository), ...cardholderAuthorizationHandlers(cardholderRepository)],
});

export { cardholderRepository } from "./adapters/cardholder-repository.ts";
export { replayCardholder } from "./domain/replay.ts";
