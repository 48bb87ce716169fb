import { WebhookDeliveryAttempted } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import type { Logger } from "@koban/observability";
import { Webhook } from "standardwebhooks";
import { nextAttemptDelay } from "../domain/webhook-endpoint.ts";
import type { LeasedDelivery, SecretVault, WebhookResponse, WebhookSender, WebhookStore } from "./webhook-ports.ts";

export interface DelivererOptions {
  pool: Pool;
  store: WebhookStore;
  vault: SecretVault;
  send: WebhookSender;
  logger: Logger;
  /** How long an endpoint has to answer (the sender's deadline); a lease outlives it. */
  timeoutMs: number;
  /** How often due deliveries are looked for when there were none. */
  pollMs?: number;
  /** Deliveries attempted at once. */
  concurrency?: number;
}

export interface RunningDeliverer {
  stop(): Promise<void>;
}

/**
 * Attempts due webhook deliveries: signs each per Standard Webhooks with every secret that signs
 * now, POSTs it, and records the attempt, the next one's time (the schedule is rows, not
 * timers) and a WebhookDeliveryAttempted event in one transaction. Deliveries are leased, so
 * deliverers in several workers share the work and one killed mid-attempt loses nothing.
 */
export function startWebhookDeliverer(options: DelivererOptions): RunningDeliverer {
  const { store, vault, timeoutMs } = options;
  const pollMs = options.pollMs ?? 250;
  const concurrency = options.concurrency ?? 8;
  let stopping = false;
  let wake: (() => void) | undefined;

  const attempt = async (delivery: LeasedDelivery) => {
    const secrets = await vault.signing(options.pool, delivery.endpoint_id);
    const attemptedAt = new Date();
    const signature = secrets
      .map(({ secret }) => new Webhook(secret).sign(delivery.event_id, attemptedAt, delivery.body))
      .join(" ");
    const response: WebhookResponse = secrets.length
      ? await options.send(
          delivery.url,
          {
            "webhook-id": delivery.event_id,
            "webhook-timestamp": String(Math.floor(attemptedAt.getTime() / 1000)),
            "webhook-signature": signature,
            "user-agent": "Koban-Webhooks/1",
          },
          delivery.body,
        )
      : { status: null, latencyMs: 0, error: "the endpoint has no signing secret" };
    const succeeded = response.status !== null && response.status >= 200 && response.status < 300;
    await transaction(options.pool, async (tx) => {
      const current = await store.reloadLeased(tx, delivery.id, delivery.lease_id);
      if (!current) return; // canceled meanwhile, or the lease ran out and another deliverer has it
      const step = succeeded ? current.schedule_step : current.schedule_step + 1;
      const delay = succeeded ? null : nextAttemptDelay(step);
      const status = succeeded ? "succeeded" : delay === null ? "failed" : "pending";
      const nextAttemptAt = delay === null ? null : new Date(Date.now() + delay);
      const version = current.version + 1;
      const result = {
        succeeded,
        responseStatus: response.status,
        latencyMs: response.latencyMs,
        error: response.error,
      };
      await store.recordAttempt(
        tx,
        current,
        { attemptedAt, ...result },
        { status, scheduleStep: step, nextAttemptAt, version },
      );
      const tenant = { partnerId: current.partner_id, livemode: current.livemode };
      const event = createEvent(
        WebhookDeliveryAttempted,
        {
          webhook_delivery_id: current.id,
          webhook_endpoint_id: current.endpoint_id,
          event_id: current.event_id,
          event_type: current.event_type,
          created_at: current.created_at.toISOString(),
          attempt: {
            attempted_at: attemptedAt.toISOString(),
            succeeded,
            response_status: response.status,
            latency_ms: response.latencyMs,
            error: response.error,
          },
          status,
          next_attempt_at: nextAttemptAt?.toISOString() ?? null,
        },
        { source: "partner", tenant, stream: { id: current.id, version } },
      );
      await appendToOutbox(tx, "partner", [event]);
    });
  };

  const loop = (async () => {
    while (!stopping) {
      let leased: LeasedDelivery[] = [];
      try {
        leased = await store.leaseDueDeliveries(options.pool, concurrency, timeoutMs + 5_000);
        await Promise.all(
          leased.map((delivery) =>
            attempt(delivery).catch((error: unknown) =>
              // The lease runs out and the delivery is attempted again.
              options.logger.error({ err: error, delivery: delivery.id }, "webhook attempt not recorded"),
            ),
          ),
        );
      } catch (error) {
        options.logger.error({ err: error }, "webhook deliverer could not lease deliveries");
      }
      if (leased.length === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs);
        });
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
