import type { DeclineReason, Merchant } from "@koban/contracts";
import { lockWait, type Tx } from "@koban/db";
import type {
  Answer,
  Authorization,
  AuthorizationStatus,
  AuthorizationStore,
  CardCopy,
  DecisionRecord,
  ReceivedResult,
} from "../application/authorization-store.ts";
import type { Participant } from "../domain/decision.ts";

/** The channel a deciding transaction notifies at commit; the payload is the Answer as JSON. */
export const DECISIONS_CHANNEL = "koban_processing_decisions";

interface Row {
  id: string;
  saga_id: string;
  card_id: string | null;
  partner_id: string | null;
  livemode: boolean | null;
  cardholder_id: string | null;
  program_id: string | null;
  pan_digest: string;
  amount: number;
  currency: string;
  merchant: Merchant;
  stan: string;
  rrn: string;
  requested_at: Date;
  decide_by: Date;
  card_result: ReceivedResult | null;
  cardholder_result: ReceivedResult | null;
  money_result: ReceivedResult | null;
  status: AuthorizationStatus;
  decline_reason: DeclineReason | null;
  response_code: string | null;
  approval_code: string | null;
  reversed_amount: number;
  expired_at: Date | null;
  stream_version: number;
  increment_of: string | null;
}

function fromRow(row: Row): Authorization {
  const card: CardCopy | null =
    row.card_id && row.partner_id !== null && row.livemode !== null
      ? {
          id: row.card_id,
          panDigest: row.pan_digest,
          tenant: { partnerId: row.partner_id, livemode: row.livemode },
          cardholderId: row.cardholder_id ?? "",
          programId: row.program_id ?? "",
        }
      : null;
  const results: Authorization["results"] = {};
  if (row.card_result) results.card = row.card_result;
  if (row.cardholder_result) results.cardholder = row.cardholder_result;
  if (row.money_result) results.money = row.money_result;
  return {
    id: row.id,
    sagaId: row.saga_id,
    card,
    panDigest: row.pan_digest,
    amount: row.amount,
    currency: row.currency,
    merchant: row.merchant,
    stan: row.stan,
    rrn: row.rrn,
    requestedAt: row.requested_at,
    decideBy: row.decide_by,
    results,
    status: row.status,
    declineReason: row.decline_reason,
    responseCode: row.response_code,
    approvalCode: row.approval_code,
    incrementOf: row.increment_of,
    reversedAmount: row.reversed_amount,
    expiredAt: row.expired_at,
    streamVersion: row.stream_version,
  };
}

const resultColumns: Record<Participant, string> = {
  card: "card_result",
  cardholder: "cardholder_result",
  money: "money_result",
};

export const authorizationRepository: AuthorizationStore = {
  async saveCard(tx, card) {
    await tx.query(
      `INSERT INTO processing.cards (id, pan_digest, partner_id, livemode, cardholder_id, program_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [card.id, card.panDigest, card.tenant.partnerId, card.tenant.livemode, card.cardholderId, card.programId],
    );
  },

  async findCardByDigest(db, panDigest) {
    const { rows } = await db.query<{
      id: string;
      partner_id: string;
      livemode: boolean;
      cardholder_id: string;
      program_id: string;
    }>(`SELECT id, partner_id, livemode, cardholder_id, program_id FROM processing.cards WHERE pan_digest = $1`, [
      panDigest,
    ]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          panDigest,
          tenant: { partnerId: row.partner_id, livemode: row.livemode },
          cardholderId: row.cardholder_id,
          programId: row.program_id,
        }
      : undefined;
  },

  async insert(tx, a, decision) {
    const { rowCount } = await tx.query(
      `INSERT INTO processing.authorizations
         (id, saga_id, card_id, partner_id, livemode, cardholder_id, program_id, pan_digest, amount, currency,
          merchant, stan, rrn, requested_at, decide_by, status, decline_reason, response_code, approval_code,
          decided_by, decided_at, increment_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (pan_digest, rrn, stan) DO NOTHING`,
      [
        a.id,
        a.sagaId,
        a.card?.id ?? null,
        a.card?.tenant.partnerId ?? null,
        a.card?.tenant.livemode ?? null,
        a.card?.cardholderId ?? null,
        a.card?.programId ?? null,
        a.panDigest,
        a.amount,
        a.currency,
        JSON.stringify(a.merchant),
        a.stan,
        a.rrn,
        a.requestedAt,
        a.decideBy,
        decision?.status ?? "pending",
        decision?.declineReason ?? null,
        decision?.responseCode ?? null,
        decision?.approvalCode ?? null,
        decision?.decidedBy ?? null,
        decision?.decidedAt ?? null,
        a.incrementOf,
      ],
    );
    return rowCount === 1;
  },

  async lock(tx: Tx, id) {
    const { rows } = await tx.query<Row & { overdue: boolean }>(
      `SELECT *, decide_by <= clock_timestamp() AS overdue FROM processing.authorizations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row ? { authorization: fromRow(row), overdue: row.overdue } : undefined;
  },

  async lockForResult(tx, id) {
    // Only a transaction's first authorization lock waits (several results may share a batch).
    const { rows } = await tx.query<Row & { overdue: boolean }>(
      `SELECT *, decide_by <= clock_timestamp() AS overdue FROM processing.authorizations WHERE id = $1
       FOR UPDATE${await lockWait(tx, "authorization")}`,
      [id],
    );
    const row = rows[0];
    return row ? { authorization: fromRow(row), overdue: row.overdue } : undefined;
  },

  async lockOverdue(tx, limit) {
    const { rows } = await tx.query<Row>(
      `SELECT * FROM processing.authorizations
       WHERE status = 'pending' AND decide_by <= clock_timestamp()
       ORDER BY decide_by LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(fromRow);
  },

  async saveResult(tx, id, participant, received) {
    await tx.query(`UPDATE processing.authorizations SET ${resultColumns[participant]} = $2 WHERE id = $1`, [
      id,
      JSON.stringify(received),
    ]);
  },

  async saveDecision(tx, id, d: DecisionRecord) {
    // Conditional: only a pending authorization is decided, whoever holds its lock.
    // The waiting gateway is notified at commit, by the same statement (one round trip).
    const answer: Answer = { id, status: d.status, responseCode: d.responseCode, approvalCode: d.approvalCode };
    const { rowCount } = await tx.query(
      `WITH decided AS (
         UPDATE processing.authorizations
         SET status = $2, decline_reason = $3, response_code = $4, approval_code = $5, decided_by = $6, decided_at = $7,
             stream_version = 2
         WHERE id = $1 AND status = 'pending'
         RETURNING id
       )
       SELECT pg_notify($8, $9) FROM decided`,
      [
        id,
        d.status,
        d.declineReason,
        d.responseCode,
        d.approvalCode,
        d.decidedBy,
        d.decidedAt,
        DECISIONS_CHANNEL,
        JSON.stringify(answer),
      ],
    );
    if (rowCount !== 1) throw new Error(`authorization ${id} was already decided`);
  },

  async readAnswers(db, ids) {
    if (ids.length === 0) return [];
    const { rows } = await db.query<{
      id: string;
      status: "approved" | "declined";
      response_code: string;
      approval_code: string | null;
    }>(
      `SELECT id, status, response_code, approval_code FROM processing.authorizations
       WHERE id = ANY($1::text[]) AND status <> 'pending'`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      responseCode: row.response_code,
      approvalCode: row.approval_code,
    }));
  },

  async lockOriginal(tx, panDigest, original) {
    const { rows } = await tx.query<Row>(
      `SELECT * FROM processing.authorizations WHERE rrn = $1 AND stan = $2 AND pan_digest = $3
       ORDER BY requested_at DESC LIMIT 1 FOR UPDATE`,
      [original.rrn, original.stan, panDigest],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  },

  async findOriginal(db, panDigest, original) {
    const { rows } = await db.query<Row>(
      `SELECT * FROM processing.authorizations WHERE rrn = $1 AND stan = $2 AND pan_digest = $3
       ORDER BY requested_at DESC LIMIT 1`,
      [original.rrn, original.stan, panDigest],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  },

  async lockIncrements(tx, id) {
    const { rows } = await tx.query<Row>(
      `SELECT * FROM processing.authorizations WHERE increment_of = $1 AND status = 'approved'
       ORDER BY requested_at DESC FOR UPDATE`,
      [id],
    );
    return rows.map(fromRow);
  },

  async findReversal(db, ids) {
    const { rows } = await db.query(`SELECT * FROM processing.reversals WHERE rrn = $1 AND stan = $2`, [
      ids.rrn,
      ids.stan,
    ]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          authorizationId: row.authorization_id,
          stan: row.stan,
          rrn: row.rrn,
          original: { stan: row.original_stan, rrn: row.original_rrn },
          requestedAmount: row.requested_amount,
          releasedAmount: row.released_amount,
          responseCode: row.response_code,
          receivedAt: row.received_at,
        }
      : undefined;
  },

  async insertReversal(tx, r) {
    const { rowCount } = await tx.query(
      `INSERT INTO processing.reversals
         (id, authorization_id, stan, rrn, original_stan, original_rrn, requested_amount, released_amount,
          response_code, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (rrn, stan) DO NOTHING`,
      [
        r.id,
        r.authorizationId,
        r.stan,
        r.rrn,
        r.original.stan,
        r.original.rrn,
        r.requestedAmount,
        r.releasedAmount,
        r.responseCode,
        r.receivedAt,
      ],
    );
    return rowCount === 1;
  },

  async saveReversed(tx, id, reversedAmount, streamVersion) {
    await tx.query(`UPDATE processing.authorizations SET reversed_amount = $2, stream_version = $3 WHERE id = $1`, [
      id,
      reversedAmount,
      streamVersion,
    ]);
  },

  async lockBySaga(tx, sagaId) {
    const { rows } = await tx.query<Row>("SELECT * FROM processing.authorizations WHERE saga_id = $1 FOR UPDATE", [
      sagaId,
    ]);
    return rows[0] && fromRow(rows[0]);
  },

  async saveExpired(tx, id, expiredAt, streamVersion) {
    await tx.query("UPDATE processing.authorizations SET expired_at = $2, stream_version = $3 WHERE id = $1", [
      id,
      expiredAt,
      streamVersion,
    ]);
  },

  async insertAdvice(tx, a) {
    const { rowCount } = await tx.query(
      `INSERT INTO processing.advices
         (id, card_id, partner_id, livemode, cardholder_id, program_id, pan_digest, amount, currency, merchant,
          stan, rrn, response_code, approval_code, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (rrn, stan) DO NOTHING`,
      [
        a.id,
        a.card?.id ?? null,
        a.card?.tenant.partnerId ?? null,
        a.card?.tenant.livemode ?? null,
        a.card?.cardholderId ?? null,
        a.card?.programId ?? null,
        a.panDigest,
        a.amount,
        a.currency,
        JSON.stringify(a.merchant),
        a.stan,
        a.rrn,
        a.responseCode,
        a.approvalCode,
        a.receivedAt,
      ],
    );
    return rowCount === 1;
  },

  async findAdvice(db, ids) {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM processing.advices WHERE rrn = $1 AND stan = $2`, [
      ids.rrn,
      ids.stan,
    ]);
    return rows[0];
  },
};
