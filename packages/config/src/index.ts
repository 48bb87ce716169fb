import { z } from "zod";
import { type KeyRing, keyRingSchema, secretVariable } from "./key-ring.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the environment once, through a schema, and fails naming every missing or
 * invalid variable. Apps call this at start-up; nothing else reads process.env.
 */
export function loadEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return source[name] === undefined ? `${name} is missing` : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigError(`Configuration error: ${problems.join("; ")}`);
}

/** The variables every process of the backend shares. */
export const platformEnv = {
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Namespaces queues and Redis keys, so several installations share one Redis. */
  KOBAN_ENV: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default("dev"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(8),
};

/** Shared by the API (checking URLs as they are saved) and the worker (checking them as it connects). */
export const webhookEnv = {
  /** Lets webhook URLs reach loopback and private addresses: for local development only. */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
};

export * from "./key-ring.ts";

/**
 * A key ring variable (`1:<base64 32 bytes>,2:<…>`; the newest encrypts): outside production a
 * missing one takes `devValue`; in production it is required and `devValue` is refused.
 */
export function loadKeyRingVariable(
  name: string,
  devValue: string,
  source: Record<string, string | undefined> = process.env,
): KeyRing {
  const { KOBAN_ENV } = loadEnv({ KOBAN_ENV: platformEnv.KOBAN_ENV }, source);
  const variable = secretVariable(keyRingSchema, devValue, KOBAN_ENV === "prod");
  return loadEnv({ [name]: variable }, source)[name] as KeyRing;
}
export * from "./pan-digest.ts";
