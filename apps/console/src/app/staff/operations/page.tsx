"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, Suspense, useState } from "react";
import { Confirm } from "../../../ui/confirm.tsx";
import { when } from "../../../ui/format.ts";
import { PlainTable } from "../../../ui/plain-table.tsx";
import { QueryList } from "../../../ui/query-list.tsx";
import { Empty, FormError, Loading, messageOf } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";
import { useUrlState } from "../../../ui/url-state.ts";

function DeadLetters() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const letters = useQuery(trpc.staff.deadLetters.queryOptions());
  const replay = useMutation(
    trpc.staff.replay.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
      onError: (failure) => setError(messageOf(failure)),
    }),
  );
  return (
    <QueryList query={letters} empty={<Empty title="No dead letters" />}>
      {(list) => (
        <>
          <FormError message={error} />
          <PlainTable label="Dead letters" headings={["Failed", "Consumer", "Message", "Attempts", "Error"]} actions>
            {list.map((letter) => (
              <tr key={letter.id}>
                <td>{when(letter.failed_at)}</td>
                <td>{letter.consumer}</td>
                <td>
                  {letter.message_type} <code>{letter.message_id}</code>
                </td>
                <td>{letter.attempts}</td>
                <td>{letter.error.slice(0, 200)}</td>
                <td>
                  <Confirm
                    trigger={<button type="button">Replay…</button>}
                    title="Replay this message?"
                    description="It goes to its consumer again as a first attempt; if it was applied already, nothing changes."
                    confirmLabel="Replay"
                    onConfirm={() => replay.mutate({ id: letter.id })}
                  />
                </td>
              </tr>
            ))}
          </PlainTable>
        </>
      )}
    </QueryList>
  );
}

function SagaLookup() {
  const trpc = useTRPC();
  const url = useUrlState();
  const correlationId = url.get("correlation");
  const saga = useQuery({
    ...trpc.staff.saga.queryOptions({ correlationId: correlationId ?? "" }),
    enabled: !!correlationId,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    url.set({ correlation: String(new FormData(event.currentTarget).get("correlation") ?? "").trim() });
  };
  return (
    <>
      <search>
        <form className="toolbar" onSubmit={submit}>
          <label>
            Correlation id
            <input name="correlation" defaultValue={correlationId ?? ""} />
          </label>
          <button type="submit">Find saga</button>
        </form>
      </search>
      {correlationId ? (
        <QueryList query={saga} retry={false} empty={<Empty title="No events with this correlation id" />}>
          {(events) => (
            <ol className="timeline" aria-label="Saga events">
              {events.map((event) => (
                <li key={event.position}>
                  <time dateTime={event.occurredAt}>{event.occurredAt.slice(11, 23)}</time>{" "}
                  <strong>{event.source}</strong> {event.type}{" "}
                  <code className="detail">{JSON.stringify(event.payload)}</code>
                </li>
              ))}
            </ol>
          )}
        </QueryList>
      ) : null}
    </>
  );
}

export default function Operations() {
  return (
    <Suspense fallback={<Loading />}>
      <h1>Operations</h1>
      <h2>Dead letters</h2>
      <DeadLetters />
      <h2>Saga lookup</h2>
      <SagaLookup />
    </Suspense>
  );
}
