"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, decisionOf } from "../../../ui/badge.tsx";
import { money, when } from "../../../ui/format.ts";
import { HourlyChart } from "../../../ui/hourly-chart.tsx";
import { useScope } from "../../../ui/scope.ts";
import { Empty, ErrorState, Loading } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";

/** Overview: today's authorizations as the query side sums them, and the latest few. */
export default function Overview() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const today = useQuery({ ...trpc.overview.today.queryOptions({ partner, mode }), refetchInterval: 10_000 });
  const recent = useQuery({
    ...trpc.authorizations.list.queryOptions({ partner, mode, limit: 8 }),
    refetchInterval: 5_000,
  });
  return (
    <>
      <h1>Overview</h1>
      {today.isPending ? (
        <Loading />
      ) : today.error ? (
        <ErrorState error={today.error} retry={() => today.refetch()} />
      ) : (
        <>
          <p className="hint">
            Today, {today.data.date}, in {today.data.time_zone} (the programs' time zone, else UTC).
          </p>
          <section className="stats" aria-label="Today">
            <div className="stat">
              <span>Authorizations today</span>
              <strong data-testid="authorizations-today">{today.data.total}</strong>
            </div>
            <div className="stat">
              <span>Approval rate (of decided)</span>
              <strong data-testid="approval-rate">
                {today.data.approval_rate === null ? "—" : `${Math.round(today.data.approval_rate * 100)}%`}
              </strong>
            </div>
            <div className="stat">
              <span>Approved volume</span>
              <strong>
                {today.data.approved_volume.length === 0
                  ? "—"
                  : today.data.approved_volume.map((line) => money(line.amount, line.currency)).join(" · ")}
              </strong>
            </div>
            <div className="stat">
              <span>Declined</span>
              <strong>{today.data.declined}</strong>
            </div>
          </section>
          <HourlyChart hours={today.data.hourly} caption={`Authorizations by hour (${today.data.time_zone})`} />
          <h2>Declines by reason</h2>
          {today.data.declines_by_reason.length === 0 ? (
            <Empty title="No declines today" />
          ) : (
            <ul className="bars" aria-label="Declines by reason">
              {today.data.declines_by_reason.map(({ reason, count }) => (
                <li key={reason}>
                  <span>{reason.replaceAll("_", " ")}</span>
                  <span
                    className="bar"
                    style={{ width: `${(count / (today.data.declines_by_reason[0]?.count ?? 1)) * 100}%` }}
                  />
                  <strong>{count}</strong>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2>Latest authorizations</h2>
      {recent.isPending ? (
        <Loading />
      ) : recent.error ? (
        <ErrorState error={recent.error} retry={() => recent.refetch()} />
      ) : recent.data.data.length === 0 ? (
        <Empty title="No authorizations yet">Simulate one from the API in test mode.</Empty>
      ) : (
        <ul className="list">
          {recent.data.data.map((row) => (
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
