"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Badge, decisionOf } from "../../../../ui/badge.tsx";
import { FilterSelect } from "../../../../ui/filter-select.tsx";
import { money, when } from "../../../../ui/format.ts";
import { PagedTable } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

interface Row {
  id: string;
  amount: string;
  decision: string;
  status: string;
  reason: string;
  merchant: string;
  card_id: string;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("created_at", { header: "When", cell: (info) => when(info.getValue()) }),
  column.accessor("amount", { header: "Amount" }),
  column.accessor("decision", { header: "Decision", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("reason", { header: "Decline reason" }),
  column.accessor("status", { header: "Status" }),
  column.accessor("merchant", { header: "Merchant" }),
  column.accessor("card_id", { header: "Card", cell: (info) => <code>{info.getValue()}</code> }),
];

/** A live stream: the newest page refreshes every two seconds while it is open. */
function Authorizations() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const status = url.get("status");
  const after = url.get("after");
  const list = useQuery({
    ...trpc.authorizations.list.queryOptions({
      partner,
      mode,
      limit: 25,
      status,
      cardId: url.get("card"),
      startingAfter: after,
    }),
    refetchInterval: after ? false : 2_000,
  });
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.data ?? []).map((row) => ({
        id: row.id,
        amount: money(row.amount, row.currency),
        decision: decisionOf(row),
        status: row.status,
        reason: row.decline_reason ?? "",
        merchant: row.merchant.name,
        card_id: row.card_id,
        created_at: row.created_at,
      })),
    [page],
  );
  return (
    <>
      <h1>Authorizations {after ? null : <span className="live">● live</span>}</h1>
      <div className="toolbar">
        <FilterSelect
          label="Status"
          param="status"
          options={{
            pending: "Pending (approved, not cleared)",
            declined: "Declined",
            reversed: "Reversed",
            closed: "Closed",
            expired: "Expired",
          }}
        />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Authorizations"
        columns={columns}
        rowHref={(row) => `${base}/authorizations/${row.id}`}
        empty={<Empty title="No authorizations yet">In test mode, simulate one through the API.</Empty>}
      />
    </>
  );
}

export default withSuspense(Authorizations);
