"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ErrorState, Loading } from "../ui/states.tsx";
import { useTRPC } from "../ui/trpc.ts";

/** Sends a member to their (first) partner's test area, staff to the staff area. */
export default function Home() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.session.me.queryOptions());
  const target = me.data?.staffRole ? "/staff" : me.data?.partners[0] ? `/${me.data.partners[0].id}/test` : null;
  useEffect(() => {
    if (me.error) router.replace("/sign-in");
    else if (target) router.replace(target);
  }, [me.error, target, router]);
  if (me.data && !target) {
    return (
      <main className="center">
        <h1>No partner yet</h1>
        <p>Ask your partner's admin for an invitation.</p>
      </main>
    );
  }
  if (me.error) return <ErrorState error={me.error} />;
  return <Loading />;
}
