import { loadEnv, platformEnv, webhookEnv } from "@koban/config";
import { z } from "zod";

const DEV_AUTH_SECRET = "koban-console-dev-secret-never-use-in-production";

export const loadConsoleEnv = (source: Record<string, string | undefined> = process.env) => {
  const production = source.KOBAN_ENV === "prod";
  return loadEnv(
    {
      ...platformEnv,
      ...webhookEnv,
      PORT: z.coerce.number().int().min(0).max(65535).default(3003),
      HOST: z.string().default("127.0.0.1"),
      /** The URL people reach the console at, if not http://HOST:PORT (behind a proxy). */
      CONSOLE_URL: z.string().url().optional(),
      QUERY_URL: z.string().url().default("http://127.0.0.1:3001"),
      GATEWAY_URL: z.string().url().default("http://127.0.0.1:3002"),
      /** Signs sessions; production must set its own. */
      CONSOLE_AUTH_SECRET: production
        ? z
            .string()
            .min(32)
            .refine((value) => value !== DEV_AUTH_SECRET, "is the development secret")
        : z.string().min(32).default(DEV_AUTH_SECRET),
      /** Where invitations are mailed from (`smtp://user:pass@host:587`); unset, they are only logged. */
      SMTP_URL: z.string().url().optional(),
      MAIL_FROM: z.string().min(3).default("Koban <no-reply@koban.dev>"),
      COMMAND_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(5_000),
    },
    source,
  );
};

export type ConsoleEnv = ReturnType<typeof loadConsoleEnv>;
