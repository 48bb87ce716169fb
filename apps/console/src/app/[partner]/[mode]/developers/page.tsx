"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../../../ui/badge.tsx";
import { Confirm } from "../../../../ui/confirm.tsx";
import { when } from "../../../../ui/format.ts";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, ErrorState, Loading, messageOf } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";

/** API keys: a new key's secret is shown once, here, and never again. */
export default function Developers() {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ partner, mode }));
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.developer?.includes("write") ?? false;
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (key) => {
        setSecret(key.secret);
        setError(null);
        await queryClient.invalidateQueries();
      },
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  return (
    <>
      <h1>Developers</h1>
      <h2>API keys ({mode} mode)</h2>
      {canWrite ? (
        <button
          type="button"
          className="primary"
          disabled={create.isPending}
          onClick={() => create.mutate({ partner, mode })}
        >
          {create.isPending ? "Creating…" : "Create API key"}
        </button>
      ) : null}
      {secret ? (
        <section className="card secret" aria-label="New API key">
          <p>
            <strong>Copy this key now.</strong> It is shown only once; Koban keeps only its hash.
          </p>
          <code className="new-key">{secret}</code>
          <button type="button" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </section>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {keys.isPending ? (
        <Loading />
      ) : keys.error ? (
        <ErrorState error={keys.error} retry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <Empty title="No API keys in this mode" />
      ) : (
        <table className="table" aria-label="API keys">
          <thead>
            <tr>
              <th>Key</th>
              <th>Created</th>
              <th>State</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>
                  <code className="redacted-key">{key.redactedKey}</code>
                </td>
                <td>{when(key.createdAt)}</td>
                <td>
                  <Badge value={key.revokedAt ? "revoked" : key.expiresAt ? "expiring" : "active"} />
                </td>
                <td>
                  {canWrite && !key.revokedAt ? (
                    <Confirm
                      trigger={
                        <button type="button" className="danger">
                          Revoke…
                        </button>
                      }
                      title="Revoke this key?"
                      description="Requests with it fail at once. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutate({ partner, mode, id: key.id })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
