"use client";
import { TRPCClientError } from "@trpc/client";
import { type ComponentType, type ReactNode, Suspense } from "react";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  return "Something went wrong. Try again.";
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof TRPCClientError && error.data?.code === "NOT_FOUND";
  return (
    <div className="state error" role="alert">
      <strong>{notFound ? "Not found" : "Could not load this"}</strong>
      <div>{messageOf(error)}</div>
      {retry && !notFound ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** What went wrong with the last action or submitted form, read out as it appears; nothing when all is well. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

/**
 * A page that reads its URL's query (useSearchParams), inside the Suspense boundary Next asks
 * such a page for; it shows Loading until the query is known.
 */
export function withSuspense(Page: ComponentType): ComponentType {
  return function SuspendedPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
