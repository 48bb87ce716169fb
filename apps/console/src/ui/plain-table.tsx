import type { ReactNode } from "react";

/**
 * A table whose rows the page renders itself, under one row of headings; `actions` adds a last
 * column for each row's buttons (named for screen readers only). DataTable is for sortable lists.
 */
export function PlainTable({
  label,
  headings,
  actions = false,
  children,
}: {
  label: string;
  headings: string[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          {headings.map((heading) => (
            <th key={heading}>{heading}</th>
          ))}
          {actions ? (
            <th>
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
