import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { cardholderRepository } from "./adapters/cardholder-repository.ts";
import { registerCardholder } from "./application/register-cardholder.ts";

export const cardholderContext = defineContext({
  name: "cardholder",
  schema: "cardholder",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [registerCardholder(cardholderRepository)],
  events: [],
});

export { cardholderRepository } from "./adapters/cardholder-repository.ts";
export { replayCardholder } from "./domain/replay.ts";
