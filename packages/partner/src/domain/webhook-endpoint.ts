import {
  DomainError,
  type PayloadOf,
  type WebhookEndpointCreated,
  type WebhookEndpointUpdated,
} from "@koban/contracts";

export interface WebhookEndpoint {
  id: string;
  partnerId: string;
  livemode: boolean;
  url: string;
  description: string | null;
  enabledEvents: string[];
  status: "enabled" | "disabled";
  deleted: boolean;
  version: number;
}

type Changes = Partial<
  Pick<PayloadOf<typeof WebhookEndpointCreated>, "url" | "description" | "enabled_events" | "status">
>;

/** The endpoint, or the 404 every endpoint gives for an id that is unknown, deleted or another tenant's. */
export function existing(endpoint: WebhookEndpoint | undefined, id: string): WebhookEndpoint {
  if (!endpoint || endpoint.deleted) {
    throw new DomainError("resource_not_found", `No such webhook endpoint: ${id}.`, { status: 404, param: "id" });
  }
  return endpoint;
}

/** The endpoint's state after an update, or null when the update changes nothing. */
export function decideUpdate(
  endpoint: WebhookEndpoint,
  changes: Changes,
  now: Date,
): PayloadOf<typeof WebhookEndpointUpdated> | null {
  const after = {
    url: changes.url ?? endpoint.url,
    description: changes.description === undefined ? endpoint.description : changes.description,
    enabled_events: changes.enabled_events ?? endpoint.enabledEvents,
    status: changes.status ?? endpoint.status,
  };
  const same =
    after.url === endpoint.url &&
    after.description === endpoint.description &&
    after.status === endpoint.status &&
    after.enabled_events.join("\n") === endpoint.enabledEvents.join("\n");
  return same ? null : { webhook_endpoint_id: endpoint.id, ...after, updated_at: now.toISOString() };
}

/** Whether an endpoint listening for `selectors` receives an event of `type`. */
export function selects(selectors: readonly string[], type: string): boolean {
  return selectors.some(
    (selector) =>
      selector === "*" || selector === type || (selector.endsWith(".*") && type.startsWith(selector.slice(0, -1))),
  );
}

/**
 * When each attempt is due, from the first (at once): the Standard Webhooks reference schedule,
 * about 28 hours in all, so a partner's day-long outage loses nothing.
 */
export const retrySchedule = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600].map((s) => s * 1000);

/**
 * The delay before the attempt after `attemptsMade` failed ones, with ±10% jitter so endpoints
 * that failed together are not retried in lockstep; null once the schedule is spent.
 */
export function nextAttemptDelay(attemptsMade: number, random: () => number = Math.random): number | null {
  const base = retrySchedule[attemptsMade];
  if (base === undefined) return null;
  return Math.round(base * (0.9 + 0.2 * random()));
}
