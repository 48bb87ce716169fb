"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { type FormEvent, useMemo } from "react";
import { Badge } from "../../../../ui/badge.tsx";
import { money, when } from "../../../../ui/format.ts";
import { PagedTable } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

interface Row {
  id: string;
  date: string;
  currency: string;
  transaction_count: number;
  net_amount: number;
  status: string;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("date", { header: "Day" }),
  column.accessor("currency", { header: "Currency" }),
  column.accessor("transaction_count", { header: "Transactions" }),
  column.accessor("net_amount", {
    header: "Net amount",
    cell: (info) => money(info.getValue(), info.row.original.currency),
  }),
  column.accessor("status", { header: "Status", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("created_at", { header: "Calculated", cell: (info) => when(info.getValue()) }),
];

/** The partner's daily settlements with the network, newest first, one per day and currency. */
function Settlements() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const date = url.get("date");
  const list = useQuery(
    trpc.settlements.list.queryOptions({ partner, mode, limit: 25, date, startingAfter: url.get("after") }),
  );
  const rows = useMemo(() => list.data?.data ?? [], [list.data]);
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    url.set({ date: String(new FormData(event.currentTarget).get("date") ?? ""), after: undefined });
  };
  return (
    <>
      <h1>Settlements</h1>
      <div className="toolbar">
        <form onSubmit={filter} aria-label="Filter settlements">
          <label>
            Day <input type="date" name="date" defaultValue={date ?? ""} key={date ?? ""} />
          </label>
          <button type="submit">Filter</button>
          {date ? (
            <button type="button" onClick={() => url.set({ date: undefined, after: undefined })}>
              Any day
            </button>
          ) : null}
        </form>
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Settlements"
        columns={columns}
        rowHref={(row) => `${base}/settlements/${row.id}`}
        empty={
          <Empty title={date ? `No settlement on ${date}` : "No settlements yet"}>
            A day is settled after it ends, in the program's time zone.
          </Empty>
        }
      />
    </>
  );
}

export default withSuspense(Settlements);
