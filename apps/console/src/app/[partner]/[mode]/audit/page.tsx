"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "../../../../ui/badge.tsx";
import { when } from "../../../../ui/format.ts";
import { PlainTable } from "../../../../ui/plain-table.tsx";
import { QueryList } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";

export default function AuditLog() {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const log = useQuery(trpc.session.audit.queryOptions({ partner, mode }));
  return (
    <>
      <h1>Audit log</h1>
      <QueryList query={log} empty={<Empty title="No console actions yet" />}>
        {(page) => (
          <PlainTable label="Audit log" headings={["When", "Who", "Action", "Object", "Outcome"]}>
            {page.data.map((row) => (
              <tr key={row.id}>
                <td>{when(row.at)}</td>
                <td>{row.user_email}</td>
                <td>{row.action}</td>
                <td>
                  <code>{row.target ?? "—"}</code>
                </td>
                <td>
                  <Badge value={row.outcome} />
                </td>
              </tr>
            ))}
          </PlainTable>
        )}
      </QueryList>
    </>
  );
}
