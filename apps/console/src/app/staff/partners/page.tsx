"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { type FormEvent, useMemo, useState } from "react";
import { type CreatePartnerForm, createPartnerForm, fieldErrors } from "../../../shared/forms.ts";
import { Badge } from "../../../ui/badge.tsx";
import { DataTable } from "../../../ui/data-table.tsx";
import { FilterSelect } from "../../../ui/filter-select.tsx";
import { when } from "../../../ui/format.ts";
import { QueryList } from "../../../ui/query-list.tsx";
import { SearchBox } from "../../../ui/search-box.tsx";
import { SecretOnce } from "../../../ui/secret-once.tsx";
import { StaffModeSwitch, useStaffMode } from "../../../ui/staff-mode.tsx";
import { Empty, FormError, messageOf, withSuspense } from "../../../ui/states.tsx";
import { SuspendForm } from "../../../ui/suspend-form.tsx";
import { useTRPC } from "../../../ui/trpc.ts";
import { useUrlState } from "../../../ui/url-state.ts";

interface Row {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  programs: string;
  createdAt: string;
}

const column = createColumnHelper<Row>();
const PAGE_SIZE = 25;

const blank: CreatePartnerForm = {
  name: "",
  mode: "test",
  programName: "",
  currency: "JPY",
  timezone: "Asia/Tokyo",
  binPrefix: "42424242",
};

function Field({
  name,
  label,
  form,
  errors,
  onChange,
}: {
  name: Exclude<keyof CreatePartnerForm, "mode">;
  label: string;
  form: CreatePartnerForm;
  errors: Record<string, string>;
  onChange: (form: CreatePartnerForm) => void;
}) {
  const id = `partner-${name}`;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={form[name]}
        onChange={(event) => onChange({ ...form, [name]: event.target.value })}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `${id}-error` : undefined}
      />
      {errors[name] ? (
        <p className="field-error" id={`${id}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
}

/** A partner with its first program and key; the key is shown here once and never again. */
function CreatePartner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CreatePartnerForm>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.staffPartners.create.mutationOptions({
      onSuccess: async () => {
        setForm(blank);
        await queryClient.invalidateQueries();
      },
      onError: (error) => setErrors({ form: messageOf(error) }),
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = createPartnerForm.safeParse(form);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data);
  };
  const field = { form, errors, onChange: setForm };
  return (
    <>
      <form className="card" aria-label="New partner" onSubmit={submit} noValidate>
        <h2>New partner</h2>
        <div className="form-grid">
          <Field name="name" label="Partner name" {...field} />
          <div>
            <label htmlFor="partner-mode">Mode of the first program and key</label>
            <select
              id="partner-mode"
              value={form.mode}
              onChange={(event) => setForm({ ...form, mode: event.target.value === "live" ? "live" : "test" })}
            >
              <option value="test">Test (sandbox)</option>
              <option value="live">Live</option>
            </select>
          </div>
          <Field name="programName" label="Program name" {...field} />
          <Field name="currency" label="Currency" {...field} />
          <Field name="timezone" label="Time zone" {...field} />
          <Field name="binPrefix" label="BIN prefix" {...field} />
        </div>
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create partner"}
        </button>
      </form>
      {create.data ? (
        <SecretOnce
          label="New partner's API key"
          heading={`Copy this ${create.data.mode} API key now.`}
          secret={create.data.apiKey}
          note={
            <>
              It is shown only once; Koban keeps only its hash. Partner <code>{create.data.id}</code>.
            </>
          }
          onDone={() => create.reset()}
        />
      ) : null}
    </>
  );
}

function Partners() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const url = useUrlState();
  const mode = useStaffMode();
  const search = url.get("q")?.toLowerCase();
  const status = url.get("status");
  const page = Math.max(0, Number(url.get("page") ?? 0) || 0);
  const [suspending, setSuspending] = useState<Row | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The read model follows the command a moment later: poll until the partner shows its new status.
  const [awaited, setAwaited] = useState<{ id: string; status: string } | null>(null);
  const list = useQuery({
    ...trpc.staffPartners.list.queryOptions({ mode }),
    refetchInterval: (query) =>
      awaited && query.state.data?.find((partner) => partner.id === awaited.id)?.status !== awaited.status
        ? 1000
        : false,
  });
  const onDone = {
    onSuccess: async (result: { id: string; status: string }) => {
      setSuspending(null);
      setError(null);
      setAwaited(result);
      await queryClient.invalidateQueries();
    },
    onError: (failure: unknown) => setError(messageOf(failure)),
  };
  const suspend = useMutation(trpc.staffPartners.suspend.mutationOptions(onDone));
  const reactivate = useMutation(trpc.staffPartners.reactivate.mutationOptions(onDone));
  const rows = useMemo(
    () =>
      (list.data ?? [])
        .filter((partner) => !status || partner.status === status)
        .filter((partner) => !search || `${partner.name} ${partner.id}`.toLowerCase().includes(search))
        .map((partner) => ({
          id: partner.id,
          name: partner.name,
          status: partner.status,
          statusReason: partner.statusReason,
          programs: partner.programs.map((program) => `${program.name} (${program.currency})`).join(", "),
          createdAt: partner.createdAt,
        })),
    [list.data, status, search],
  );
  const columns = useMemo(
    () => [
      column.accessor("name", { header: "Name" }),
      column.accessor("id", { header: "Id", enableSorting: false, cell: (info) => <code>{info.getValue()}</code> }),
      column.accessor("status", {
        header: "Status",
        cell: (info) => (
          <>
            <Badge value={info.getValue()} />
            {info.row.original.statusReason ? <div className="hint">{info.row.original.statusReason}</div> : null}
          </>
        ),
      }),
      column.accessor("programs", { header: `Programs (${mode})`, cell: (info) => info.getValue() || "—" }),
      column.accessor("createdAt", { header: "Created", cell: (info) => when(info.getValue()) }),
      column.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: (info) =>
          info.row.original.status === "suspended" ? (
            <button
              type="button"
              disabled={reactivate.isPending}
              aria-label={`Reactivate ${info.row.original.name}`}
              onClick={() => reactivate.mutate({ id: info.row.original.id })}
            >
              Reactivate
            </button>
          ) : (
            <button
              type="button"
              className="danger"
              aria-label={`Suspend ${info.row.original.name}`}
              onClick={() => {
                setError(null);
                setSuspending(info.row.original);
              }}
            >
              Suspend…
            </button>
          ),
      }),
    ],
    [mode, reactivate],
  );
  // Sorted before paging, so a page is a slice of the whole sorted list (the table sorts the same way).
  const sort = url.get("sort");
  const shown = useMemo(() => {
    const key = sort?.replace(/^-/, "") as keyof Row | undefined;
    const sorted =
      key && key in (rows[0] ?? {})
        ? [...rows].sort(
            (a, b) => String(a[key] ?? "").localeCompare(String(b[key] ?? "")) * (sort?.startsWith("-") ? -1 : 1),
          )
        : rows;
    return sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  }, [rows, page, sort]);
  return (
    <>
      <h1>Partners</h1>
      <CreatePartner />
      <h2>All partners</h2>
      <div className="toolbar">
        <SearchBox label="Search partners" placeholder="Name or id" pageParam="page" />
        <FilterSelect
          label="Status"
          param="status"
          pageParam="page"
          options={{ active: "Active", suspended: "Suspended" }}
        />
        <StaffModeSwitch />
      </div>
      {suspending ? (
        <SuspendForm
          key={suspending.id}
          label={`Suspend ${suspending.name}`}
          title={`Suspend ${suspending.name}?`}
          description="Every API key of this partner is refused (403 partner_suspended) until you reactivate it."
          confirmLabel="Suspend partner"
          pending={suspend.isPending}
          error={error}
          onSuspend={(reason) => suspend.mutate({ id: suspending.id, reason })}
          onCancel={() => setSuspending(null)}
        />
      ) : (
        <FormError message={error} />
      )}
      <QueryList
        query={list}
        isEmpty={() => rows.length === 0}
        empty={<Empty title={search || status ? "No partner matches" : "No partners yet"} />}
      >
        {() => (
          <>
            <DataTable label="Partners" columns={columns} rows={shown} />
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                disabled={page === 0}
                onClick={() => url.set({ page: page > 1 ? String(page - 1) : undefined })}
              >
                Previous page
              </button>
              <button
                type="button"
                disabled={(page + 1) * PAGE_SIZE >= rows.length}
                onClick={() => url.set({ page: String(page + 1) })}
              >
                Next page
              </button>
            </nav>
          </>
        )}
      </QueryList>
    </>
  );
}

export default withSuspense(Partners);
