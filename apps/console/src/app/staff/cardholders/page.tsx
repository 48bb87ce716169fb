"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { type FormEvent, Suspense, useMemo, useState } from "react";
import { Badge } from "../../../ui/badge.tsx";
import { DataTable } from "../../../ui/data-table.tsx";
import { FilterSelect } from "../../../ui/filter-select.tsx";
import { maskedPan, nameOf, when } from "../../../ui/format.ts";
import { StaffModeSwitch, useStaffMode } from "../../../ui/staff-mode.tsx";
import { Empty, ErrorState, Loading, messageOf } from "../../../ui/states.tsx";
import { SuspendForm } from "../../../ui/suspend-form.tsx";
import { useTRPC } from "../../../ui/trpc.ts";
import { useUrlState } from "../../../ui/url-state.ts";

interface Row {
  id: string;
  name: string;
  partner: string;
  status: string;
  kyc_status: string;
  hold: Hold | null;
  created_at: string;
}

interface Hold {
  reason: string;
  placed_at: string;
}

const column = createColumnHelper<Row>();
const columns = [
  column.accessor("name", { header: "Name" }),
  column.accessor("partner", { header: "Partner" }),
  column.accessor("status", { header: "Status", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor("kyc_status", { header: "KYC", cell: (info) => <Badge value={info.getValue()} /> }),
  column.accessor((row) => (row.hold ? "held" : ""), {
    id: "hold",
    header: "Compliance hold",
    cell: (info) => (info.getValue() ? <Badge value="held" /> : null),
  }),
  column.accessor("created_at", { header: "Created", cell: (info) => when(info.getValue()) }),
  column.accessor("id", { header: "Id", enableSorting: false, cell: (info) => <code>{info.getValue()}</code> }),
];

interface Target {
  kind: "cardholder" | "card";
  /** Place a hold, or lift the one there is. */
  lift: boolean;
  id: string;
  name: string;
}

const formText = (target: Target) => {
  const what = target.kind === "cardholder" ? target.name : `card ${target.name}`;
  return target.lift
    ? {
        label: `Lift the hold on ${what}`,
        confirm: "Lift hold",
        description:
          target.kind === "cardholder"
            ? "The cardholder's cards authorize again unless the partner suspended the cardholder."
            : "The card authorizes again unless the partner froze it.",
      }
    : {
        label: `Hold ${what}`,
        confirm: target.kind === "cardholder" ? "Hold cardholder" : "Hold card",
        description:
          target.kind === "cardholder"
            ? "None of this cardholder's cards authorizes until compliance lifts the hold. The partner sees the hold and its reason, and cannot reactivate the cardholder."
            : "The card stops authorizing until compliance lifts the hold. The partner sees the hold and its reason, and cannot unfreeze or activate the card.",
      };
};

function HoldNote({ hold }: { hold: Hold | null }) {
  if (!hold) return null;
  return (
    <p className="hint">
      Compliance hold since {when(hold.placed_at)}: {hold.reason}
    </p>
  );
}

/** One cardholder's status and cards, with compliance's holds on either. */
function CardholderCase({ row, mode, canSuspend }: { row: Row; mode: "test" | "live"; canSuspend: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const cards = useQuery(trpc.staffCompliance.cardholderCards.queryOptions({ mode, cardholderId: row.id }));
  const onDone = (message: string) => ({
    onSuccess: async () => {
      setTarget(null);
      setError(null);
      setDone(message);
      await queryClient.invalidateQueries();
    },
    onError: (failure: unknown) => setError(messageOf(failure)),
  });
  const mutations = {
    holdCardholder: useMutation(trpc.staffCompliance.holdCardholder.mutationOptions(onDone("The cardholder is held."))),
    liftCardholderHold: useMutation(
      trpc.staffCompliance.liftCardholderHold.mutationOptions(onDone("The cardholder's hold is lifted.")),
    ),
    holdCard: useMutation(trpc.staffCompliance.holdCard.mutationOptions(onDone("The card is held."))),
    liftCardHold: useMutation(trpc.staffCompliance.liftCardHold.mutationOptions(onDone("The card's hold is lifted."))),
  };
  const pending = Object.values(mutations).some((mutation) => mutation.isPending);
  const submit = (target: Target, reason: string) => {
    if (target.kind === "cardholder") {
      const input = { mode, cardholderId: target.id, reason };
      (target.lift ? mutations.liftCardholderHold : mutations.holdCardholder).mutate(input);
    } else {
      const input = { mode, cardId: target.id, reason };
      (target.lift ? mutations.liftCardHold : mutations.holdCard).mutate(input);
    }
  };
  const open = (next: Target) => {
    setError(null);
    setDone(null);
    setTarget(next);
  };
  const text = target ? formText(target) : null;
  return (
    <section className="card" aria-label={`Cardholder ${row.name}`}>
      <h2>
        {row.name} <Badge value={row.status} /> {row.hold ? <Badge value="held" /> : null}
      </h2>
      <p className="hint">
        {row.partner} · <code>{row.id}</code> · KYC {row.kyc_status.replaceAll("_", " ")}
      </p>
      <HoldNote hold={row.hold} />
      {done ? <p role="status">{done}</p> : null}
      {canSuspend && !target && (row.hold || row.status !== "closed") ? (
        <button
          type="button"
          className={row.hold ? undefined : "danger"}
          onClick={() => open({ kind: "cardholder", lift: !!row.hold, id: row.id, name: row.name })}
        >
          {row.hold ? "Lift cardholder hold…" : "Hold cardholder…"}
        </button>
      ) : null}
      {target && text ? (
        <SuspendForm
          key={`${target.kind}-${target.id}-${target.lift}`}
          label={text.label}
          title={`${text.label}?`}
          description={text.description}
          confirmLabel={text.confirm}
          reasonLabel="Reason (shown to the partner, kept in the audit log)"
          pendingLabel="Sending…"
          pending={pending}
          error={error}
          onSuspend={(reason) => submit(target, reason)}
          onCancel={() => setTarget(null)}
        />
      ) : null}
      <h3>Cards</h3>
      {cards.isPending ? (
        <Loading />
      ) : cards.error ? (
        <ErrorState error={cards.error} retry={() => cards.refetch()} />
      ) : cards.data.length === 0 ? (
        <Empty title="No cards" />
      ) : (
        <table className="table" aria-label="Cards">
          <thead>
            <tr>
              <th>Card</th>
              <th>Type</th>
              <th>Status</th>
              <th>Compliance hold</th>
              <th>Issued</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cards.data.map((card) => (
              <tr key={card.id}>
                <td>
                  {maskedPan(card.last4)} <code>{card.id}</code>
                </td>
                <td>{card.type}</td>
                <td>
                  <Badge value={card.status} />
                </td>
                <td>
                  {card.complianceHold ? `${card.complianceHold.reason} (${when(card.complianceHold.placed_at)})` : "—"}
                </td>
                <td>{when(card.createdAt)}</td>
                <td>
                  {canSuspend && (card.complianceHold || card.status !== "closed") ? (
                    <button
                      type="button"
                      className={card.complianceHold ? undefined : "danger"}
                      aria-label={`${card.complianceHold ? "Lift the hold on" : "Hold"} card ${card.last4}`}
                      onClick={() =>
                        open({ kind: "card", lift: !!card.complianceHold, id: card.id, name: `•••• ${card.last4}` })
                      }
                    >
                      {card.complianceHold ? "Lift hold…" : "Hold…"}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Cardholders() {
  const trpc = useTRPC();
  const url = useUrlState();
  const mode = useStaffMode();
  const text = url.get("q");
  const held = url.get("hold") === "held";
  const selected = url.get("cardholder");
  const me = useQuery(trpc.session.me.queryOptions());
  const canSuspend = me.data?.staffPermissions?.compliance?.includes("suspend") ?? false;
  const results = useQuery({
    ...trpc.staffCompliance.searchCardholders.queryOptions({ mode, text: text || undefined, held }),
    enabled: !!text || held,
  });
  const rows = useMemo(
    () =>
      (results.data ?? []).map((cardholder) => ({
        id: cardholder.id,
        name: nameOf(cardholder),
        partner: cardholder.partner.name ?? cardholder.partner.id,
        status: cardholder.status,
        kyc_status: cardholder.kyc_status,
        hold: cardholder.compliance_hold,
        created_at: cardholder.created_at,
      })),
    [results.data],
  );
  const chosen = rows.find((row) => row.id === selected);
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    url.set({ q: String(new FormData(event.currentTarget).get("q") ?? "").trim(), cardholder: undefined });
  };
  return (
    <>
      <h1>Cardholders</h1>
      <div className="toolbar">
        <search>
          <form onSubmit={onSearch}>
            <label className="sr-only" htmlFor="staff-cardholder-search">
              Search cardholders of every partner
            </label>
            <input
              id="staff-cardholder-search"
              name="q"
              type="search"
              placeholder="Cardholder id or name"
              defaultValue={text ?? ""}
            />
            <button type="submit">Search</button>
          </form>
        </search>
        <FilterSelect label="Compliance hold" param="hold" pageParam="cardholder" options={{ held: "Held" }} />
        <StaffModeSwitch />
      </div>
      {!text && !held ? (
        <Empty title="Search for a cardholder">
          By id (ch_…) or by name, across every partner; or choose Held to list every open compliance hold.
        </Empty>
      ) : results.isPending ? (
        <Loading />
      ) : results.error ? (
        <ErrorState error={results.error} retry={() => results.refetch()} />
      ) : rows.length === 0 ? (
        text ? (
          <Empty title="No cardholder matches">Try the full id, or part of a name.</Empty>
        ) : (
          <Empty title="No compliance holds">No cardholder or card of this mode is held.</Empty>
        )
      ) : (
        <>
          <DataTable
            label="Cardholders found"
            columns={columns}
            rows={rows}
            onRowOpen={(row) => url.set({ cardholder: row.id })}
          />
          {rows.length === 50 ? <p className="hint">The first 50 matches; narrow the search to see others.</p> : null}
          {chosen ? <CardholderCase key={chosen.id} row={chosen} mode={mode} canSuspend={canSuspend} /> : null}
        </>
      )}
    </>
  );
}

export default function StaffCardholdersPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Cardholders />
    </Suspense>
  );
}
