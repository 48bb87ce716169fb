"use client";
import { useId, useState } from "react";
import { fieldErrors, suspensionForm } from "../shared/forms.ts";
import { Confirm } from "./confirm.tsx";
import { FormError } from "./states.tsx";

/**
 * A suspension (or a compliance hold) with its reason: the reason is checked before the
 * confirmation opens, so the dialog only ever asks about one the server would take.
 */
export function SuspendForm({
  label,
  title,
  description,
  confirmLabel,
  reasonLabel = "Reason (kept in the audit log)",
  pendingLabel = "Suspending…",
  pending,
  error,
  onSuspend,
  onCancel,
}: {
  label: string;
  title: string;
  description: string;
  confirmLabel: string;
  /** Who will read the reason. */
  reasonLabel?: string;
  pendingLabel?: string;
  pending: boolean;
  error: string | null;
  onSuspend: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  return (
    <section className="card" aria-label={label}>
      <h2>{label}</h2>
      <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
      <input
        id={`${id}-reason`}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={!!invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
      />
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {invalid}
        </p>
      ) : null}
      <FormError message={error} />
      <div className="actions">
        <Confirm
          trigger={
            <button
              type="button"
              className="danger"
              disabled={pending}
              onClick={(event) => {
                const parsed = suspensionForm.safeParse({ reason });
                setInvalid(parsed.success ? null : (fieldErrors(parsed.error).reason ?? "Give a reason."));
                // Radix opens the dialog only if the click was not prevented.
                if (!parsed.success) event.preventDefault();
              }}
            >
              {pending ? pendingLabel : `${confirmLabel}…`}
            </button>
          }
          title={title}
          description={description}
          confirmLabel={confirmLabel}
          onConfirm={() => onSuspend(suspensionForm.parse({ reason }).reason)}
        />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
