import type { Queryable } from "@koban/db";
import type { ClearingStore, NewTransaction } from "../application/clearing-store.ts";
import type { AuthorizationCopy, CardCopy } from "../domain/matching.ts";

async function cardsByDigest(db: Queryable, digests: readonly string[]): Promise<Map<string, CardCopy>> {
  if (digests.length === 0) return new Map();
  const { rows } = await db.query<{
    id: string;
    pan_digest: string;
    partner_id: string;
    livemode: boolean;
    cardholder_id: string;
    program_id: string;
  }>(
    `SELECT id, pan_digest, partner_id, livemode, cardholder_id, program_id FROM clearing.cards
     WHERE pan_digest = ANY($1::text[])`,
    [[...new Set(digests)]],
  );
  return new Map(
    rows.map((row) => [
      row.pan_digest,
      {
        id: row.id,
        tenant: { partnerId: row.partner_id, livemode: row.livemode },
        cardholderId: row.cardholder_id,
        programId: row.program_id,
      },
    ]),
  );
}

async function authorizationsByNetworkIds(
  db: Queryable,
  ids: ReadonlyArray<{ stan: string; rrn: string }>,
): Promise<Map<string, AuthorizationCopy>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{
    id: string;
    saga_id: string;
    partner_id: string;
    livemode: boolean;
    card_id: string;
    amount: string;
    currency: string;
    stan: string;
    rrn: string;
  }>(
    `SELECT a.id, a.saga_id, a.partner_id, a.livemode, a.card_id, a.amount, a.currency, a.stan, a.rrn
     FROM clearing.authorizations a
     JOIN unnest($1::text[], $2::text[]) AS n (rrn, stan) ON a.rrn = n.rrn AND a.stan = n.stan`,
    [ids.map((i) => i.rrn), ids.map((i) => i.stan)],
  );
  return new Map(
    rows.map((row) => [
      `${row.rrn}:${row.stan}`,
      {
        id: row.id,
        sagaId: row.saga_id,
        tenant: { partnerId: row.partner_id, livemode: row.livemode },
        cardId: row.card_id,
        amount: Number(row.amount),
        currency: row.currency,
      },
    ]),
  );
}

async function insertTransactions(db: Queryable, transactions: readonly NewTransaction[]) {
  if (transactions.length === 0) return { inserted: new Set<string>(), existing: new Map<string, string>() };
  const column = <T>(pick: (t: NewTransaction) => T) => transactions.map(pick);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO clearing.transactions (id, partner_id, livemode, kind, arn, authorization_id, card_id, cardholder_id,
       program_id, amount, currency, sequence, count, fee, settlement_date, file_id, line, cleared_at, correlation_id,
       status)
     SELECT *, 'cleared' FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::int[], $13::int[], $14::bigint[],
       $15::date[], $16::text[], $17::int[], $18::timestamptz[], $19::text[])
     ON CONFLICT (kind, arn) DO NOTHING
     RETURNING id`,
    [
      column((t) => t.id),
      column((t) => t.tenant.partnerId),
      column((t) => t.tenant.livemode),
      column((t) => t.kind),
      column((t) => t.arn),
      column((t) => t.authorizationId),
      column((t) => t.cardId),
      column((t) => t.cardholderId),
      column((t) => t.programId),
      column((t) => t.amount),
      column((t) => t.currency),
      column((t) => t.sequence),
      column((t) => t.count),
      column((t) => t.fee),
      column((t) => t.settlementDate),
      column((t) => t.fileId),
      column((t) => t.line),
      column((t) => t.clearedAt),
      column((t) => t.correlationId),
    ],
  );
  const inserted = new Set(rows.map((row) => row.id));
  const repeated = transactions.filter((t) => !inserted.has(t.id));
  const existing = new Map<string, string>();
  if (repeated.length > 0) {
    const found = await db.query<{ id: string; kind: string; arn: string }>(
      `SELECT t.id, t.kind, t.arn FROM clearing.transactions t
       JOIN unnest($1::text[], $2::text[]) AS r (kind, arn) ON t.kind = r.kind AND t.arn = r.arn`,
      [repeated.map((t) => t.kind), repeated.map((t) => t.arn)],
    );
    for (const row of found.rows) existing.set(`${row.kind}:${row.arn}`, row.id);
  }
  return { inserted, existing };
}

export const clearingRepository: ClearingStore = {
  async saveCard(db, card) {
    await db.query(
      `INSERT INTO clearing.cards (id, pan_digest, partner_id, livemode, cardholder_id, program_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [card.id, card.panDigest, card.tenant.partnerId, card.tenant.livemode, card.cardholderId, card.programId],
    );
  },
  async saveProgram(db, program) {
    await db.query(
      `INSERT INTO clearing.programs (id, partner_id, livemode, currency, timezone)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [program.id, program.tenant.partnerId, program.tenant.livemode, program.currency, program.timezone],
    );
  },
  async saveAuthorization(db, a) {
    await db.query(
      `INSERT INTO clearing.authorizations (id, saga_id, partner_id, livemode, card_id, amount, currency, stan, rrn)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [a.id, a.sagaId, a.tenant.partnerId, a.tenant.livemode, a.cardId, a.amount, a.currency, a.stan, a.rrn],
    );
  },
  cardsByDigest,
  authorizationsByNetworkIds,
  async createFile(db, file) {
    await db.query("INSERT INTO clearing.files (id, name, imported_at) VALUES ($1, $2, $3)", [
      file.id,
      file.name,
      file.importedAt,
    ]);
  },
  async addFileCounts(db, fileId, counts) {
    await db.query(
      `UPDATE clearing.files SET records = records + $2, accepted = accepted + $3, duplicates = duplicates + $4,
         failed = failed + $5 WHERE id = $1`,
      [fileId, counts.records, counts.accepted, counts.duplicates, counts.failed],
    );
  },
  insertTransactions,
  async recordPosting(db, tenant, id, outcome) {
    const { rowCount } = await db.query(
      `UPDATE clearing.transactions SET status = 'posted', type = $4, forced = $5, shortfall = $6, posted_at = $7
       WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND status = 'cleared'`,
      [id, tenant.partnerId, tenant.livemode, outcome.type, outcome.forced, outcome.shortfall, outcome.postedAt],
    );
    return rowCount === 1;
  },
  async recordRefusal(db, tenant, id, refusal) {
    const { rowCount } = await db.query(
      `UPDATE clearing.transactions SET status = 'refused', refusal = $4
       WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND status = 'cleared'`,
      [id, tenant.partnerId, tenant.livemode, refusal.slice(0, 600)],
    );
    return rowCount === 1;
  },
};
