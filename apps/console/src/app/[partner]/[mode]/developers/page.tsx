"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { rollExpiries } from "../../../../shared/forms.ts";
import { ApiKeyForm } from "../../../../ui/api-key-form.tsx";
import { Badge } from "../../../../ui/badge.tsx";
import { Confirm } from "../../../../ui/confirm.tsx";
import { when } from "../../../../ui/format.ts";
import { useScope } from "../../../../ui/scope.ts";
import { SecretOnce } from "../../../../ui/secret-once.tsx";
import { Empty, ErrorState, Loading, messageOf } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";

const expiryLabels: Record<(typeof rollExpiries)[number], string> = {
  0: "At once",
  3600: "In 1 hour",
  86400: "In 24 hours",
  604800: "In 7 days",
};

/** API keys: a new (or rolled) key's secret is shown once, here, and never again. */
export default function Developers() {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rollExpiry, setRollExpiry] = useState<(typeof rollExpiries)[number]>(86_400);
  const [creating, setCreating] = useState(false);
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ partner, mode }));
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.developer?.includes("write") ?? false;
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (key) => {
        setSecret(key.secret);
        setError(null);
        setCreating(false);
        await queryClient.invalidateQueries();
      },
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  const roll = useMutation(
    trpc.apiKeys.roll.mutationOptions({
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
      <h2>API keys ({mode} mode)</h2>
      {canWrite && !creating ? (
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create API key
        </button>
      ) : null}
      {canWrite && creating ? (
        <ApiKeyForm
          busy={create.isPending}
          onSubmit={(form) => create.mutate({ partner, mode, ...form })}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {secret ? (
        <SecretOnce
          label="New API key"
          secret={secret}
          note="It is shown only once; Koban keeps only its hash."
          onDone={() => setSecret(null)}
        />
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
              <th>Kind</th>
              <th>Created</th>
              <th>State</th>
              <th>Stops</th>
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
                <td title={key.scopes?.join(", ") ?? "Every scope, including ones added later"}>
                  {key.kind === "standard"
                    ? "Standard"
                    : `Restricted (${key.scopes?.length ?? 0} ${key.scopes?.length === 1 ? "scope" : "scopes"})`}
                </td>
                <td>{when(key.createdAt)}</td>
                <td>
                  <Badge value={key.revokedAt ? "revoked" : key.expiresAt ? "expiring" : "active"} />
                </td>
                <td>{when(key.revokedAt ?? key.expiresAt)}</td>
                <td>
                  {canWrite && !key.revokedAt && !key.expiresAt ? (
                    <Confirm
                      trigger={
                        <button type="button" disabled={roll.isPending}>
                          Roll…
                        </button>
                      }
                      title="Roll this key?"
                      description="A new key of the same kind and scopes replaces it, shown once. The old key keeps working until the time you choose."
                      confirmLabel="Roll key"
                      onConfirm={() => roll.mutate({ partner, mode, id: key.id, expiresInSeconds: rollExpiry })}
                    >
                      <label>
                        Old key stops{" "}
                        <select
                          value={rollExpiry}
                          onChange={(event) => setRollExpiry(Number(event.target.value) as typeof rollExpiry)}
                        >
                          {rollExpiries.map((seconds) => (
                            <option key={seconds} value={seconds}>
                              {expiryLabels[seconds]}
                            </option>
                          ))}
                        </select>
                      </label>
                    </Confirm>
                  ) : null}{" "}
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
