import type { ApiKeyScope, DomainErrorData } from "@koban/contracts";
import type { Pool } from "@koban/db";
import type { UrlPolicy } from "@koban/partner";
import { TRPCClientError } from "@trpc/client";
import type { FastifyRequest } from "fastify";
import type { Caller } from "./auth.ts";
import type { CommandGateway } from "./commands.ts";
import type { StoredResponse } from "./idempotency.ts";
import { Problem } from "./problem.ts";
import type { QueryClient } from "./query-client.ts";

export interface ApiDeps {
  pool: Pool;
  commands: CommandGateway;
  query: QueryClient;
  /** Which webhook URLs may be saved. */
  urlPolicy: UrlPolicy;
  /** Where the network gateway listens: simulations send their traffic there. */
  gatewayUrl: string;
}

/** What a write ends in; `write` turns it into the HTTP response (and keeps it for its idempotency key). */
export type WriteOutcome =
  | { status: "created" | "updated"; body: unknown; consistency: string }
  | { status: "pending"; operationId: string; consistency?: string }
  | { status: "rejected"; operationId: string; error: DomainErrorData };

export interface RouteContext {
  request: FastifyRequest;
  caller: Caller;
  deps: ApiDeps;
  /** The Koban-Consistency token a GET sent back, if any. */
  consistency: string | undefined;
  write(run: () => Promise<WriteOutcome>): Promise<StoredResponse>;
}

/** One endpoint: the facade maps HTTP to a command or a query, and holds no business rule. */
export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  /** What the API key must be allowed to do; null: any key of the tenant. */
  scope: ApiKeyScope | null;
  handle(context: RouteContext): Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
}

/**
 * The written resource as the query side renders it, or undefined if the read model has
 * not caught up in time: the write is done, so the caller gets its operation (202).
 */
export async function readAfterWrite<T>(read: () => Promise<T | null>): Promise<T | undefined> {
  try {
    return (await read()) ?? undefined;
  } catch (error) {
    if (error instanceof TRPCClientError && error.data?.code === "TIMEOUT") return undefined;
    throw error;
  }
}

/** A list page as every list endpoint answers it. */
export function listPage<T>(page: { data: T[]; hasMore: boolean; nextCursor: string | null }) {
  return {
    status: 200,
    body: { object: "list" as const, data: page.data, has_more: page.hasMore, next_cursor: page.nextCursor },
  };
}

/** The resource, or the 404 every endpoint gives for an id that is unknown or another tenant's. */
export function found<T>(resource: T | null | undefined, kind: string, id: string): T {
  if (resource === null || resource === undefined) {
    throw new Problem(404, "resource_not_found", `No such ${kind}: ${id}.`, "id");
  }
  return resource;
}
