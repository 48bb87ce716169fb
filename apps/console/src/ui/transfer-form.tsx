"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, type MouseEvent, useState } from "react";
import { fieldErrors, type TransferForm, transferForm } from "../shared/forms.ts";
import { Confirm } from "./confirm.tsx";
import { money } from "./format.ts";
import { FormError, messageOf } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

interface Program {
  id: string;
  name: string;
  currency: string;
}

/** An amount as typed: blank is missing, anything else is checked by the form's schema. */
function amountOf(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text.trim());
}

/**
 * Moves money between a program's funding and a cardholder's balance. An unload asks first; the
 * ledger's refusal (not enough money) is shown under the amount, and nothing moves.
 */
export function TransferFundsForm({
  partner,
  mode,
  programs,
  cardholders,
}: {
  partner: string;
  mode: "test" | "live";
  programs: Program[];
  cardholders: Array<{ id: string; name: string }>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [type, setType] = useState<TransferForm["type"]>("load");
  const [cardholderId, setCardholderId] = useState("");
  const [amountText, setAmountText] = useState("");
  const [programId, setProgramId] = useState(programs[0]?.id ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const program = programs.find((candidate) => candidate.id === programId) ?? programs[0];
  const currency = program?.currency ?? "";
  const name = cardholders.find((holder) => holder.id === cardholderId)?.name ?? "the cardholder";

  const move = useMutation(
    trpc.funding.transfer.mutationOptions({
      onSuccess: async (result, input) => {
        const what = money(input.amount, currency);
        setDone(
          result.pending
            ? "Sent; the transfer will show here shortly."
            : input.type === "load"
              ? `Loaded ${what} to ${name}.`
              : `Unloaded ${what} from ${name}.`,
        );
        setAmountText("");
        await queryClient.invalidateQueries();
      },
      onError: (error) => {
        const refused = error instanceof TRPCClientError && error.data?.code === "UNPROCESSABLE_CONTENT";
        setErrors({ [refused ? "amount" : "form"]: messageOf(error) });
      },
    }),
  );

  const parse = () => {
    setDone(null);
    const parsed = transferForm.safeParse({ type, cardholderId, amount: amountOf(amountText) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return null;
    }
    setErrors({});
    return parsed.data;
  };
  const send = () => {
    const data = parse();
    if (data) move.mutate({ partner, mode, ...data, programId: program?.id });
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (type === "load") send();
  };
  // An unload is confirmed, but only once the form is valid: an invalid one keeps the dialog shut.
  const askFirst = (event: MouseEvent) => {
    if (!parse()) event.preventDefault();
  };
  const amount = amountOf(amountText);

  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Move money">
      <h2>Move money</h2>
      <fieldset className="choice">
        <legend>Direction</legend>
        <label>
          <input type="radio" name="type" checked={type === "load"} onChange={() => setType("load")} /> Load (program
          funding → cardholder)
        </label>
        <label>
          <input type="radio" name="type" checked={type === "unload"} onChange={() => setType("unload")} /> Unload
          (cardholder → program funding)
        </label>
      </fieldset>
      {programs.length > 1 ? (
        <label>
          Program
          <select value={programId} onChange={(event) => setProgramId(event.target.value)}>
            {programs.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.currency})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Cardholder
        <select
          value={cardholderId}
          onChange={(event) => setCardholderId(event.target.value)}
          aria-invalid={!!errors.cardholderId}
        >
          <option value="">Choose…</option>
          {cardholders.map((holder) => (
            <option key={holder.id} value={holder.id}>
              {holder.name} ({holder.id})
            </option>
          ))}
        </select>
      </label>
      {errors.cardholderId ? <p className="field-error">{errors.cardholderId}</p> : null}
      <label>
        Amount ({currency}, in minor units)
        <input
          name="amount"
          inputMode="numeric"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          aria-invalid={!!errors.amount}
          aria-describedby={errors.amount ? "transfer-amount-error" : undefined}
        />
      </label>
      {errors.amount ? (
        <p className="field-error" id="transfer-amount-error" role="alert">
          {errors.amount}
        </p>
      ) : null}
      <FormError message={errors.form} />
      {done ? <p role="status">{done}</p> : null}
      {type === "load" ? (
        <button type="submit" className="primary" disabled={move.isPending}>
          {move.isPending ? "Moving…" : "Load funds"}
        </button>
      ) : (
        <Confirm
          trigger={
            <button type="button" className="primary" disabled={move.isPending} onClick={askFirst}>
              {move.isPending ? "Moving…" : "Unload funds"}
            </button>
          }
          title="Unload this cardholder's money?"
          description={`${amount && Number.isFinite(amount) ? money(amount, currency) : "This amount"} leaves ${name}'s balance and goes back to the program's funding. The cardholder can no longer spend it.`}
          confirmLabel="Unload"
          onConfirm={send}
        />
      )}
    </form>
  );
}
