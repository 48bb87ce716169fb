"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { when } from "../../../../../../ui/format.ts";
import { useScope } from "../../../../../../ui/scope.ts";
import { ErrorState, Loading } from "../../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../../ui/trpc.ts";

/** One event as a webhook or the events API delivers it: its JSON. */
export default function Event() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const event = useQuery(trpc.events.get.queryOptions({ partner, mode, id }));
  if (event.isPending) return <Loading />;
  if (event.error) return <ErrorState error={event.error} retry={() => event.refetch()} />;
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/developers/events`}>Events</Link> /
      </p>
      <h2>{event.data.type}</h2>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{event.data.id}</code>
        </dd>
        <dt>Created</dt>
        <dd>{when(event.data.created_at)}</dd>
      </dl>
      <section aria-label="Event payload">
        <h3>Payload</h3>
        <pre className="json">{JSON.stringify(event.data, null, 2)}</pre>
      </section>
    </>
  );
}
