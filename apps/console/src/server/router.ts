import { apiKeysRouter } from "./routers/api-keys.ts";
import { authorizationsRouter } from "./routers/authorizations.ts";
import { cardholdersRouter } from "./routers/cardholders.ts";
import { cardsRouter } from "./routers/cards.ts";
import { fundingRouter } from "./routers/funding.ts";
import { overviewRouter } from "./routers/overview.ts";
import { sessionRouter } from "./routers/session.ts";
import { settlementsRouter } from "./routers/settlements.ts";
import { staffRouter } from "./routers/staff.ts";
import { router } from "./trpc.ts";

export const consoleRouter = router({
  session: sessionRouter,
  cardholders: cardholdersRouter,
  cards: cardsRouter,
  authorizations: authorizationsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
  funding: fundingRouter,
  settlements: settlementsRouter,
  overview: overviewRouter,
});

export type ConsoleRouter = typeof consoleRouter;
