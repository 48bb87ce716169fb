import { loadEnv, platformEnv } from "@koban/config";
import { z } from "zod";

export const loadQueryEnv = () =>
  loadEnv({
    DATABASE_URL: platformEnv.DATABASE_URL,
    LOG_LEVEL: platformEnv.LOG_LEVEL,
    DB_POOL_MAX: platformEnv.DB_POOL_MAX,
    PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    HOST: z.string().default("127.0.0.1"),
  });
