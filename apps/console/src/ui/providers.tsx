"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { type ReactNode, useState } from "react";
import type { ConsoleRouter } from "../server/router.ts";
import { TRPCProvider } from "./trpc.ts";

/** Errors a retry cannot fix (not found, forbidden, bad input) are shown at once. */
function retryable(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
    if (status < 500) return false;
  }
  return failureCount < 2;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: retryable, staleTime: 2_000 } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<ConsoleRouter>({ links: [httpBatchLink({ url: "/api/trpc" })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
