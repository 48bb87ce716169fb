"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useScope } from "../../../../ui/scope.ts";

const tabs = [
  { path: "", label: "API keys" },
  { path: "/webhooks", label: "Webhooks" },
  { path: "/events", label: "Events" },
] as const;

/** The developers area's tabs are its sub-pages, so the open tab is in the URL. */
export default function DevelopersLayout({ children }: { children: ReactNode }) {
  const { base } = useScope();
  const pathname = usePathname();
  const root = `${base}/developers`;
  return (
    <>
      <h1>Developers</h1>
      <nav className="tabs" aria-label="Developer tools">
        {tabs.map((tab) => {
          const href = `${root}${tab.path}`;
          const current = tab.path === "" ? pathname === root : pathname.startsWith(href);
          return (
            <Link key={tab.path} href={href} aria-current={current ? "page" : undefined}>
              {tab.label}
            </Link>
          );
        })}
      </nav>
      {children}
    </>
  );
}
