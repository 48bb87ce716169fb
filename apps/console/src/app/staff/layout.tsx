"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useEffect } from "react";
import { authClient } from "../../ui/auth-client.ts";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { useTRPC } from "../../ui/trpc.ts";

export default function StaffLayout({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const router = useRouter();
  const me = useQuery(trpc.session.me.queryOptions());
  const kyc = me.data?.staffPermissions?.kyc?.includes("review");
  // The staff home is the KYC queue; a role without it starts at its first section instead.
  useEffect(() => {
    if (me.data && !kyc && pathname === "/staff") {
      const permissions = me.data.staffPermissions ?? {};
      const first = permissions.accounting?.includes("read")
        ? "/staff/accounting"
        : permissions.operations?.includes("read")
          ? "/staff/operations"
          : null;
      if (first) router.replace(first);
    }
  }, [me.data, kyc, pathname, router]);
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorState error={me.error} />;
  const permissions = me.data.staffPermissions ?? {};
  const sections = [
    { href: "/staff", label: "KYC review", allowed: permissions.kyc?.includes("review") },
    { href: "/staff/operations", label: "Operations", allowed: permissions.operations?.includes("read") },
    { href: "/staff/partners", label: "Partners", allowed: permissions.partner?.includes("manage") },
    { href: "/staff/cardholders", label: "Cardholders", allowed: permissions.cardholder?.includes("read") },
    { href: "/staff/accounting", label: "Accounting", allowed: permissions.accounting?.includes("read") },
  ].filter((section) => section.allowed);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Koban</div>
        <div className="partner-name">Staff · {me.data.staffRole?.replace("staff_", "")}</div>
        <nav aria-label="Sections">
          {sections.map((section) => (
            <Link key={section.href} href={section.href} aria-current={pathname === section.href ? "page" : undefined}>
              {section.label}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <span>{me.data.user.email}</span>
          <button
            type="button"
            onClick={async () => {
              await authClient.signOut();
              router.replace("/sign-in");
            }}
          >
            Sign out
          </button>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
