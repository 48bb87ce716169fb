import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { partnerRepository } from "./adapters/partner-repository.ts";
import { createApiKey, createPartner, createProgram, revokeApiKey, rollApiKey } from "./application/handlers.ts";

export { generateApiKey, hashApiKey } from "./domain/api-key.ts";

export const partnerContext = defineContext({
  name: "partner",
  schema: "partner",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [
    createPartner(partnerRepository),
    createApiKey(partnerRepository),
    revokeApiKey(partnerRepository),
    rollApiKey(partnerRepository),
    createProgram(partnerRepository),
  ],
  events: [],
});
