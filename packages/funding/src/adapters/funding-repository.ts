import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { FundingStore, GatewayRecord } from "../application/ports.ts";
import type { CardCopy, Decision, PartState, ProgramCopy } from "../domain/decision.ts";
import type { FundingSource } from "../domain/funding-source.ts";

interface SourceRow {
  id: string;
  partner_id: string;
  livemode: boolean;
  type: FundingSource["type"];
  description: string | null;
  gateway_url: string | null;
  gateway_deadline_ms: number | null;
  gateway_stand_in: "approve" | "decline" | null;
  version: number;
}

const toSource = (row: SourceRow): FundingSource => ({
  id: row.id,
  partnerId: row.partner_id,
  livemode: row.livemode,
  type: row.type,
  description: row.description,
  gateway:
    row.gateway_url && row.gateway_deadline_ms && row.gateway_stand_in
      ? { url: row.gateway_url, deadline_ms: row.gateway_deadline_ms, stand_in: row.gateway_stand_in }
      : null,
  version: row.version,
});

/** The tenant's source; another tenant's is not found. */
async function selectSource(db: Queryable, tenant: Tenant, id: string, lock: boolean) {
  const { rows } = await db.query<SourceRow>(
    `SELECT id, partner_id, livemode, type, description, gateway_url, gateway_deadline_ms, gateway_stand_in, version
     FROM funding.sources WHERE id = $1 AND partner_id = $2 AND livemode = $3${lock ? " FOR UPDATE" : ""}`,
    [id, tenant.partnerId, tenant.livemode],
  );
  return rows[0] && toSource(rows[0]);
}

const gatewayColumns = (source: FundingSource) => [
  source.gateway?.url ?? null,
  source.gateway?.deadline_ms ?? null,
  source.gateway?.stand_in ?? null,
];

export const fundingRepository: FundingStore = {
  loadSource: (db, tenant, id) => selectSource(db, tenant, id, false),
  loadSourceForUpdate: (db, tenant, id) => selectSource(db, tenant, id, true),

  async insertSource(db, source, createdAt) {
    await db.query(
      `INSERT INTO funding.sources (id, partner_id, livemode, type, description, gateway_url, gateway_deadline_ms,
         gateway_stand_in, created_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        source.id,
        source.partnerId,
        source.livemode,
        source.type,
        source.description,
        ...gatewayColumns(source),
        createdAt,
        source.version,
      ],
    );
  },

  /** The version check guards against a lost update. */
  async updateSource(db, before, after) {
    const result = await db.query(
      `UPDATE funding.sources SET description = $3, gateway_url = $4, gateway_deadline_ms = $5,
         gateway_stand_in = $6, version = $7
       WHERE id = $1 AND version = $2`,
      [after.id, before.version, after.description, ...gatewayColumns(after), after.version],
    );
    if (result.rowCount !== 1) throw new Error(`Funding source ${after.id} changed concurrently`);
  },

  async recordCard(db, card) {
    await db.query(
      `INSERT INTO funding.cards (id, partner_id, livemode, program_id, cardholder_id, funding_source_id, last4)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [card.id, card.partnerId, card.livemode, card.programId, card.cardholderId, card.fundingSourceId, card.last4],
    );
  },

  async recordProgram(db, program) {
    await db.query(
      `INSERT INTO funding.programs (id, partner_id, livemode, default_funding_source_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [program.id, program.partnerId, program.livemode, program.defaultFundingSourceId],
    );
  },

  async loadCard(db, tenant, id): Promise<CardCopy | undefined> {
    const { rows } = await db.query<CardCopy>(
      `SELECT id, partner_id AS "partnerId", livemode, program_id AS "programId", cardholder_id AS "cardholderId",
         funding_source_id AS "fundingSourceId", last4
       FROM funding.cards WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
      [id, tenant.partnerId, tenant.livemode],
    );
    return rows[0];
  },

  async loadProgram(db, tenant, id): Promise<ProgramCopy | undefined> {
    const { rows } = await db.query<ProgramCopy>(
      `SELECT id, default_funding_source_id AS "defaultFundingSourceId"
       FROM funding.programs WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
      [id, tenant.partnerId, tenant.livemode],
    );
    return rows[0];
  },

  async claimDecision(db, tenant, authorizationId) {
    const { rowCount } = await db.query(
      `INSERT INTO funding.decisions (authorization_id, partner_id, livemode, state)
       VALUES ($1, $2, $3, 'deciding') ON CONFLICT DO NOTHING`,
      [authorizationId, tenant.partnerId, tenant.livemode],
    );
    return rowCount === 1;
  },

  async recordDecision(db, authorizationId, decision: Decision, gateway: GatewayRecord | null, decidedAt) {
    const { result } = decision;
    await db.query(
      `UPDATE funding.decisions SET state = 'trying', funding_source_id = $2, outcome = $3, reason = $4,
         stand_in = $5, gateway_status = $6, gateway_latency_ms = $7, gateway_problem = $8, decided_at = $9
       WHERE authorization_id = $1 AND state = 'deciding'`,
      [
        authorizationId,
        decision.fundingSourceId,
        result.outcome,
        result.outcome === "ng" ? result.reason : result.outcome === "failure" ? result.error : null,
        decision.standIn,
        gateway?.status ?? null,
        gateway?.latencyMs ?? null,
        gateway?.problem ?? null,
        decidedAt,
      ],
    );
  },

  async partForSettlement(db, tenant, authorizationId, state): Promise<PartState | null> {
    const inserted = await db.query(
      `INSERT INTO funding.decisions (authorization_id, partner_id, livemode, state, settled_at)
       VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING`,
      [authorizationId, tenant.partnerId, tenant.livemode, state],
    );
    if (inserted.rowCount === 1) return null;
    const { rows } = await db.query<{ state: PartState }>(
      "SELECT state FROM funding.decisions WHERE authorization_id = $1 FOR UPDATE",
      [authorizationId],
    );
    return rows[0]?.state ?? null;
  },

  async settlePart(db, authorizationId, state, settledAt) {
    await db.query("UPDATE funding.decisions SET state = $2, settled_at = $3 WHERE authorization_id = $1", [
      authorizationId,
      state,
      settledAt,
    ]);
  },
};
