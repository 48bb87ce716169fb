import { loadEnv, platformEnv, webhookEnv } from "@koban/config";
import { z } from "zod";

export const loadWorkerEnv = () =>
  loadEnv({
    ...platformEnv,
    /** Which contexts this process hosts (comma-separated); all of them by default. */
    WORKER_CONTEXTS: z.string().optional(),
    /** Whether this process also runs the relay (only one leads at a time anyway). */
    WORKER_RELAY: z.enum(["true", "false"]).default("true"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).default(1_000),
    /** How often due holds are expired. */
    HOLD_SWEEP_MS: z.coerce.number().int().min(10).default(1_000),
    /** How often authorizations left undecided past their deadline (their gateway died) are declined. */
    AUTHORIZATION_SWEEP_MS: z.coerce.number().int().min(10).default(1_000),
    /** How often the settlement schedule (rows in clearing's schema) is checked for a due run. */
    SETTLEMENT_SCHEDULE_MS: z.coerce.number().int().min(10).default(60_000),
    ...webhookEnv,
    /** How long a webhook endpoint has to answer a delivery. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  });
