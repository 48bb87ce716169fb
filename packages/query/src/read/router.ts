import { apiKeys } from "./api-keys.ts";
import { authorizations } from "./authorizations.ts";
import { cardholders } from "./cardholders.ts";
import { cards } from "./cards.ts";
import { events } from "./events.ts";
import { fundingSources } from "./funding-sources.ts";
import { accounts, deposits, transfers } from "./money.ts";
import { t } from "./procedure.ts";
import { programs } from "./programs.ts";
import { settlements } from "./settlements.ts";
import { staff } from "./staff.ts";
import { staffReports } from "./staff-reports.ts";
import { transactions } from "./transactions.ts";
import { webhookDeliveries, webhookEndpoints } from "./webhooks.ts";

export type { QueryContext } from "./procedure.ts";

export const queryRouter = t.router({
  apiKeys,
  cardholders,
  cards,
  events,
  programs,
  webhookEndpoints,
  webhookDeliveries,
  fundingSources,
  accounts,
  transfers,
  deposits,
  authorizations,
  staff,
  transactions,
  settlements,
  staffReports,
});

export type QueryRouter = typeof queryRouter;
