"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fieldErrors, spendControlsForm } from "../shared/forms.ts";
import { FormError, messageOf } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

interface Controls {
  amount_limits: { per_authorization: number | null; daily: number | null; monthly: number | null };
  blocked_mccs: string[];
}

const limitFields = [
  ["per_authorization", "Per authorization"],
  ["daily", "Daily"],
  ["monthly", "Monthly"],
] as const;

function limit(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number(text);
}

export function SpendControlsForm({
  partner,
  mode,
  cardId,
  controls,
  disabled,
}: {
  partner: string;
  mode: "test" | "live";
  cardId: string;
  controls: Controls;
  disabled: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.cards.updateSpendControls.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries();
      },
      onError: (error) => setErrors({ form: messageOf(error) }),
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const parsed = spendControlsForm.safeParse({
      per_authorization: limit(data.get("per_authorization")),
      daily: limit(data.get("daily")),
      monthly: limit(data.get("monthly")),
      blocked_mccs: String(data.get("blocked_mccs") ?? "")
        .split(/[\s,]+/)
        .filter(Boolean),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    save.mutate({ partner, mode, id: cardId, controls: parsed.data });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Spend controls">
      <h2>Spend controls</h2>
      <p className="hint">Amounts in the currency's minor unit; empty means no limit.</p>
      {limitFields.map(([field, label]) => (
        <div key={field}>
          <label>
            {label}
            <input
              name={field}
              inputMode="numeric"
              defaultValue={controls.amount_limits[field] ?? ""}
              aria-invalid={!!errors[field]}
              disabled={disabled}
            />
          </label>
          {errors[field] ? <p className="field-error">{errors[field]}</p> : null}
        </div>
      ))}
      <label>
        Blocked merchant categories (MCC)
        <input
          name="blocked_mccs"
          defaultValue={controls.blocked_mccs.join(", ")}
          aria-invalid={!!errors.blocked_mccs}
          disabled={disabled}
        />
      </label>
      {Object.entries(errors)
        .filter(([key]) => key.startsWith("blocked_mccs"))
        .slice(0, 1)
        .map(([key, message]) => (
          <p key={key} className="field-error">
            {message}
          </p>
        ))}
      <FormError message={errors.form} />
      {saved ? <p role="status">Saved.</p> : null}
      {disabled ? null : (
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save controls"}
        </button>
      )}
    </form>
  );
}
