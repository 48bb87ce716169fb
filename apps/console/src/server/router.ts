import { apiKeysRouter } from "./routers/api-keys.ts";
import { authorizationsRouter } from "./routers/authorizations.ts";
import { cardDetailsRouter } from "./routers/card-details.ts";
import { cardholdersRouter } from "./routers/cardholders.ts";
import { cardsRouter } from "./routers/cards.ts";
import { eventsRouter } from "./routers/events.ts";
import { fundingRouter } from "./routers/funding.ts";
import { invitationsRouter } from "./routers/invitations.ts";
import { overviewRouter } from "./routers/overview.ts";
import { sessionRouter } from "./routers/session.ts";
import { settlementsRouter } from "./routers/settlements.ts";
import { staffRouter } from "./routers/staff.ts";
import { staffAccountingRouter } from "./routers/staff-accounting.ts";
import { staffComplianceRouter } from "./routers/staff-compliance.ts";
import { staffPartnersRouter } from "./routers/staff-partners.ts";
import { teamRouter } from "./routers/team.ts";
import { transactionsRouter } from "./routers/transactions.ts";
import { webhooksRouter } from "./routers/webhooks.ts";
import { router } from "./trpc.ts";

export const consoleRouter = router({
  session: sessionRouter,
  cardholders: cardholdersRouter,
  cards: cardsRouter,
  authorizations: authorizationsRouter,
  transactions: transactionsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
  staffPartners: staffPartnersRouter,
  staffCompliance: staffComplianceRouter,
  staffAccounting: staffAccountingRouter,
  cardDetails: cardDetailsRouter,
  webhooks: webhooksRouter,
  events: eventsRouter,
  team: teamRouter,
  invitations: invitationsRouter,
  funding: fundingRouter,
  settlements: settlementsRouter,
  overview: overviewRouter,
});

export type ConsoleRouter = typeof consoleRouter;
