"use client";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { Badge } from "../../../../ui/badge.tsx";
import { DataTable } from "../../../../ui/data-table.tsx";
import { SimulateDepositForm } from "../../../../ui/deposit-form.tsx";
import { FilterSelect } from "../../../../ui/filter-select.tsx";
import { money, nameOf, when } from "../../../../ui/format.ts";
import { PagedTable, QueryList } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, withSuspense } from "../../../../ui/states.tsx";
import { TransferFundsForm } from "../../../../ui/transfer-form.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";
import { useUrlState } from "../../../../ui/url-state.ts";

interface BalanceRow {
  id: string;
  cardholder: string;
  cardholder_id: string | null;
  currency: string;
  available: number;
  pending: number;
  posted: number;
}
interface TransferRow {
  id: string;
  type: "load" | "unload";
  cardholder: string;
  cardholder_id: string;
  amount: number;
  currency: string;
  created_at: string;
}
interface SourceRow {
  id: string;
  type: string;
  description: string | null;
  gateway: string;
  created_at: string;
}

const balance = createColumnHelper<BalanceRow>();
const amountCell = (info: { getValue: () => number; row: { original: { currency: string } } }) =>
  money(info.getValue(), info.row.original.currency);

function useColumns(base: string) {
  return useMemo(() => {
    const cardholderLink = (info: { getValue: () => string; row: { original: { cardholder_id: string | null } } }) =>
      info.row.original.cardholder_id ? (
        <Link href={`${base}/cardholders/${info.row.original.cardholder_id}`}>{info.getValue()}</Link>
      ) : (
        info.getValue()
      );
    const transfer = createColumnHelper<TransferRow>();
    const source = createColumnHelper<SourceRow>();
    return {
      balances: [
        balance.accessor("cardholder", { header: "Cardholder", cell: cardholderLink }),
        balance.accessor("available", { header: "Available", cell: amountCell }),
        balance.accessor("pending", { header: "Pending", cell: amountCell }),
        balance.accessor("posted", { header: "Posted", cell: amountCell }),
      ],
      transfers: [
        transfer.accessor("created_at", { header: "When", cell: (info) => when(info.getValue()) }),
        transfer.accessor("type", { header: "Type", cell: (info) => <Badge value={info.getValue()} /> }),
        transfer.accessor("cardholder", { header: "Cardholder", cell: cardholderLink }),
        transfer.accessor("amount", { header: "Amount", cell: amountCell }),
        transfer.accessor("id", { header: "Id", cell: (info) => <code>{info.getValue()}</code> }),
      ],
      sources: [
        source.accessor("id", { header: "Id", cell: (info) => <code>{info.getValue()}</code> }),
        source.accessor("type", { header: "Type", cell: (info) => info.getValue().replaceAll("_", " ") }),
        source.accessor("description", { header: "Description", cell: (info) => info.getValue() ?? "—" }),
        source.accessor("gateway", { header: "Gateway" }),
        source.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
      ],
    };
  }, [base]);
}

function Funding() {
  const { partner, mode, base } = useScope();
  const trpc = useTRPC();
  const url = useUrlState();
  const columns = useColumns(base);
  const scope = { partner, mode };
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const programs = useQuery(trpc.funding.programs.queryOptions(scope));
  const funding = useQuery(trpc.funding.balances.queryOptions({ ...scope, type: "program_funding", limit: 100 }));
  const sources = useQuery(trpc.funding.sources.queryOptions({ ...scope, limit: 100 }));
  const cardholders = useQuery(trpc.cardholders.list.queryOptions({ ...scope, limit: 100 }));
  const prepaid = useQuery(
    trpc.funding.balances.queryOptions({
      ...scope,
      type: "cardholder_prepaid",
      limit: 25,
      startingAfter: url.get("balancesAfter"),
    }),
  );
  const type = url.get("type") as "load" | "unload" | undefined;
  const cardholderFilter = url.get("cardholder");
  const transfers = useQuery(
    trpc.funding.transfers.queryOptions({
      ...scope,
      limit: 25,
      type,
      cardholderId: cardholderFilter,
      startingAfter: url.get("after"),
    }),
  );

  const names = useMemo(
    () => new Map((cardholders.data?.data ?? []).map((holder) => [holder.id, nameOf(holder)])),
    [cardholders.data],
  );
  const balanceRows = useMemo(
    () =>
      (prepaid.data?.data ?? []).map((account) => ({
        id: account.id,
        cardholder: names.get(account.cardholder_id ?? "") ?? account.cardholder_id ?? "—",
        cardholder_id: account.cardholder_id,
        currency: account.currency,
        ...account.balances,
      })),
    [prepaid.data, names],
  );
  const transferRows = useMemo(
    () =>
      (transfers.data?.data ?? []).map((row) => ({
        ...row,
        cardholder: names.get(row.cardholder_id) ?? row.cardholder_id,
      })),
    [transfers.data, names],
  );
  const sourceRows = useMemo(
    () =>
      (sources.data?.data ?? []).map((row) => ({
        id: row.id,
        type: row.type,
        description: row.description,
        gateway: row.jit_gateway?.url ?? "—",
        created_at: row.created_at,
      })),
    [sources.data],
  );

  const canMove = membership.data?.permissions.funding?.includes("write") ?? false;
  const programList = programs.data ?? [];
  const programName = (id: string | null) => programList.find((program) => program.id === id)?.name ?? id ?? "—";
  const holderOptions = useMemo(() => [...names].map(([id, name]) => ({ id, name })), [names]);

  return (
    <>
      <h1>Funding</h1>
      <section aria-labelledby="program-funding">
        <h2 id="program-funding">Program funding</h2>
        <QueryList
          query={funding}
          empty={<Empty title="No program funding yet">It opens with the partner's first program.</Empty>}
        >
          {(accounts) =>
            accounts.data.map((account) => (
              <section key={account.id} className="stats" aria-label={`Funding of ${programName(account.program_id)}`}>
                <div className="stat">
                  <span>{programName(account.program_id)}: available</span>
                  <strong data-testid="funding-available">{money(account.balances.available, account.currency)}</strong>
                </div>
                <div className="stat">
                  <span>Pending</span>
                  <strong>{money(account.balances.pending, account.currency)}</strong>
                </div>
                <div className="stat">
                  <span>Posted</span>
                  <strong>{money(account.balances.posted, account.currency)}</strong>
                </div>
              </section>
            ))
          }
        </QueryList>
      </section>

      {canMove && programList.length > 0 ? (
        <div className="form-row">
          <TransferFundsForm partner={partner} mode={mode} programs={programList} cardholders={holderOptions} />
          {mode === "test" && programList[0] ? (
            <SimulateDepositForm partner={partner} program={programList[0]} />
          ) : null}
        </div>
      ) : null}

      <h2>Cardholder balances</h2>
      <PagedTable
        query={prepaid}
        rows={balanceRows}
        label="Cardholder balances"
        columns={columns.balances}
        sortParam="balancesSort"
        pageParam="balancesAfter"
        pagesLabel="Balance pages"
        empty={<Empty title="No cardholder balances yet">A cardholder's balance opens with their first load.</Empty>}
      />

      <h2>Transfers</h2>
      <div className="toolbar">
        <FilterSelect label="Type" param="type" options={{ load: "Loads", unload: "Unloads" }} />
        <FilterSelect label="Cardholder" param="cardholder" options={Object.fromEntries(names)} />
      </div>
      <PagedTable
        query={transfers}
        rows={transferRows}
        label="Transfers"
        columns={columns.transfers}
        pagesLabel="Transfer pages"
        empty={<Empty title={type || cardholderFilter ? "No transfer matches" : "No transfers yet"} />}
      />

      <h2>Funding sources</h2>
      <QueryList
        query={sources}
        empty={<Empty title="No funding sources">Cards draw on the program's funding until one is added.</Empty>}
      >
        {() => (
          <DataTable label="Funding sources" columns={columns.sources} rows={sourceRows} sortParam="sourcesSort" />
        )}
      </QueryList>
    </>
  );
}

export default withSuspense(Funding);
