"use client";
import { useParams } from "next/navigation";

export type Mode = "test" | "live";

/** The partner and mode of the page, from its path (`/[partner]/[mode]/…`): every call sends them. */
export function useScope(): { partner: string; mode: Mode; base: string } {
  const params = useParams<{ partner: string; mode: string }>();
  const mode: Mode = params.mode === "live" ? "live" : "test";
  return { partner: params.partner, mode, base: `/${params.partner}/${mode}` };
}
