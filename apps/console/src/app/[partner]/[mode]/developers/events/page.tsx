"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { FilterSelect } from "../../../../../ui/filter-select.tsx";
import { when } from "../../../../../ui/format.ts";
import { PagedTable } from "../../../../../ui/query-list.tsx";
import { useScope } from "../../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";
import { useUrlState } from "../../../../../ui/url-state.ts";

interface Row {
  id: string;
  type: string;
  object: string;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("type", { header: "Type" }),
  column.accessor("object", { header: "Object", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("id", { header: "Event", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
];

/** The partner's events in this mode, as the events API and webhooks carry them. */
function Events() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const type = url.get("type");
  const catalogue = useQuery(trpc.webhooks.eventTypes.queryOptions({ partner, mode }));
  const types = (catalogue.data ?? []).filter((value) => value !== "*");
  const list = useQuery({
    ...trpc.events.list.queryOptions({ partner, mode, limit: 25, type, startingAfter: url.get("after") }),
    refetchInterval: 5_000,
  });
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.data ?? []).map((event) => ({
        id: event.id,
        type: event.type,
        object: String((event.data.object as { id?: unknown } | null)?.id ?? "—"),
        created_at: event.created_at,
      })),
    [page],
  );
  return (
    <>
      <h2>Events ({mode} mode)</h2>
      <div className="toolbar">
        <FilterSelect label="Type" param="type" options={Object.fromEntries(types.map((value) => [value, value]))} />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Events"
        columns={columns}
        rowHref={(row) => `${base}/developers/events/${row.id}`}
        empty={<Empty title={type ? "No event of this type" : "No events yet"} />}
      />
    </>
  );
}

export default withSuspense(Events);
