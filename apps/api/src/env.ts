import { loadEnv, platformEnv, webhookEnv } from "@koban/config";
import { z } from "zod";

export const loadApiEnv = () =>
  loadEnv({
    ...platformEnv,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    QUERY_URL: z.string().url().default("http://127.0.0.1:3001"),
    /** The network gateway, where simulated authorizations are sent. */
    GATEWAY_URL: z.string().url().default("http://127.0.0.1:3002"),
    /** Requests each API key may make per second (a fixed one-second window, counted in Redis). */
    RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(100),
    /** How long a write waits for its document before answering 202 with an operation. */
    COMMAND_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(5_000),
    ...webhookEnv,
  });
