import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { AccountIdentity, DueHold, LedgerStore, ProgramFacts } from "../application/ledger-store.ts";
import type { Account, Hold, Transfer } from "../domain/ledger.ts";
import {
  changeLocked,
  checkpoint,
  findLocked,
  keepLocked,
  lockedAccount,
  lockedAccounts,
  restore,
} from "./locked-accounts.ts";

const ACCOUNT_COLUMNS = `id, kind, owner_id, currency, normal_side, debits_must_not_exceed_credits, debits_pending,
  debits_posted, credits_pending, credits_posted, sequence`;

interface AccountRow {
  id: string;
  kind: Account["kind"];
  owner_id: string | null;
  currency: string;
  normal_side: Account["normalSide"];
  debits_must_not_exceed_credits: boolean;
  debits_pending: number;
  debits_posted: number;
  credits_pending: number;
  credits_posted: number;
  sequence: number;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  kind: row.kind,
  ownerId: row.owner_id,
  currency: row.currency,
  normalSide: row.normal_side,
  debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
  debitsPending: row.debits_pending,
  debitsPosted: row.debits_posted,
  creditsPending: row.credits_pending,
  creditsPosted: row.credits_posted,
  sequence: row.sequence,
});

async function program(db: Queryable, tenant: Tenant, id: string): Promise<ProgramFacts | undefined> {
  const { rows } = await db.query<{ id: string; currency: string; funding_account_id: string }>(
    `SELECT id, currency, funding_account_id FROM account.programs
     WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
    [id, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  return row && { id: row.id, currency: row.currency, fundingAccountId: row.funding_account_id };
}

async function copyProgram(db: Queryable, tenant: Tenant, copy: ProgramFacts): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO account.programs (id, partner_id, livemode, currency, funding_account_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [copy.id, tenant.partnerId, tenant.livemode, copy.currency, copy.fundingAccountId],
  );
  return rowCount === 1;
}

async function findAccount(db: Queryable, tenant: Tenant, identity: AccountIdentity): Promise<Account | undefined> {
  const locked = lockedAccounts(db);
  const kept = locked && findLocked(locked, tenant, identity);
  if (kept) return kept;
  const { rows } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM account.accounts
     WHERE partner_id = $1 AND livemode = $2 AND kind = $3 AND coalesce(owner_id, '') = $4 AND currency = $5`,
    [tenant.partnerId, tenant.livemode, identity.kind, identity.ownerId ?? "", identity.currency],
  );
  return rows[0] && toAccount(rows[0]);
}

/** Two first uses at once: the second waits on the unique index, then finds the first's account. */
async function openAccount(
  db: Queryable,
  tenant: Tenant,
  account: Account,
  at: Date,
): Promise<{ account: Account; opened: boolean }> {
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO account.accounts (id, partner_id, livemode, currency, kind, owner_id, normal_side,
       debits_must_not_exceed_credits, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (partner_id, livemode, kind, (coalesce(owner_id, '')), currency) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [
      account.id,
      tenant.partnerId,
      tenant.livemode,
      account.currency,
      account.kind,
      account.ownerId,
      account.normalSide,
      account.debitsMustNotExceedCredits,
      at,
    ],
  );
  if (rows[0]) return { account: toAccount(rows[0]), opened: true };
  const existing = await findAccount(db, tenant, account);
  if (!existing) throw new Error(`account ${account.kind} ${account.ownerId ?? ""} neither opened nor found`);
  return { account: existing, opened: false };
}

/**
 * Locks accounts in the one order every transaction follows, so none waits in a circle: the
 * tenant's own accounts (network settlement, revenue: no owner) first, then the rest by id. A
 * transaction that locks in several steps (a clearing posting takes the settlement account
 * before the card's balance) keeps to it as long as it takes ownerless accounts first; by id
 * alone, a hold on a balance older than the settlement account took them the other way round.
 */
async function lockAccounts(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Account>> {
  const locked = lockedAccounts(db);
  const wanted = [...new Set(ids)].sort();
  const missing = locked ? wanted.filter((id) => !lockedAccount(locked, tenant, id)) : wanted;
  if (missing.length > 0) {
    const { rows } = await db.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM account.accounts
       WHERE id = ANY($1::text[]) AND partner_id = $2 AND livemode = $3
       ORDER BY owner_id IS NOT NULL, id FOR UPDATE`,
      [missing, tenant.partnerId, tenant.livemode],
    );
    if (!locked) return new Map(rows.map((row) => [row.id, toAccount(row)]));
    for (const row of rows) keepLocked(locked, tenant, toAccount(row));
  }
  const found = new Map<string, Account>();
  for (const id of wanted) {
    const account = locked && lockedAccount(locked, tenant, id);
    if (account) found.set(id, account);
  }
  return found;
}

/** Within a transaction, locked accounts are written once with COMMIT (see locked-accounts.ts). */
async function saveAccounts(db: Queryable, accounts: readonly Account[]): Promise<void> {
  if (accounts.length === 0) return;
  const locked = lockedAccounts(db);
  if (locked && changeLocked(locked, accounts)) return;
  const sorted = [...accounts].sort((a, b) => (a.id < b.id ? -1 : 1));
  await db.query(
    `UPDATE account.accounts a SET debits_pending = v.dpe, debits_posted = v.dpo, credits_pending = v.cpe,
       credits_posted = v.cpo, sequence = v.seq
     FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
       AS v (id, dpe, dpo, cpe, cpo, seq)
     WHERE a.id = v.id`,
    [
      sorted.map((a) => a.id),
      sorted.map((a) => a.debitsPending),
      sorted.map((a) => a.debitsPosted),
      sorted.map((a) => a.creditsPending),
      sorted.map((a) => a.creditsPosted),
      sorted.map((a) => a.sequence),
    ],
  );
}

/** Runs fn under a savepoint: if it throws, what it did is undone, in the table and in the locked accounts. */
async function savepoint<T>(db: Queryable, name: string, fn: () => Promise<T>): Promise<T> {
  const locked = lockedAccounts(db);
  const before = locked && checkpoint(locked);
  await db.query(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await db.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
    if (locked && before) restore(locked, before);
    throw error;
  }
}

interface TransferRow {
  id: string;
  type: Transfer["type"];
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  pending_id: string | null;
  timeout_seconds: number | null;
  forced: boolean;
  code: string;
  metadata: Record<string, unknown>;
  created_at: Date;
}

async function transfers(db: Queryable, tenant: Tenant, ids: readonly string[]): Promise<Map<string, Transfer>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<TransferRow>(
    `SELECT id, type, debit_account_id, credit_account_id, amount, currency, pending_id, timeout_seconds, forced,
            code, metadata, created_at
     FROM account.transfers WHERE id = ANY($1::text[]) AND partner_id = $2 AND livemode = $3`,
    [ids, tenant.partnerId, tenant.livemode],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        type: row.type,
        debitAccountId: row.debit_account_id,
        creditAccountId: row.credit_account_id,
        amount: row.amount,
        currency: row.currency,
        pendingId: row.pending_id,
        timeoutSeconds: row.timeout_seconds,
        forced: row.forced,
        code: row.code,
        metadata: row.metadata,
        createdAt: row.created_at.toISOString(),
      },
    ]),
  );
}

async function insertTransfer(db: Queryable, tenant: Tenant, transfer: Transfer): Promise<void> {
  await db.query(
    `INSERT INTO account.transfers (id, partner_id, livemode, type, debit_account_id, credit_account_id, amount,
       currency, pending_id, timeout_seconds, forced, code, metadata, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      transfer.id,
      tenant.partnerId,
      tenant.livemode,
      transfer.type,
      transfer.debitAccountId,
      transfer.creditAccountId,
      transfer.amount,
      transfer.currency,
      transfer.pendingId,
      transfer.timeoutSeconds,
      transfer.forced,
      transfer.code,
      transfer.metadata,
      transfer.createdAt,
    ],
  );
}

const HOLD_SELECT = `SELECT h.id, h.status, h.amount, h.posted_amount, t.debit_account_id, t.credit_account_id,
  t.currency, h.expires_at, h.resolved_by, h.resolved_at, h.partner_id, h.livemode, h.correlation_id
  FROM account.holds h JOIN account.transfers t ON t.id = h.id`;

interface HoldRow {
  id: string;
  status: Hold["status"];
  amount: number;
  posted_amount: number;
  debit_account_id: string;
  credit_account_id: string;
  currency: string;
  expires_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  partner_id: string;
  livemode: boolean;
  correlation_id: string | null;
}

const toHold = (row: HoldRow): Hold => ({
  id: row.id,
  status: row.status,
  amount: row.amount,
  postedAmount: row.posted_amount,
  debitAccountId: row.debit_account_id,
  creditAccountId: row.credit_account_id,
  currency: row.currency,
  expiresAt: row.expires_at.toISOString(),
  resolvedBy: row.resolved_by,
  resolvedAt: row.resolved_at?.toISOString() ?? null,
});

async function readHolds(
  db: Queryable,
  tenant: Tenant,
  ids: readonly string[],
  lock: boolean,
): Promise<Map<string, Hold>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<HoldRow>(
    `${HOLD_SELECT} WHERE h.id = ANY($1::text[]) AND h.partner_id = $2 AND h.livemode = $3
     ORDER BY h.id ${lock ? "FOR UPDATE OF h" : ""}`,
    [[...new Set(ids)].sort(), tenant.partnerId, tenant.livemode],
  );
  return new Map(rows.map((row) => [row.id, toHold(row)]));
}

const lockHolds = (db: Queryable, tenant: Tenant, ids: readonly string[]) => readHolds(db, tenant, ids, true);
const holds = (db: Queryable, tenant: Tenant, ids: readonly string[]) => readHolds(db, tenant, ids, false);

async function insertHold(db: Queryable, tenant: Tenant, hold: Hold, correlationId: string | null): Promise<void> {
  await db.query(
    `INSERT INTO account.holds (id, partner_id, livemode, status, amount, posted_amount, expires_at, resolved_by,
       resolved_at, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      hold.id,
      tenant.partnerId,
      tenant.livemode,
      hold.status,
      hold.amount,
      hold.postedAmount,
      hold.expiresAt,
      hold.resolvedBy,
      hold.resolvedAt,
      correlationId,
    ],
  );
}

async function updateHold(db: Queryable, hold: Hold): Promise<void> {
  await db.query(
    "UPDATE account.holds SET status = $2, posted_amount = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1",
    [hold.id, hold.status, hold.postedAmount, hold.resolvedBy, hold.resolvedAt],
  );
}

async function lockDueHolds(db: Queryable, now: Date, limit: number): Promise<DueHold[]> {
  const { rows } = await db.query<HoldRow>(
    `${HOLD_SELECT} WHERE h.status = 'pending' AND h.expires_at <= $1
     ORDER BY h.expires_at, h.id LIMIT $2 FOR UPDATE OF h SKIP LOCKED`,
    [now, limit],
  );
  return rows.map((row) => ({
    ...toHold(row),
    tenant: { partnerId: row.partner_id, livemode: row.livemode },
    correlationId: row.correlation_id,
  }));
}

export const ledgerRepository: LedgerStore = {
  program,
  copyProgram,
  findAccount,
  openAccount,
  lockAccounts,
  saveAccounts,
  savepoint,
  transfers,
  insertTransfer,
  lockHolds,
  holds,
  insertHold,
  updateHold,
  lockDueHolds,
};
