"use client";
import { type FormEvent, useId } from "react";
import { useUrlState } from "./url-state.ts";

/** A list's text search kept in the URL (`q`): a search starts the list again at its first page. */
export function SearchBox({
  label,
  placeholder,
  pageParam = "after",
}: {
  /** What the field is, for screen readers (it shows only its placeholder). */
  label: string;
  placeholder: string;
  /** The URL key of the list's page, for a list not paged by the default cursor. */
  pageParam?: string;
}) {
  const url = useUrlState();
  const id = useId();
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    url.set({ q: String(new FormData(event.currentTarget).get("q") ?? "").trim(), [pageParam]: undefined });
  };
  return (
    <search>
      <form onSubmit={onSearch}>
        <label className="sr-only" htmlFor={id}>
          {label}
        </label>
        <input id={id} name="q" type="search" placeholder={placeholder} defaultValue={url.get("q") ?? ""} />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
