"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Badge } from "../../../../../ui/badge.tsx";
import { when } from "../../../../../ui/format.ts";
import { PagedTable } from "../../../../../ui/query-list.tsx";
import { useScope } from "../../../../../ui/scope.ts";
import { SecretOnce } from "../../../../../ui/secret-once.tsx";
import { Empty, messageOf, withSuspense } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";
import { useUrlState } from "../../../../../ui/url-state.ts";
import { WebhookEndpointForm } from "../../../../../ui/webhook-endpoint-form.tsx";

interface Row {
  id: string;
  url: string;
  status: string;
  events: string;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("url", { header: "URL", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("status", { header: "Status", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("events", { header: "Events" }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
];

/** The partner's webhook endpoints in this mode; a new one's signing secret is shown once. */
function Webhooks() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.developer?.includes("write") ?? false;
  const list = useQuery(trpc.webhooks.list.queryOptions({ partner, mode, limit: 25, startingAfter: url.get("after") }));
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: async (endpoint) => {
        setCreated(endpoint);
        setCreating(false);
        setError(null);
        await queryClient.invalidateQueries();
      },
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.data ?? []).map((endpoint) => ({
        id: endpoint.id,
        url: endpoint.url,
        status: endpoint.status,
        events: endpoint.enabled_events.join(", "),
        created_at: endpoint.created_at,
      })),
    [page],
  );
  return (
    <>
      <h2>Webhook endpoints ({mode} mode)</h2>
      {canWrite && !creating ? (
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Add endpoint
        </button>
      ) : null}
      {creating ? (
        <WebhookEndpointForm
          label="New webhook endpoint"
          submitLabel="Create endpoint"
          busy={create.isPending}
          serverError={error}
          onSubmit={(form) => create.mutate({ partner, mode, ...form })}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {created?.secret ? (
        <SecretOnce
          label="Signing secret"
          secret={created.secret}
          note="This is the endpoint's signing secret; it is shown only once here. Rotate it if it is lost."
          onDone={() => setCreated(null)}
        />
      ) : null}
      {created ? (
        <p role="status">
          Endpoint created: <Link href={`${base}/developers/webhooks/${created.id}`}>{created.id}</Link>
          {created.secret ? null : " (its secret is still being made: rotate it to see one)"}
        </p>
      ) : null}
      <PagedTable
        query={list}
        rows={rows}
        label="Webhook endpoints"
        columns={columns}
        rowHref={(row) => `${base}/developers/webhooks/${row.id}`}
        empty={<Empty title="No webhook endpoints in this mode">Add one to receive events as they happen.</Empty>}
      />
    </>
  );
}

export default withSuspense(Webhooks);
