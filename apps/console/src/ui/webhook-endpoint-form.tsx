"use client";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type WebhookEndpointForm as Form, fieldErrors, webhookEndpointForm } from "../shared/forms.ts";
import { useScope } from "./scope.ts";
import { ErrorState, FormError, Loading } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

/**
 * An endpoint's URL, description and events, checked as the server will check them. The events
 * offered are the public catalogue (`*`, `card.*`, `card.frozen`…), from the server.
 */
export function WebhookEndpointForm({
  label,
  initial,
  submitLabel,
  busy,
  serverError,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: Form;
  submitLabel: string;
  busy: boolean;
  serverError: string | null;
  onSubmit: (form: Form) => void;
  onCancel?: () => void;
}) {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const catalogue = useQuery(trpc.webhooks.eventTypes.queryOptions({ partner, mode }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const description = String(data.get("description") ?? "").trim();
    const parsed = webhookEndpointForm.safeParse({
      url: String(data.get("url") ?? "").trim(),
      description: description === "" ? null : description,
      enabled_events: data.getAll("enabled_events").map(String),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    onSubmit(parsed.data);
  };
  if (catalogue.isPending) return <Loading label="Loading event types…" />;
  if (catalogue.error) return <ErrorState error={catalogue.error} retry={() => catalogue.refetch()} />;
  const chosen = new Set(initial?.enabled_events ?? []);
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={label}>
      <label>
        Endpoint URL
        <input
          name="url"
          type="url"
          defaultValue={initial?.url ?? ""}
          placeholder="https://example.com/koban/webhooks"
          aria-invalid={!!errors.url}
        />
      </label>
      {errors.url ? <p className="field-error">{errors.url}</p> : null}
      <label>
        Description
        <input name="description" defaultValue={initial?.description ?? ""} aria-invalid={!!errors.description} />
      </label>
      {errors.description ? <p className="field-error">{errors.description}</p> : null}
      <fieldset aria-invalid={!!errors.enabled_events}>
        <legend>Events to send</legend>
        <div className="checks">
          {catalogue.data.map((type) => (
            <label key={type}>
              <input type="checkbox" name="enabled_events" value={type} defaultChecked={chosen.has(type)} />
              {type === "*" ? "All events (*)" : type}
            </label>
          ))}
        </div>
      </fieldset>
      {errors.enabled_events ? <p className="field-error">{errors.enabled_events}</p> : null}
      <FormError message={serverError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
