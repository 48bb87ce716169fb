"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Badge, StatusBadges } from "../../../../ui/badge.tsx";
import { FilterSelect } from "../../../../ui/filter-select.tsx";
import { nameOf, when } from "../../../../ui/format.ts";
import { PagedTable } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { SearchBox } from "../../../../ui/search-box.tsx";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

type Status = "active" | "suspended" | "closed";
type Kyc = "pending" | "verified" | "rejected" | "needs_review";

interface Row {
  id: string;
  name: string;
  email: string | null;
  status: string;
  kyc_status: string;
  compliance_hold: { reason: string } | null;
  created_at: string;
}
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("name", { header: "Name" }),
  column.accessor("email", { header: "Email", cell: (info) => info.getValue() ?? "—" }),
  column.accessor("status", {
    header: "Status",
    cell: (info) => <StatusBadges status={info.getValue()} held={info.row.original.compliance_hold !== null} />,
  }),
  column.accessor("kyc_status", { header: "KYC", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
  column.accessor("id", { header: "Id", enableSorting: false, cell: (info) => <code>{info.getValue()}</code> }),
];

function Cardholders() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const search = url.get("q");
  const status = url.get("status") as Status | undefined;
  const kycStatus = url.get("kyc") as Kyc | undefined;
  const list = useQuery(
    trpc.cardholders.list.queryOptions({
      partner,
      mode,
      limit: 25,
      search,
      status,
      kycStatus,
      startingAfter: url.get("after"),
    }),
  );
  const page = list.data;
  const rows = useMemo(
    () =>
      (page?.data ?? []).map((cardholder) => ({
        id: cardholder.id,
        name: nameOf(cardholder),
        email: cardholder.email,
        status: cardholder.status,
        kyc_status: cardholder.kyc_status,
        compliance_hold: cardholder.compliance_hold,
        created_at: cardholder.created_at,
      })),
    [page],
  );
  return (
    <>
      <h1>Cardholders</h1>
      <div className="toolbar">
        <SearchBox label="Search cardholders" placeholder="Name, email, phone or id" />
        <FilterSelect
          label="Status"
          param="status"
          options={{ active: "Active", suspended: "Suspended", closed: "Closed" }}
        />
        <FilterSelect
          label="KYC"
          param="kyc"
          options={{ pending: "Pending", verified: "Verified", needs_review: "Needs review", rejected: "Rejected" }}
        />
      </div>
      <PagedTable
        query={list}
        rows={rows}
        label="Cardholders"
        columns={columns}
        rowHref={(row) => `${base}/cardholders/${row.id}`}
        empty={
          <Empty title={search || status || kycStatus ? "No cardholder matches" : "No cardholders yet"}>
            {search || status || kycStatus ? "Try another search or filter." : "Register one through the API."}
          </Empty>
        }
      />
    </>
  );
}

export default withSuspense(Cardholders);
