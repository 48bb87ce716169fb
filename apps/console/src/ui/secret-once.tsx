"use client";
import type { ReactNode } from "react";

/** A secret the server answered this once: shown until the user says they have copied it. */
export function SecretOnce({
  label,
  heading = "Copy this now.",
  secret,
  note,
  onDone,
}: {
  label: string;
  heading?: string;
  secret: string;
  note: ReactNode;
  onDone: () => void;
}) {
  return (
    <section className="card secret" aria-label={label}>
      <p>
        <strong>{heading}</strong> {note}
      </p>
      <code className="new-key">{secret}</code>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
