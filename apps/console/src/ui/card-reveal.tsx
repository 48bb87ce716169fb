"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormError, messageOf } from "./states.tsx";
import { useTRPC } from "./trpc.ts";

/** How long a revealed number stays on screen. */
const SHOWN_MS = 30_000;

interface Details {
  number: string;
  cvc: string;
  exp_month: number;
  exp_year: number;
}

const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, "$1 ");

/**
 * An admin's "Reveal": the card's number, expiry and code, read (and audited) on the server, kept
 * only in this component's state and dropped after 30 seconds or on "Hide".
 */
export function CardReveal({ partner, mode, cardId }: { partner: string; mode: "test" | "live"; cardId: string }) {
  const trpc = useTRPC();
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = useMutation(
    trpc.cardDetails.reveal.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        setDetails(result);
      },
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  useEffect(() => {
    if (!details) return;
    const timer = setTimeout(() => setDetails(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [details]);
  return (
    <section className="reveal" aria-label="Card details">
      {details ? (
        <>
          <dl className="facts revealed">
            <dt>Number</dt>
            <dd data-testid="revealed-pan">{grouped(details.number)}</dd>
            <dt>Expires</dt>
            <dd>
              {String(details.exp_month).padStart(2, "0")}/{details.exp_year}
            </dd>
            <dt>CVC</dt>
            <dd>{details.cvc}</dd>
          </dl>
          <p className="hint">Hidden again in 30 seconds.</p>
          <button type="button" onClick={() => setDetails(null)}>
            Hide
          </button>
        </>
      ) : (
        <button type="button" disabled={reveal.isPending} onClick={() => reveal.mutate({ partner, mode, id: cardId })}>
          {reveal.isPending ? "Revealing…" : "Reveal card details"}
        </button>
      )}
      <FormError message={error} />
    </section>
  );
}
