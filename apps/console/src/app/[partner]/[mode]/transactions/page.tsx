"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Badge } from "../../../../ui/badge.tsx";
import { FilterSelect } from "../../../../ui/filter-select.tsx";
import { money, when } from "../../../../ui/format.ts";
import { PagedTable } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

interface Row {
  id: string;
  posted_at: string;
  type: string;
  amount: string;
  merchant: string;
  card_id: string;
  authorization_id: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("posted_at", { header: "Posted", cell: (info) => when(info.getValue()) }),
  column.accessor("type", { header: "Type", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("amount", { header: "Amount" }),
  column.accessor("merchant", { header: "Merchant" }),
  column.accessor("card_id", { header: "Card", cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor("authorization_id", { header: "Authorization", cell: (info) => <code>{info.getValue()}</code> }),
];

const types = { purchase: "Purchase", refund: "Refund", force_post: "Force post" } as const;
const isType = (value: string | undefined): value is keyof typeof types => value !== undefined && value in types;

/** What the network cleared and the ledger posted: the newest page refreshes while it is open. */
function Transactions() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const type = url.get("type");
  const after = url.get("after");
  const list = useQuery({
    ...trpc.transactions.list.queryOptions({
      partner,
      mode,
      limit: 25,
      type: isType(type) ? type : undefined,
      cardId: url.get("card"),
      startingAfter: after,
    }),
    refetchInterval: after ? false : 5_000,
  });
  const rows = useMemo(
    () =>
      (list.data?.data ?? []).map((row) => ({
        id: row.id,
        posted_at: row.posted_at,
        type: row.type,
        amount: money(row.amount, row.currency),
        merchant: row.merchant.name,
        card_id: row.card_id,
        authorization_id: row.authorization_id ?? "—",
      })),
    [list.data],
  );
  return (
    <>
      <h1>Transactions {after ? null : <span className="live">● live</span>}</h1>
      <div className="toolbar">
        <FilterSelect label="Type" param="type" options={types} />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Transactions"
        columns={columns}
        rowHref={(row) => `${base}/transactions/${row.id}`}
        empty={
          <Empty title="No transactions yet">
            A transaction appears once the network clears an authorization; in test mode, simulate a clearing through
            the API.
          </Empty>
        }
      />
    </>
  );
}

export default withSuspense(Transactions);
