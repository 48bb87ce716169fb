import { apiKeysRouter } from "./routers/api-keys.ts";
import { authorizationsRouter } from "./routers/authorizations.ts";
import { cardholdersRouter } from "./routers/cardholders.ts";
import { cardsRouter } from "./routers/cards.ts";
import { sessionRouter } from "./routers/session.ts";
import { staffRouter } from "./routers/staff.ts";
import { staffAccountingRouter } from "./routers/staff-accounting.ts";
import { staffComplianceRouter } from "./routers/staff-compliance.ts";
import { staffPartnersRouter } from "./routers/staff-partners.ts";
import { router } from "./trpc.ts";

export const consoleRouter = router({
  session: sessionRouter,
  cardholders: cardholdersRouter,
  cards: cardsRouter,
  authorizations: authorizationsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
  staffPartners: staffPartnersRouter,
  staffCompliance: staffComplianceRouter,
  staffAccounting: staffAccountingRouter,
});

export type ConsoleRouter = typeof consoleRouter;
