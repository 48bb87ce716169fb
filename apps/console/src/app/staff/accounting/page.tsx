"use client";
import { useQuery } from "@tanstack/react-query";
import { downloadCsv, toCsv } from "../../../ui/csv.ts";
import { money } from "../../../ui/format.ts";
import { PlainTable } from "../../../ui/plain-table.tsx";
import { QueryList, QueryView } from "../../../ui/query-list.tsx";
import { StaffModeSwitch, useStaffMode } from "../../../ui/staff-mode.tsx";
import { Empty, withSuspense } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";
import { useUrlState } from "../../../ui/url-state.ts";

const isDay = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

function ReportHead({ title, onCsv }: { title: string; onCsv?: () => void }) {
  return (
    <div className="report-head">
      <h2>{title}</h2>
      {onCsv ? (
        <button type="button" onClick={onCsv}>
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </button>
      ) : null}
    </div>
  );
}

function DayInput({ name, label }: { name: string; label: string }) {
  const url = useUrlState();
  return (
    <label>
      {label}{" "}
      <input
        type="date"
        value={isDay(url.get(name)) ?? ""}
        onChange={(event) => url.set({ [name]: event.target.value })}
      />
    </label>
  );
}

function SettlementTotals({ mode }: { mode: "test" | "live" }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const from = isDay(url.get("from"));
  const to = isDay(url.get("to"));
  const totals = useQuery(trpc.staffAccounting.settlementTotals.queryOptions({ mode, from, to }));
  const csv = () =>
    downloadCsv(
      `settlements-${mode}.csv`,
      toCsv(
        [
          "date",
          "currency",
          "settlements",
          "transactions",
          "purchases",
          "refunds",
          "force_posts",
          "interchange",
          "shortfall",
          "net_amount",
          "unposted",
        ],
        (totals.data ?? []).map((r) => [
          r.date,
          r.currency,
          r.settlements,
          r.transactions,
          r.purchases,
          r.refunds,
          r.force_posts,
          r.interchange,
          r.shortfall,
          r.net_amount,
          r.unposted,
        ]),
      ),
    );
  return (
    <section aria-label="Settlements by day">
      <ReportHead title="Settlements by day" onCsv={totals.data?.length ? csv : undefined} />
      <div className="toolbar">
        <DayInput name="from" label="From" />
        <DayInput name="to" label="To" />
      </div>
      <QueryList query={totals} empty={<Empty title="No settlements in this period" />}>
        {(days) => (
          <PlainTable
            label="Settlements by day"
            headings={[
              "Day",
              "Currency",
              "Settlements",
              "Transactions",
              "Purchases",
              "Refunds",
              "Interchange",
              "Net",
              "Not yet posted",
            ]}
          >
            {days.map((row) => (
              <tr key={`${row.date}-${row.currency}`}>
                <td>{row.date}</td>
                <td>{row.currency}</td>
                <td>{row.settlements}</td>
                <td>{row.transactions}</td>
                <td>{money(row.purchases, row.currency)}</td>
                <td>{money(row.refunds, row.currency)}</td>
                <td>{money(row.interchange, row.currency)}</td>
                <td>{money(row.net_amount, row.currency)}</td>
                <td>{row.unposted}</td>
              </tr>
            ))}
          </PlainTable>
        )}
      </QueryList>
    </section>
  );
}

function LedgerBalances({ mode }: { mode: "test" | "live" }) {
  const trpc = useTRPC();
  const balances = useQuery(trpc.staffAccounting.ledgerBalances.queryOptions({ mode }));
  const csv = () =>
    downloadCsv(
      `ledger-balances-${mode}.csv`,
      toCsv(
        ["partner_id", "partner_name", "kind", "currency", "accounts", "posted", "pending", "owed"],
        (balances.data ?? []).map((r) => [
          r.partner_id,
          r.partner_name,
          r.kind,
          r.currency,
          r.accounts,
          r.posted,
          r.pending,
          r.owed,
        ]),
      ),
    );
  return (
    <section aria-label="Ledger balances by partner">
      <ReportHead title="Ledger balances by partner" onCsv={balances.data?.length ? csv : undefined} />
      <QueryList query={balances} empty={<Empty title="No ledger accounts in this mode" />}>
        {(accounts) => (
          <PlainTable
            label="Ledger balances by partner"
            headings={["Partner", "Account kind", "Accounts", "Posted", "Held", "Owed by the partner"]}
          >
            {accounts.map((row) => (
              <tr key={`${row.partner_id}-${row.kind}-${row.currency}`}>
                <td>{row.partner_name ?? row.partner_id}</td>
                <td>{row.kind.replaceAll("_", " ")}</td>
                <td>{row.accounts}</td>
                <td>{money(row.posted, row.currency)}</td>
                <td>{money(row.pending, row.currency)}</td>
                <td>{money(row.owed, row.currency)}</td>
              </tr>
            ))}
          </PlainTable>
        )}
      </QueryList>
    </section>
  );
}

function Reconciliation({ mode }: { mode: "test" | "live" }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const settledThrough = isDay(url.get("settled"));
  const report = useQuery(trpc.staffAccounting.reconciliation.queryOptions({ mode, settledThrough }));
  const csv = () =>
    downloadCsv(
      `reconciliation-${mode}.csv`,
      toCsv(
        ["kind", "partner_id", "reference", "detail"],
        (report.data ?? []).map((d) => [
          d.kind,
          d.partner_id,
          "transaction_id" in d ? d.transaction_id : d.settlement_id,
          JSON.stringify(d),
        ]),
      ),
    );
  return (
    <section aria-label="Reconciliation">
      <ReportHead title="Reconciliation" onCsv={report.data?.length ? csv : undefined} />
      <div className="toolbar">
        <DayInput name="settled" label="Settled through" />
      </div>
      <QueryList
        query={report}
        empty={
          <Empty title="No differences">
            Clearing records, ledger postings and settlements agree{settledThrough ? ` through ${settledThrough}` : ""}.
          </Empty>
        }
      >
        {(differences) => (
          <PlainTable label="Differences" headings={["Difference", "Partner", "Transaction or settlement", "Detail"]}>
            {differences.map((d) => {
              const reference = "transaction_id" in d ? d.transaction_id : d.settlement_id;
              return (
                <tr key={`${d.kind}-${reference}`}>
                  <td>{d.kind.replaceAll("_", " ")}</td>
                  <td>
                    <code>{d.partner_id}</code>
                  </td>
                  <td>
                    <code>{reference}</code>
                  </td>
                  <td>
                    <code className="detail">{JSON.stringify(d)}</code>
                  </td>
                </tr>
              );
            })}
          </PlainTable>
        )}
      </QueryList>
    </section>
  );
}

/** The base dates of the Payment Services Act report, newest first: 31 March and 30 September of recent years. */
function baseDates(today: Date): string[] {
  const dates: string[] = [];
  for (let year = today.getUTCFullYear(); year >= today.getUTCFullYear() - 4; year--) {
    for (const day of [`${year}-09-30`, `${year}-03-31`]) if (day <= today.toISOString().slice(0, 10)) dates.push(day);
  }
  return dates;
}

function PrepaidBalances() {
  const trpc = useTRPC();
  const url = useUrlState();
  const choices = baseDates(new Date());
  const asked = url.get("base");
  const baseDate = asked && choices.includes(asked) ? asked : choices[0];
  const report = useQuery({
    ...trpc.staffAccounting.prepaidBalances.queryOptions({ baseDate: baseDate ?? "" }),
    enabled: !!baseDate,
  });
  const csv = () =>
    downloadCsv(
      `prepaid-unused-balance-${baseDate}.csv`,
      toCsv(
        ["base_date", "partner_id", "partner_name", "unused_balance_jpy", "deposit_due_jpy"],
        (report.data?.partners ?? []).map((p) => [
          baseDate ?? "",
          p.partner_id,
          p.partner_name,
          p.unused_balance,
          p.deposit_due,
        ]),
      ),
    );
  return (
    <section aria-label="Prepaid unused balance">
      <ReportHead title="Prepaid unused balance" onCsv={report.data?.partners.length ? csv : undefined} />
      <p className="hint">Live mode only, whatever mode is chosen above: test money is never a regulatory figure.</p>
      <div className="toolbar">
        <label>
          Base date{" "}
          <select value={baseDate} onChange={(event) => url.set({ base: event.target.value })}>
            {choices.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
      </div>
      {baseDate ? (
        <QueryView query={report}>
          {(prepaid) =>
            prepaid.partners.length === 0 ? (
              <Empty title="No prepaid balances on this base date" />
            ) : (
              <PlainTable
                label="Prepaid unused balance"
                headings={["Partner", "Unused balance", "Security deposit due"]}
              >
                {prepaid.partners.map((row) => (
                  <tr key={row.partner_id}>
                    <td>{row.partner_name ?? row.partner_id}</td>
                    <td>{money(row.unused_balance, "JPY")}</td>
                    <td>{money(row.deposit_due, "JPY")}</td>
                  </tr>
                ))}
              </PlainTable>
            )
          }
        </QueryView>
      ) : null}
    </section>
  );
}

function Accounting() {
  const mode = useStaffMode();
  return (
    <>
      <h1>Accounting</h1>
      <div className="toolbar">
        <StaffModeSwitch />
      </div>
      <SettlementTotals mode={mode} />
      <LedgerBalances mode={mode} />
      <Reconciliation mode={mode} />
      <PrepaidBalances />
    </>
  );
}

export default withSuspense(Accounting);
