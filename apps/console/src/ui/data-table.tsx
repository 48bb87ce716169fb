"use client";
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { useUrlState } from "./url-state.ts";

/**
 * Rows should be memoized by the caller (a new array each render makes TanStack Table recompute).
 * A table whose sort is in the URL (`sort=status` or `sort=-status`). Rows come a page at a time
 * from the server; `onRowOpen` makes a row a link that Enter opens, as a click does.
 */
export function DataTable<Row extends { id: string }>({
  rows,
  columns,
  label,
  onRowOpen,
  sortParam = "sort",
}: {
  rows: Row[];
  // biome-ignore lint/suspicious/noExplicitAny: TanStack's column values are heterogeneous by design.
  columns: ColumnDef<Row, any>[];
  label: string;
  onRowOpen?: (row: Row) => void;
  /** The URL key of the sort, for a page with more than one table. */
  sortParam?: string;
}) {
  const url = useUrlState();
  const sort = url.get(sortParam);
  const sorting: SortingState = sort ? [{ id: sort.replace(/^-/, ""), desc: sort.startsWith("-") }] : [];
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      url.set({ [sortParam]: first ? `${first.desc ? "-" : ""}${first.id}` : undefined });
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => row.id,
    // Pages come from the server; without this, each new page of rows resets table state, which
    // re-renders with new rows, which resets it again (a render loop when rows are not memoized).
    autoResetAll: false,
  });
  return (
    <table className="table" aria-label={label}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const direction = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
                >
                  {header.column.getCanSort() ? (
                    <button type="button" className="link" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {direction === "asc" ? " ▲" : direction === "desc" ? " ▼" : ""}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr
            key={row.id}
            className={onRowOpen ? "clickable" : undefined}
            tabIndex={onRowOpen ? 0 : undefined}
            onClick={onRowOpen ? () => onRowOpen(row.original) : undefined}
            onKeyDown={
              onRowOpen
                ? (event) => {
                    if (event.key === "Enter") onRowOpen(row.original);
                  }
                : undefined
            }
          >
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Cursor pagination kept in the URL: `after` is the last id of the previous page. */
export function Pager({
  nextCursor,
  hasMore,
  param = "after",
  label = "Pages",
}: {
  nextCursor: string | null;
  hasMore: boolean;
  /** The URL key of the cursor, for a page with more than one table. */
  param?: string;
  label?: string;
}) {
  const url = useUrlState();
  const after = url.get(param);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={!after} onClick={() => url.set({ [param]: undefined })}>
        First page
      </button>
      <button
        type="button"
        disabled={!hasMore || !nextCursor}
        onClick={() => url.set({ [param]: nextCursor ?? undefined })}
      >
        Next page
      </button>
    </nav>
  );
}
