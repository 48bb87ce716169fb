import { loadEnv, loadPanDigestKey, platformEnv } from "@koban/config";
import { z } from "zod";

export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) => ({
  ...loadEnv(
    {
      DATABASE_URL: platformEnv.DATABASE_URL,
      KOBAN_ENV: platformEnv.KOBAN_ENV,
      DB_POOL_MAX: platformEnv.DB_POOL_MAX,
      PORT: z.coerce.number().int().min(0).max(65535).default(3002),
      HOST: z.string().default("127.0.0.1"),
      /**
       * How long the participants have to answer before a missing result is a decline (96).
       * Must stay under the network's own timeout (the simulator's is 5 s) with room for the
       * gateway's grace second.
       */
      DECISION_DEADLINE_MS: z.coerce.number().int().min(100).max(3_500).default(2_000),
    },
    source,
  ),
  // The same key `card` digests the numbers it issues with (and the same dev-only default).
  PAN_DIGEST_KEY: loadPanDigestKey(source),
});
