"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { secretGraceSeconds } from "../../../../../../shared/forms.ts";
import { Badge } from "../../../../../../ui/badge.tsx";
import { Confirm } from "../../../../../../ui/confirm.tsx";
import { FilterSelect } from "../../../../../../ui/filter-select.tsx";
import { when } from "../../../../../../ui/format.ts";
import { PagedTable } from "../../../../../../ui/query-list.tsx";
import { useScope } from "../../../../../../ui/scope.ts";
import { SecretOnce } from "../../../../../../ui/secret-once.tsx";
import { Empty, ErrorState, FormError, Loading, messageOf, withSuspense } from "../../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../../ui/trpc.ts";
import { useUrlState } from "../../../../../../ui/url-state.ts";
import { WebhookEndpointForm } from "../../../../../../ui/webhook-endpoint-form.tsx";

const statuses = ["pending", "succeeded", "failed", "canceled"] as const;
type Status = (typeof statuses)[number];

const graceLabels: Record<(typeof secretGraceSeconds)[number], string> = {
  0: "At once",
  3600: "In 1 hour",
  86400: "In 24 hours",
  604800: "In 7 days",
};

interface Row {
  id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_response: string;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("event_type", { header: "Event" }),
  column.accessor("status", { header: "Status", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("attempts", { header: "Attempts" }),
  column.accessor("last_response", { header: "Last response" }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
];

function Deliveries({ endpointId }: { endpointId: string }) {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const status = url.get("status") as Status | undefined;
  const list = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({
      partner,
      mode,
      endpointId,
      limit: 25,
      status,
      startingAfter: url.get("after"),
    }),
    refetchInterval: 2_000,
  });
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.data ?? []).map((delivery) => {
        const last = delivery.attempts.at(-1);
        return {
          id: delivery.id,
          event_type: delivery.event_type,
          status: delivery.status,
          attempts: delivery.attempts.length,
          last_response: last ? String(last.response_status ?? last.error ?? "—") : "—",
          created_at: delivery.created_at,
        };
      }),
    [page],
  );
  return (
    <>
      <h2>Delivery log</h2>
      <div className="toolbar">
        <FilterSelect
          label="Status"
          param="status"
          options={Object.fromEntries(statuses.map((value) => [value, value]))}
        />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Deliveries"
        columns={columns}
        rowHref={(row) => `${base}/developers/webhooks/${endpointId}/deliveries/${row.id}`}
        empty={
          <Empty title={status ? "No delivery matches" : "No deliveries yet"}>
            Deliveries appear here as events happen.
          </Empty>
        }
      />
    </>
  );
}

/** One endpoint: its settings and actions, and the log of what was sent to it. */
function Endpoint() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [grace, setGrace] = useState<(typeof secretGraceSeconds)[number]>(86_400);
  const [error, setError] = useState<string | null>(null);
  const endpoint = useQuery(trpc.webhooks.get.queryOptions({ partner, mode, id }));
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.developer?.includes("write") ?? false;
  const options = {
    onSuccess: async () => {
      setError(null);
      await queryClient.invalidateQueries();
    },
    onError: (failure: unknown) => setError(messageOf(failure)),
  };
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      ...options,
      onSuccess: async () => {
        setEditing(false);
        await options.onSuccess();
      },
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      ...options,
      onSuccess: async (result) => {
        setSecret(result.secret);
        await options.onSuccess();
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      ...options,
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.push(`${base}/developers/webhooks`);
      },
    }),
  );
  if (endpoint.isPending) return <Loading />;
  if (endpoint.error) return <ErrorState error={endpoint.error} retry={() => endpoint.refetch()} />;
  const e = endpoint.data;
  const busy = update.isPending || rotate.isPending || remove.isPending;
  const scope = { partner, mode, id: e.id };
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/developers/webhooks`}>Webhooks</Link> /
      </p>
      <h2>
        <code>{e.url}</code> <Badge value={e.status} />
      </h2>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{e.id}</code>
        </dd>
        <dt>Description</dt>
        <dd>{e.description ?? "—"}</dd>
        <dt>Events</dt>
        <dd>{e.enabled_events.join(", ")}</dd>
        <dt>Created</dt>
        <dd>{when(e.created_at)}</dd>
        <dt>Secret rotated</dt>
        <dd>{when(e.secret_rotated_at)}</dd>
      </dl>
      {canWrite ? (
        <section className="actions" aria-label="Endpoint actions">
          <button type="button" disabled={busy} onClick={() => setEditing(!editing)}>
            {editing ? "Close editor" : "Edit"}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => update.mutate({ ...scope, status: e.status === "enabled" ? "disabled" : "enabled" })}
          >
            {e.status === "enabled" ? "Disable" : "Enable"}
          </button>
          <Confirm
            trigger={
              <button type="button" disabled={busy}>
                Rotate secret…
              </button>
            }
            title="Rotate the signing secret?"
            description="A new secret signs every delivery from now on; it is shown once. The old one also signs until the time you choose."
            confirmLabel="Rotate secret"
            onConfirm={() => rotate.mutate({ ...scope, expiresInSeconds: grace })}
          >
            <label>
              Old secret stops{" "}
              <select value={grace} onChange={(event) => setGrace(Number(event.target.value) as typeof grace)}>
                {secretGraceSeconds.map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {graceLabels[seconds]}
                  </option>
                ))}
              </select>
            </label>
          </Confirm>
          <Confirm
            trigger={
              <button type="button" className="danger" disabled={busy}>
                Delete…
              </button>
            }
            title="Delete this endpoint?"
            description="Nothing more is sent to it and its pending deliveries are canceled. This cannot be undone."
            confirmLabel="Delete endpoint"
            onConfirm={() => remove.mutate(scope)}
          />
        </section>
      ) : null}
      {editing ? null : <FormError message={error} />}
      {secret ? (
        <SecretOnce
          label="New signing secret"
          secret={secret}
          note="It is shown only once here."
          onDone={() => setSecret(null)}
        />
      ) : null}
      {editing ? (
        <WebhookEndpointForm
          label="Edit webhook endpoint"
          submitLabel="Save endpoint"
          initial={{ url: e.url, description: e.description, enabled_events: e.enabled_events }}
          busy={update.isPending}
          serverError={error}
          onSubmit={(form) => update.mutate({ ...scope, ...form })}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <Deliveries endpointId={e.id} />
    </>
  );
}

export default withSuspense(Endpoint);
