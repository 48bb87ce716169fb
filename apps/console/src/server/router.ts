import { apiKeysRouter } from "./routers/api-keys.ts";
import { authorizationsRouter } from "./routers/authorizations.ts";
import { cardholdersRouter } from "./routers/cardholders.ts";
import { cardsRouter } from "./routers/cards.ts";
import { sessionRouter } from "./routers/session.ts";
import { staffRouter } from "./routers/staff.ts";
import { router } from "./trpc.ts";

export const consoleRouter = router({
  session: sessionRouter,
  cardholders: cardholdersRouter,
  cards: cardsRouter,
  authorizations: authorizationsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
});

export type ConsoleRouter = typeof consoleRouter;
