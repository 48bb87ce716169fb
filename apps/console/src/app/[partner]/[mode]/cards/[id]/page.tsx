"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { closeReasons, replaceReasons } from "../../../../../shared/forms.ts";
import { Badge, decisionOf } from "../../../../../ui/badge.tsx";
import { CardReveal } from "../../../../../ui/card-reveal.tsx";
import { Confirm } from "../../../../../ui/confirm.tsx";
import { maskedPan, money, when } from "../../../../../ui/format.ts";
import { useScope } from "../../../../../ui/scope.ts";
import { SpendControlsForm } from "../../../../../ui/spend-controls.tsx";
import { Empty, ErrorState, Loading, messageOf } from "../../../../../ui/states.tsx";
import { useTRPC } from "../../../../../ui/trpc.ts";

export default function CardDetail() {
  const { partner, mode, base } = useScope();
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<string | null>(null);
  const [closeReason, setCloseReason] = useState<(typeof closeReasons)[number]>("cardholder_request");
  const [replaceReason, setReplaceReason] = useState<(typeof replaceReasons)[number]>("lost");
  const card = useQuery(trpc.cards.get.queryOptions({ partner, mode, id }));
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const authorizations = useQuery({
    ...trpc.authorizations.list.queryOptions({ partner, mode, limit: 10, cardId: id }),
    refetchInterval: 2_000,
  });
  const options = {
    onSuccess: async () => {
      setActionError(null);
      await queryClient.invalidateQueries();
    },
    onError: (error: unknown) => setActionError(messageOf(error)),
  };
  const activate = useMutation(trpc.cards.activate.mutationOptions(options));
  const freeze = useMutation(trpc.cards.freeze.mutationOptions(options));
  const unfreeze = useMutation(trpc.cards.unfreeze.mutationOptions(options));
  const close = useMutation(trpc.cards.close.mutationOptions(options));
  const replace = useMutation(
    trpc.cards.replace.mutationOptions({
      ...options,
      onSuccess: async (result) => {
        await options.onSuccess();
        if (result.card) router.push(`${base}/cards/${result.card.id}`);
      },
    }),
  );
  if (card.isPending) return <Loading />;
  if (card.error) return <ErrorState error={card.error} retry={() => card.refetch()} />;
  const c = card.data;
  const can = (action: string) => membership.data?.permissions.card?.includes(action) ?? false;
  const busy = activate.isPending || freeze.isPending || unfreeze.isPending || close.isPending || replace.isPending;
  const scope = { partner, mode, id: c.id };
  // Koban's hold: the API would refuse these (409 compliance_hold), so they are not offered.
  const held = c.compliance_hold !== null;
  return (
    <>
      <p className="crumbs">
        <Link href={`${base}/cardholders/${c.cardholder_id}`}>Cardholder</Link> /
      </p>
      <h1>
        <span className="pan" title={`Card ending ${c.last4}`}>
          {maskedPan(c.last4)}
        </span>{" "}
        <Badge value={c.status} />
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
        <dt>Type</dt>
        <dd>{c.type}</dd>
        <dt>Expires</dt>
        <dd>
          {String(c.exp_month).padStart(2, "0")}/{c.exp_year}
        </dd>
        <dt>Created</dt>
        <dd>{when(c.created_at)}</dd>
        {c.replacement_for ? (
          <>
            <dt>Replaces</dt>
            <dd>
              <Link href={`${base}/cards/${c.replacement_for}`}>{c.replacement_for}</Link>
            </dd>
          </>
        ) : null}
        {c.replaced_by ? (
          <>
            <dt>Replaced by</dt>
            <dd>
              <Link href={`${base}/cards/${c.replaced_by}`}>{c.replaced_by}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {c.compliance_hold ? (
        <section className="card" role="note" aria-label="Compliance hold">
          <h2>Held by Koban compliance</h2>
          <p>{c.compliance_hold.reason}</p>
          <p className="hint">
            Since {when(c.compliance_hold.placed_at)}. The card declines every payment and cannot be activated, unfrozen
            or replaced until Koban lifts the hold; you can still freeze or close it. Contact Koban support.
          </p>
        </section>
      ) : null}
      {can("reveal") && c.status !== "closed" ? <CardReveal partner={partner} mode={mode} cardId={c.id} /> : null}
      {can("act") && c.status !== "closed" ? (
        <section className="actions" aria-label="Card actions">
          {c.status === "inactive" && !held ? (
            <button type="button" disabled={busy} onClick={() => activate.mutate(scope)}>
              Activate
            </button>
          ) : null}
          {c.status === "active" ? (
            <button type="button" disabled={busy} onClick={() => freeze.mutate(scope)}>
              Freeze
            </button>
          ) : null}
          {c.status === "frozen" && !held ? (
            <button type="button" disabled={busy} onClick={() => unfreeze.mutate(scope)}>
              Unfreeze
            </button>
          ) : null}
          {can("issue") && !held ? (
            <Confirm
              trigger={
                <button type="button" disabled={busy}>
                  Replace…
                </button>
              }
              title="Replace this card?"
              description="A new card with a new number is issued; this one is closed."
              confirmLabel="Replace card"
              onConfirm={() => replace.mutate({ ...scope, reason: replaceReason })}
            >
              <label>
                Reason{" "}
                <select
                  value={replaceReason}
                  onChange={(event) => setReplaceReason(event.target.value as typeof replaceReason)}
                >
                  {replaceReasons.map((reason) => (
                    <option key={reason} value={reason}>
                      {reason}
                    </option>
                  ))}
                </select>
              </label>
            </Confirm>
          ) : null}
          <Confirm
            trigger={
              <button type="button" className="danger" disabled={busy}>
                Close…
              </button>
            }
            title="Close this card?"
            description="A closed card can never be used again. This cannot be undone."
            confirmLabel="Close card"
            onConfirm={() => close.mutate({ ...scope, reason: closeReason })}
          >
            <label>
              Reason{" "}
              <select
                value={closeReason}
                onChange={(event) => setCloseReason(event.target.value as typeof closeReason)}
              >
                {closeReasons.map((reason) => (
                  <option key={reason} value={reason}>
                    {reason.replaceAll("_", " ")}
                  </option>
                ))}
              </select>
            </label>
          </Confirm>
        </section>
      ) : null}
      {actionError ? (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <SpendControlsForm
        partner={partner}
        mode={mode}
        cardId={c.id}
        controls={c.spend_controls}
        disabled={!can("act") || c.status === "closed"}
      />
      <h2>Authorizations</h2>
      {authorizations.data?.data.length ? (
        <ul className="list" aria-label="Card authorizations">
          {authorizations.data.data.map((row) => (
            <li key={row.id} data-decision={decisionOf(row)}>
              <Link href={`${base}/authorizations/${row.id}`}>{money(row.amount, row.currency)}</Link>{" "}
              <Badge value={decisionOf(row)} /> <span className="reason">{row.decline_reason ?? ""}</span> ·{" "}
              {when(row.created_at)}
            </li>
          ))}
        </ul>
      ) : (
        <Empty title="No authorizations on this card yet" />
      )}
    </>
  );
}
