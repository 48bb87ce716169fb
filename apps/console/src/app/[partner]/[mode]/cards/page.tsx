"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { StatusBadges } from "../../../../ui/badge.tsx";
import { FilterSelect } from "../../../../ui/filter-select.tsx";
import { maskedPan, when } from "../../../../ui/format.ts";
import { PagedTable } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

type Status = "inactive" | "active" | "frozen" | "closed";
interface Row {
  id: string;
  pan: string;
  type: string;
  status: string;
  cardholder_id: string;
  compliance_hold: { reason: string } | null;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("pan", { header: "Card" }),
  column.accessor("type", { header: "Type" }),
  column.accessor("status", {
    header: "Status",
    cell: (info) => <StatusBadges status={info.getValue()} held={info.row.original.compliance_hold !== null} />,
  }),
  column.accessor("cardholder_id", { header: "Cardholder", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
];

function Cards() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const status = url.get("status") as Status | undefined;
  const list = useQuery(
    trpc.cards.list.queryOptions({ partner, mode, limit: 25, status, startingAfter: url.get("after") }),
  );
  const page = list.data;
  const rows = useMemo(() => (page?.data ?? []).map((card) => ({ ...card, pan: maskedPan(card.last4) })), [page]);
  return (
    <>
      <h1>Cards</h1>
      <div className="toolbar">
        <FilterSelect
          label="Status"
          param="status"
          options={{ inactive: "Inactive", active: "Active", frozen: "Frozen", closed: "Closed" }}
        />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Cards"
        columns={columns}
        rowHref={(row) => `${base}/cards/${row.id}`}
        empty={<Empty title={status ? "No card matches" : "No cards yet"}>Issue one from a cardholder's page.</Empty>}
      />
    </>
  );
}

export default withSuspense(Cards);
