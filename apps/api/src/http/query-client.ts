import type { QueryRouter } from "@koban/query";
import { createTRPCClient, httpLink } from "@trpc/client";

/** The query processor, reached over tRPC: every read the facade answers comes from it. */
export function createQueryClient(url: string) {
  return createTRPCClient<QueryRouter>({ links: [httpLink({ url })] });
}

export type QueryClient = ReturnType<typeof createQueryClient>;
