"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { cardTypes, fieldErrors, issueCardForm } from "../shared/forms.ts";
import { FormError, messageOf } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

/** Issues a card to the cardholder; the card appears in the list once the read model has it. */
export function IssueCard({
  partner,
  mode,
  cardholderId,
  onIssued,
}: {
  partner: string;
  mode: "test" | "live";
  cardholderId: string;
  onIssued: (cardId: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const issue = useMutation(
    trpc.cards.issue.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries();
        onIssued(result.card?.id ?? null);
      },
      onError: (error) => setErrors({ form: messageOf(error) }),
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = issueCardForm.safeParse({
      cardholderId,
      type: new FormData(event.currentTarget).get("type") ?? undefined,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    issue.mutate({ partner, mode, ...parsed.data });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Issue a card">
      <fieldset>
        <legend>Issue a card</legend>
        {cardTypes.map((type) => (
          <label key={type}>
            <input type="radio" name="type" value={type} defaultChecked={type === "virtual"} /> {type}
          </label>
        ))}
      </fieldset>
      {errors.type ? <p className="field-error">{errors.type}</p> : null}
      <button type="submit" className="primary" disabled={issue.isPending}>
        {issue.isPending ? "Issuing…" : "Issue card"}
      </button>
      <FormError message={errors.form} />
    </form>
  );
}
