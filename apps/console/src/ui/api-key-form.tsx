"use client";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type CreateApiKeyForm, createApiKeyForm, fieldErrors } from "../shared/forms.ts";
import { useScope } from "./scope.ts";
import { ErrorState, Loading } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

/**
 * A new key's kind: standard by default (every scope, including ones Koban adds later), or
 * restricted to the scopes ticked. The scopes offered are the server's.
 */
export function ApiKeyForm({
  busy,
  onSubmit,
  onCancel,
}: {
  busy: boolean;
  onSubmit: (form: CreateApiKeyForm) => void;
  onCancel: () => void;
}) {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const scopes = useQuery(trpc.apiKeys.scopes.queryOptions({ partner, mode }));
  const [kind, setKind] = useState<CreateApiKeyForm["kind"]>("standard");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = createApiKeyForm.safeParse(
      kind === "standard" ? { kind } : { kind, scopes: data.getAll("scopes").map(String) },
    );
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    onSubmit(parsed.data);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="New API key">
      <fieldset>
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" checked={kind === "standard"} onChange={() => setKind("standard")} />
          Standard: every scope, including ones added later
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === "restricted"} onChange={() => setKind("restricted")} />
          Restricted: only the scopes you tick
        </label>
      </fieldset>
      {kind === "restricted" ? (
        scopes.isPending ? (
          <Loading label="Loading scopes…" />
        ) : scopes.error ? (
          <ErrorState error={scopes.error} retry={() => scopes.refetch()} />
        ) : (
          <fieldset aria-invalid={!!errors.scopes}>
            <legend>Scopes</legend>
            <div className="checks">
              {scopes.data.map((scope) => (
                <label key={scope}>
                  <input type="checkbox" name="scopes" value={scope} />
                  {scope}
                </label>
              ))}
            </div>
          </fieldset>
        )
      ) : null}
      {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create key"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
