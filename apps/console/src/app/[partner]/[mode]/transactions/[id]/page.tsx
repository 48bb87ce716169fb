"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Badge } from "../../../../../ui/badge.tsx";
import { money, when } from "../../../../../ui/format.ts";
import { useScope } from "../../../../../ui/scope.ts";
import { ErrorState, Loading } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";

/** One posted transaction: what the network cleared, what the hold paid and released, and its authorization. */
export default function TransactionDetail() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const detail = useQuery(trpc.transactions.get.queryOptions({ partner, mode, id }));
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const t = detail.data;
  const amount = (value: number) => money(value, t.currency);
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/transactions`}>Transactions</Link> /
      </p>
      <h1>
        {amount(t.amount)} <Badge value={t.type} />
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{t.id}</code>
        </dd>
        <dt>Merchant</dt>
        <dd>
          {t.merchant.name} (MCC {t.merchant.mcc}, {t.merchant.country})
        </dd>
        <dt>Card</dt>
        <dd>
          <Link href={`${base}/cards/${t.card_id}`}>{t.card_id}</Link>
        </dd>
        <dt>Authorization</dt>
        <dd>
          {t.authorization_id ? (
            <Link href={`${base}/authorizations/${t.authorization_id}`}>{t.authorization_id}</Link>
          ) : (
            "None (posted without one)"
          )}
        </dd>
        <dt>From the hold</dt>
        <dd>
          {amount(t.hold.posted_amount)} paid, {amount(t.hold.released_amount)} released
        </dd>
        <dt>Beyond the hold</dt>
        <dd>{amount(t.excess_amount)}</dd>
        <dt>Below zero by</dt>
        <dd>{t.shortfall_amount > 0 ? `${amount(t.shortfall_amount)} (owed by you)` : "—"}</dd>
        <dt>Interchange</dt>
        <dd>{amount(t.interchange_amount)}</dd>
        <dt>Network</dt>
        <dd>
          ARN <code>{t.network.arn}</code>, presentment {t.network.sequence} of {t.network.count}
        </dd>
        <dt>Settlement date</dt>
        <dd>{t.settlement_date}</dd>
        <dt>Cleared</dt>
        <dd>{when(t.created_at)}</dd>
        <dt>Posted</dt>
        <dd>{when(t.posted_at)}</dd>
      </dl>
    </>
  );
}
