"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Badge, decisionOf } from "../../../../../ui/badge.tsx";
import { money, when } from "../../../../../ui/format.ts";
import { useScope } from "../../../../../ui/scope.ts";
import { ErrorState, Loading } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";

/** One authorization and its saga: what each participant said, in order. */
export default function AuthorizationDetail() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.authorizations.get.queryOptions({ partner, mode, id }),
    refetchInterval: (query) => (query.state.data?.decided_at ? false : 1_000),
  });
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const a = detail.data;
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/authorizations`}>Authorizations</Link> /
      </p>
      <h1>
        {money(a.amount, a.currency)} <Badge value={decisionOf(a)} />
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        <dt>Status</dt>
        <dd>{a.status}</dd>
        <dt>Decline reason</dt>
        <dd>{a.decline_reason ?? "—"}</dd>
        <dt>Approval code</dt>
        <dd>{a.approval_code ?? "—"}</dd>
        <dt>Merchant</dt>
        <dd>
          {a.merchant.name} (MCC {a.merchant.mcc}, {a.merchant.country})
        </dd>
        <dt>Card</dt>
        <dd>
          <Link href={`${base}/cards/${a.card_id}`}>{a.card_id}</Link>
        </dd>
        <dt>Requested</dt>
        <dd>{when(a.created_at)}</dd>
        <dt>Decided</dt>
        <dd>{when(a.decided_at)}</dd>
      </dl>
      <h2>Saga timeline</h2>
      <ol className="timeline" aria-label="Saga timeline">
        {a.timeline.map((entry, index) => {
          const { at, participant, step, ...detail } = entry;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only and ordered.
            <li key={index}>
              <time dateTime={at}>{new Date(at).toISOString().slice(11, 23)}</time> <strong>{participant}</strong>{" "}
              {step.replaceAll("_", " ")}
              {Object.keys(detail).length > 0 ? <code className="detail">{JSON.stringify(detail)}</code> : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
