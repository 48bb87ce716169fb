"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { DataTable, Pager } from "./data-table.tsx";
import { ErrorState, Loading } from "./states.tsx";

/** A list as the server answers it: the items themselves, or a page of them. */
type ListData = readonly unknown[] | { data: readonly unknown[] };

const itemsOf = (data: ListData): readonly unknown[] => ("data" in data ? data.data : data);

/** A query's data, or while there is none, its loading state or its error (with a retry unless `retry` is false). */
export function QueryView<T>({
  query,
  retry = true,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} retry={retry ? () => query.refetch() : undefined} />;
  return children(query.data);
}

/** A list's query: loading, its error, `empty` when it has no items, else `children` with the data. */
export function QueryList<T extends ListData>({
  query,
  empty,
  isEmpty = (data) => itemsOf(data).length === 0,
  retry = true,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  empty: ReactNode;
  /** For a list whose shown items are not the data's (filtered here, or under another key). */
  isEmpty?: (data: T) => boolean;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryView query={query} retry={retry}>
      {(data) => (isEmpty(data) ? empty : children(data))}
    </QueryView>
  );
}

interface Page {
  data: readonly unknown[];
  hasMore: boolean;
  nextCursor: string | null;
}

/**
 * A page of rows from the server in a sortable table with its pager, or the page's loading,
 * error or empty state. `rows` are the page's items as the table shows them (memoized).
 */
export function PagedTable<Row extends { id: string }>({
  query,
  rows,
  empty,
  label,
  columns,
  rowHref,
  sortParam,
  pageParam,
  pagesLabel,
}: {
  query: UseQueryResult<Page, unknown>;
  rows: Row[];
  empty: ReactNode;
  label: string;
  // biome-ignore lint/suspicious/noExplicitAny: TanStack's column values are heterogeneous by design.
  columns: ColumnDef<Row, any>[];
  /** Where a row opens (on a click, or Enter). */
  rowHref?: (row: Row) => string;
  /** The URL keys of the sort and the cursor, for a page with more than one table. */
  sortParam?: string;
  pageParam?: string;
  pagesLabel?: string;
}) {
  const router = useRouter();
  const onRowOpen = rowHref ? (row: Row) => router.push(rowHref(row)) : undefined;
  return (
    <QueryList query={query} empty={empty}>
      {(page) => (
        <>
          <DataTable label={label} columns={columns} rows={rows} onRowOpen={onRowOpen} sortParam={sortParam} />
          <Pager hasMore={page.hasMore} nextCursor={page.nextCursor} param={pageParam} label={pagesLabel} />
        </>
      )}
    </QueryList>
  );
}
