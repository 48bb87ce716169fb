"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { Badge } from "../../../../../ui/badge.tsx";
import { money, when } from "../../../../../ui/format.ts";
import { useScope } from "../../../../../ui/scope.ts";
import { ErrorState, FormError, Loading, messageOf } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";

const lineLabels: Record<string, string> = {
  purchase: "Purchases",
  refund: "Refunds",
  force_post: "Force posts",
  interchange: "Interchange",
};

/** Hands a text to the browser as a file download. */
function saveFile(filename: string, content: string) {
  const href = URL.createObjectURL(new Blob([content], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
}

export default function SettlementDetail() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.settlements.get.queryOptions({ partner, mode, id }));
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const settlement = detail.data;
  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      // Fetched afresh on each click (each download is audited), never from the cache.
      const file = await queryClient.fetchQuery({
        ...trpc.settlements.csv.queryOptions({ partner, mode, id }),
        staleTime: 0,
        gcTime: 0,
      });
      saveFile(file.filename, file.content);
    } catch (error) {
      setDownloadError(messageOf(error));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/settlements`}>Settlements</Link> /
      </p>
      <h1>
        Settlement of {settlement.date} ({settlement.currency})
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{settlement.id}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge value={settlement.status} />
        </dd>
        <dt>Day</dt>
        <dd>
          {settlement.date} ({settlement.time_zone})
        </dd>
        <dt>Transactions</dt>
        <dd>{settlement.transaction_count}</dd>
        <dt>Calculated</dt>
        <dd>{when(settlement.created_at)}</dd>
        <dt>Posted</dt>
        <dd>{when(settlement.posted_at)}</dd>
      </dl>
      <table className="table" aria-label="Line items">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Count</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {settlement.line_items.map((line) => (
            <tr key={line.type}>
              <th scope="row">{lineLabels[line.type] ?? line.type}</th>
              <td>{line.count}</td>
              <td>{money(line.amount, settlement.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Shortfall (owed by the partner)</th>
            <td />
            <td>{money(settlement.shortfall_amount, settlement.currency)}</td>
          </tr>
          <tr>
            <th scope="row">Net amount (paid to the network; negative: received)</th>
            <td />
            <td>
              <strong data-testid="net-amount">{money(settlement.net_amount, settlement.currency)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={download} disabled={downloading}>
          {downloading ? "Preparing…" : "Download CSV"}
        </button>
      </div>
      <FormError message={downloadError} />
    </>
  );
}
