"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { Badge, decisionOf } from "../../../../../ui/badge.tsx";
import { maskedPan, money, nameOf, when } from "../../../../../ui/format.ts";
import { IssueCard } from "../../../../../ui/issue-card.tsx";
import { useScope } from "../../../../../ui/scope.ts";
import { Empty, ErrorState, Loading } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";

export default function CardholderDetail() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const trpc = useTRPC();
  const detail = useQuery(trpc.cardholders.get.queryOptions({ partner, mode, id }));
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const { cardholder, cards, authorizations } = detail.data;
  const canIssue = membership.data?.permissions.card?.includes("issue") ?? false;
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/cardholders`}>Cardholders</Link> /
      </p>
      <h1>{nameOf(cardholder)}</h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{cardholder.id}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge value={cardholder.status} />
        </dd>
        <dt>KYC</dt>
        <dd>
          <Badge value={cardholder.kyc_status} />
        </dd>
        <dt>Email</dt>
        <dd>{cardholder.email ?? "—"}</dd>
        <dt>Phone</dt>
        <dd>{cardholder.phone_number ?? "—"}</dd>
        <dt>Created</dt>
        <dd>{when(cardholder.created_at)}</dd>
      </dl>
      {cardholder.compliance_hold ? (
        <section className="card" role="note" aria-label="Compliance hold">
          <h2>Held by Koban compliance</h2>
          <p>{cardholder.compliance_hold.reason}</p>
          <p className="hint">
            Since {when(cardholder.compliance_hold.placed_at)}. None of this cardholder's cards authorizes, and the
            cardholder cannot be reactivated, until Koban lifts the hold. Contact Koban support.
          </p>
        </section>
      ) : null}
      <h2>Cards</h2>
      {cards.length === 0 ? (
        <Empty title="No cards yet" />
      ) : (
        <ul className="list" aria-label="Cards">
          {cards.map((card) => (
            <li key={card.id}>
              <Link href={`${base}/cards/${card.id}`}>{maskedPan(card.last4)}</Link> {card.type}{" "}
              <Badge value={card.status} />
            </li>
          ))}
        </ul>
      )}
      {canIssue ? (
        <IssueCard
          partner={partner}
          mode={mode}
          cardholderId={cardholder.id}
          onIssued={(cardId) => {
            if (cardId) router.push(`${base}/cards/${cardId}`);
          }}
        />
      ) : null}
      <h2>Latest authorizations</h2>
      {authorizations.length === 0 ? (
        <Empty title="No authorizations yet" />
      ) : (
        <ul className="list">
          {authorizations.map((row) => (
            <li key={row.id}>
              <Link href={`${base}/authorizations/${row.id}`}>{money(row.amount, row.currency)}</Link>{" "}
              <Badge value={decisionOf(row)} /> {row.decline_reason ?? ""} · {when(row.created_at)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
