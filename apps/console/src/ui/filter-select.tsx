"use client";
import { useUrlState } from "./url-state.ts";

/** A list's filter kept in the URL (`param`): "Any" removes it, and any change starts the list again at its first page. */
export function FilterSelect({
  label,
  param,
  options,
  pageParam = "after",
}: {
  label: string;
  param: string;
  /** Each choice's value, and what the user reads. */
  options: Readonly<Record<string, string>>;
  /** The URL key of the list's page, for a list not paged by the default cursor. */
  pageParam?: string;
}) {
  const url = useUrlState();
  return (
    <label>
      {label}{" "}
      <select
        value={url.get(param) ?? ""}
        onChange={(event) => url.set({ [param]: event.target.value, [pageParam]: undefined })}
      >
        <option value="">Any</option>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
