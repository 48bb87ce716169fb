"use client";

/** A secret the server answered this once: shown until the user says they have copied it. */
export function SecretOnce({
  label,
  secret,
  note,
  onDone,
}: {
  label: string;
  secret: string;
  note: string;
  onDone: () => void;
}) {
  return (
    <section className="card secret" aria-label={label}>
      <p>
        <strong>Copy this now.</strong> {note}
      </p>
      <code className="new-key">{secret}</code>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
