"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, decisionOf } from "../../../ui/badge.tsx";
import { money, when } from "../../../ui/format.ts";
import { HourlyChart } from "../../../ui/hourly-chart.tsx";
import { QueryList, QueryView } from "../../../ui/query-list.tsx";
import { useScope } from "../../../ui/scope.ts";
import { Empty } from "../../../ui/states.tsx";
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
      <QueryView query={today}>
        {(day) => (
          <>
            <p className="hint">
              Today, {day.date}, in {day.time_zone} (the programs' time zone, else UTC).
            </p>
            <section className="stats" aria-label="Today">
              <div className="stat">
                <span>Authorizations today</span>
                <strong data-testid="authorizations-today">{day.total}</strong>
              </div>
              <div className="stat">
                <span>Approval rate (of decided)</span>
                <strong data-testid="approval-rate">
                  {day.approval_rate === null ? "—" : `${Math.round(day.approval_rate * 100)}%`}
                </strong>
              </div>
              <div className="stat">
                <span>Approved volume</span>
                <strong>
                  {day.approved_volume.length === 0
                    ? "—"
                    : day.approved_volume.map((line) => money(line.amount, line.currency)).join(" · ")}
                </strong>
              </div>
              <div className="stat">
                <span>Declined</span>
                <strong>{day.declined}</strong>
              </div>
            </section>
            <HourlyChart hours={day.hourly} caption={`Authorizations by hour (${day.time_zone})`} />
            <h2>Declines by reason</h2>
            {day.declines_by_reason.length === 0 ? (
              <Empty title="No declines today" />
            ) : (
              <ul className="bars" aria-label="Declines by reason">
                {day.declines_by_reason.map(({ reason, count }) => (
                  <li key={reason}>
                    <span>{reason.replaceAll("_", " ")}</span>
                    <span
                      className="bar"
                      style={{ width: `${(count / (day.declines_by_reason[0]?.count ?? 1)) * 100}%` }}
                    />
                    <strong>{count}</strong>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
      <h2>Latest authorizations</h2>
      <QueryList
        query={recent}
        empty={<Empty title="No authorizations yet">Simulate one from the API in test mode.</Empty>}
      >
        {(latest) => (
          <ul className="list">
            {latest.data.map((row) => (
              <li key={row.id}>
                <Link href={`${base}/authorizations/${row.id}`}>{money(row.amount, row.currency)}</Link>{" "}
                <Badge value={decisionOf(row)} /> {row.merchant.name} · {when(row.created_at)}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}
