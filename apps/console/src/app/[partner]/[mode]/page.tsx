"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, decisionOf } from "../../../ui/badge.tsx";
import { money, when } from "../../../ui/format.ts";
import { useScope } from "../../../ui/scope.ts";
import { Empty, ErrorState, Loading } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";

/** Overview: the latest authorizations and how they went. */
export default function Overview() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const recent = useQuery({
    ...trpc.authorizations.list.queryOptions({ partner, mode, limit: 100 }),
    refetchInterval: 5_000,
  });
  if (recent.isPending) return <Loading />;
  if (recent.error) return <ErrorState error={recent.error} retry={() => recent.refetch()} />;
  const rows = recent.data.data;
  const today = new Date().toDateString();
  const todays = rows.filter((row) => new Date(row.created_at).toDateString() === today);
  const approved = todays.filter((row) => row.approval_code !== null);
  const declines = new Map<string, number>();
  for (const row of todays) {
    if (row.decline_reason) declines.set(row.decline_reason, (declines.get(row.decline_reason) ?? 0) + 1);
  }
  const maxDecline = Math.max(1, ...declines.values());
  return (
    <>
      <h1>Overview</h1>
      <section className="stats" aria-label="Today">
        <div className="stat">
          <span>Authorizations today</span>
          <strong>{todays.length}</strong>
        </div>
        <div className="stat">
          <span>Approval rate</span>
          <strong>{todays.length ? `${Math.round((approved.length / todays.length) * 100)}%` : "—"}</strong>
        </div>
        <div className="stat">
          <span>Approved volume</span>
          <strong>
            {approved[0]
              ? money(
                  approved.reduce((sum, row) => sum + row.amount, 0),
                  approved[0].currency,
                )
              : "—"}
          </strong>
        </div>
      </section>
      <h2>Declines by reason</h2>
      {declines.size === 0 ? (
        <Empty title="No declines today" />
      ) : (
        <ul className="bars" aria-label="Declines by reason">
          {[...declines].map(([reason, count]) => (
            <li key={reason}>
              <span>{reason.replaceAll("_", " ")}</span>
              <span className="bar" style={{ width: `${(count / maxDecline) * 100}%` }} />
              <strong>{count}</strong>
            </li>
          ))}
        </ul>
      )}
      <h2>Latest authorizations</h2>
      {rows.length === 0 ? (
        <Empty title="No authorizations yet">Simulate one from the API in test mode.</Empty>
      ) : (
        <ul className="list">
          {rows.slice(0, 8).map((row) => (
            <li key={row.id}>
              <Link href={`${base}/authorizations/${row.id}`}>{money(row.amount, row.currency)}</Link>{" "}
              <Badge value={decisionOf(row)} /> {row.merchant.name} · {when(row.created_at)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
