"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrors, kycDecisionForm } from "../../shared/forms.ts";
import { Badge } from "../../ui/badge.tsx";
import { Confirm } from "../../ui/confirm.tsx";
import { nameOf, when } from "../../ui/format.ts";
import { QueryList } from "../../ui/query-list.tsx";
import { Empty, FormError, messageOf, withSuspense } from "../../ui/states.tsx";
import { useTRPC } from "../../ui/trpc.ts";
import { useUrlState } from "../../ui/url-state.ts";

function KycCase({
  mode,
  item,
}: {
  mode: "test" | "live";
  item: {
    id: string;
    kyc_status: string;
    created_at: string;
    partner: { id: string; name: string | null };
  } & Parameters<typeof nameOf>[0];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const decide = useMutation(
    trpc.staff.decideKyc.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
      onError: (error) => setErrors({ form: messageOf(error) }),
    }),
  );
  const send = (decision: "approve" | "reject" | "request_documents") => {
    const parsed = kycDecisionForm.safeParse(decision === "approve" ? { decision } : { decision, reason });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    decide.mutate({ mode, cardholderId: item.id, decision: parsed.data });
  };
  return (
    <li className="card" aria-label={`KYC case ${nameOf(item)}`}>
      <strong>{nameOf(item)}</strong> <Badge value={item.kyc_status} />
      <div className="hint">
        {item.partner.name ?? item.partner.id} · <code>{item.id}</code> · since {when(item.created_at)}
      </div>
      <label>
        Reason (for a rejection or a document request)
        <input value={reason} onChange={(event) => setReason(event.target.value)} aria-invalid={!!errors.reason} />
      </label>
      {errors.reason ? <p className="field-error">{errors.reason}</p> : null}
      <FormError message={errors.form} />
      <div className="actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => send("approve")}>
          Approve
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => send("request_documents")}>
          Request documents
        </button>
        <Confirm
          trigger={
            <button type="button" className="danger" disabled={decide.isPending}>
              Reject…
            </button>
          }
          title="Reject this cardholder's KYC?"
          description="The cardholder's cards stop authorizing until KYC is verified."
          confirmLabel="Reject"
          onConfirm={() => send("reject")}
        />
      </div>
    </li>
  );
}

function KycQueue() {
  const trpc = useTRPC();
  const url = useUrlState();
  const mode = url.get("mode") === "test" ? "test" : "live";
  const queue = useQuery(trpc.staff.kycQueue.queryOptions({ mode }));
  return (
    <>
      <h1>KYC review</h1>
      <div className="toolbar">
        <label>
          Mode{" "}
          <select
            value={mode}
            onChange={(event) => url.set({ mode: event.target.value === "test" ? "test" : undefined })}
          >
            <option value="live">Live</option>
            <option value="test">Test</option>
          </select>
        </label>
      </div>
      <QueryList query={queue} empty={<Empty title="Nothing waits for review" />}>
        {(cases) => (
          <ul className="list" aria-label="KYC queue">
            {cases.map((item) => (
              <KycCase key={item.id} mode={mode} item={item} />
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}

export default withSuspense(KycQueue);
