"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { Badge } from "../../../../../../../../ui/badge.tsx";
import { when } from "../../../../../../../../ui/format.ts";
import { PlainTable } from "../../../../../../../../ui/plain-table.tsx";
import { useScope } from "../../../../../../../../ui/scope.ts";
import { Empty, ErrorState, FormError, Loading, messageOf } from "../../../../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../../../../ui/trpc.ts";

/** One delivery of an event to an endpoint: each attempt and its answer, and a way to send it again. */
export default function Delivery() {
  const { partner, mode, base } = useScope();
  const { id: endpointId, deliveryId } = useParams<{ id: string; deliveryId: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [requested, setRequested] = useState(false);
  const delivery = useQuery({
    ...trpc.webhooks.delivery.queryOptions({ partner, mode, endpointId, id: deliveryId }),
    refetchInterval: 2_000,
  });
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.developer?.includes("write") ?? false;
  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: async () => {
        setError(null);
        setRequested(true);
        await queryClient.invalidateQueries();
      },
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  if (delivery.isPending) return <Loading />;
  if (delivery.error) return <ErrorState error={delivery.error} retry={() => delivery.refetch()} />;
  const d = delivery.data;
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/developers/webhooks`}>Webhooks</Link> /{" "}
        <Link href={`${base}/developers/webhooks/${endpointId}`}>Endpoint</Link> /
      </p>
      <h2>
        Delivery of {d.event_type} <Badge value={d.status} />
      </h2>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{d.id}</code>
        </dd>
        <dt>Event</dt>
        <dd>
          <Link href={`${base}/developers/events/${d.event_id}`}>{d.event_id}</Link>
        </dd>
        <dt>Created</dt>
        <dd>{when(d.created_at)}</dd>
        <dt>Next attempt</dt>
        <dd>{when(d.next_attempt_at)}</dd>
      </dl>
      {canWrite ? (
        <section className="actions" aria-label="Delivery actions">
          <button
            type="button"
            disabled={redeliver.isPending}
            onClick={() => redeliver.mutate({ partner, mode, endpointId, id: d.id })}
          >
            {redeliver.isPending ? "Redelivering…" : "Redeliver"}
          </button>
        </section>
      ) : null}
      {requested ? <p role="status">Redelivery requested: it is sent again now.</p> : null}
      <FormError message={error} />
      <h3>Attempts</h3>
      {d.attempts.length === 0 ? (
        <Empty title="Not attempted yet" />
      ) : (
        <PlainTable label="Attempts" headings={["#", "At", "Result", "Response status", "Latency", "Error"]}>
          {d.attempts.map((attempt, index) => (
            <tr key={attempt.attempted_at}>
              <td>{index + 1}</td>
              <td>{when(attempt.attempted_at)}</td>
              <td>
                <Badge value={attempt.succeeded ? "succeeded" : "failed"} />
              </td>
              <td>{attempt.response_status ?? "—"}</td>
              <td>{attempt.latency_ms} ms</td>
              <td>{attempt.error ?? "—"}</td>
            </tr>
          ))}
        </PlainTable>
      )}
    </>
  );
}
