import { loadEnv, platformEnv } from "@koban/config";
import { z } from "zod";

export const loadQueryEnv = () =>
  loadEnv({
    DATABASE_URL: platformEnv.DATABASE_URL,
    LOG_LEVEL: platformEnv.LOG_LEVEL,
    DB_POOL_MAX: platformEnv.DB_POOL_MAX,
    PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    /** The reader role's connection; by default DATABASE_URL's server and database as that role. */
    QUERY_DATABASE_URL: z.string().url().optional(),
    QUERY_DB_PASSWORD: z.string().min(8).default("koban_query"),
    HOST: z.string().default("127.0.0.1"),
  });
