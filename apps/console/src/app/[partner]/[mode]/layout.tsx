"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { authClient } from "../../../ui/auth-client.ts";
import { useScope } from "../../../ui/scope.ts";
import { ErrorState, Loading } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";

const sections = [
  { path: "", label: "Overview" },
  { path: "/cardholders", label: "Cardholders" },
  { path: "/cards", label: "Cards" },
  { path: "/authorizations", label: "Authorizations" },
  { path: "/transactions", label: "Transactions" },
  { path: "/funding", label: "Funding", permission: ["funding", "read"] },
  { path: "/settlements", label: "Settlements", permission: ["funding", "read"] },
  { path: "/developers", label: "Developers", permission: ["developer", "read"] },
  { path: "/team", label: "Team", permission: ["team", "read"] },
  { path: "/audit", label: "Audit log", permission: ["audit", "read"] },
] as const;

export default function PartnerLayout({ children }: { children: ReactNode }) {
  const { partner, mode, base } = useScope();
  const pathname = usePathname();
  const router = useRouter();
  const trpc = useTRPC();
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  if (membership.isPending) return <Loading />;
  if (membership.error) return <ErrorState error={membership.error} />;
  const { permissions, role, partnerName } = membership.data;
  const switchTo = mode === "test" ? "live" : "test";
  const rest = pathname.slice(base.length).split("/").slice(0, 2).join("/");

  return (
    <div className={`shell mode-${mode}`}>
      <aside className="sidebar">
        <div className="brand">Koban</div>
        <div className="partner-name">{partnerName}</div>
        <nav aria-label="Sections">
          {sections
            .filter(
              (section) =>
                !("permission" in section) || permissions[section.permission[0]]?.includes(section.permission[1]),
            )
            .map((section) => {
              const href = `${base}${section.path}`;
              const current = section.path === "" ? pathname === base : pathname.startsWith(href);
              return (
                <Link key={section.path} href={href} aria-current={current ? "page" : undefined}>
                  {section.label}
                </Link>
              );
            })}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <fieldset className="mode-switch" aria-label="Mode">
            <span className={`mode-label ${mode}`}>{mode === "test" ? "Test mode" : "Live mode"}</span>
            <Link href={`/${partner}/${switchTo}${rest}`} className="button">
              Switch to {switchTo}
            </Link>
          </fieldset>
          <div className="who">
            <span className="role">{role.replace("_", " ")}</span>
            <button
              type="button"
              onClick={async () => {
                await authClient.signOut();
                router.replace("/sign-in");
              }}
            >
              Sign out
            </button>
          </div>
        </header>
        {mode === "test" ? <div className="test-banner">Test data: nothing here moves real money.</div> : null}
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
