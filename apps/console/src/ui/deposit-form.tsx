"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { depositForm, fieldErrors } from "../shared/forms.ts";
import { money } from "./format.ts";
import { FormError, messageOf } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

/** Test mode's stand-in for a bank transfer into the program's funding (the API's simulated deposit). */
export function SimulateDepositForm({
  partner,
  program,
}: {
  partner: string;
  program: { id: string; name: string; currency: string };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const deposit = useMutation(
    trpc.funding.deposit.mutationOptions({
      onSuccess: async (result, input) => {
        setDone(
          result.pending
            ? "Sent; the deposit will show shortly."
            : `Deposited ${money(input.amount, program.currency)}.`,
        );
        await queryClient.invalidateQueries();
      },
      onError: (error) => setErrors({ form: messageOf(error) }),
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const data = new FormData(event.currentTarget);
    const amount = String(data.get("amount") ?? "").trim();
    const parsed = depositForm.safeParse({
      amount: amount === "" ? undefined : Number(amount),
      description: String(data.get("description") ?? "").trim() || undefined,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    deposit.mutate({ partner, mode: "test", ...parsed.data, programId: program.id });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Simulate a deposit">
      <h2>Simulate a deposit</h2>
      <p className="hint">Test mode: money arrives in {program.name}'s funding as if by bank transfer.</p>
      <label>
        Deposit amount ({program.currency}, in minor units)
        <input name="amount" inputMode="numeric" aria-invalid={!!errors.amount} />
      </label>
      {errors.amount ? <p className="field-error">{errors.amount}</p> : null}
      <label>
        Description (optional)
        <input name="description" aria-invalid={!!errors.description} />
      </label>
      {errors.description ? <p className="field-error">{errors.description}</p> : null}
      <FormError message={errors.form} />
      {done ? <p role="status">{done}</p> : null}
      <button type="submit" className="primary" disabled={deposit.isPending}>
        {deposit.isPending ? "Depositing…" : "Simulate deposit"}
      </button>
    </form>
  );
}
