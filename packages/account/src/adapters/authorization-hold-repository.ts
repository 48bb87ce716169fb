import type { AuthorizationHold, AuthorizationHoldStore } from "../application/authorization-holds.ts";

interface PartRow {
  authorization_id: string;
  hold_id: string | null;
  state: AuthorizationHold["state"];
  hold_source: AuthorizationHold["holdSource"];
  increment_of: string | null;
}

const toPart = (row: PartRow): AuthorizationHold => ({
  authorizationId: row.authorization_id,
  holdId: row.hold_id,
  state: row.state,
  holdSource: row.hold_source,
  incrementOf: row.increment_of,
});

const columns = "authorization_id, hold_id, state, hold_source, increment_of";

export const authorizationHoldRepository: AuthorizationHoldStore = {
  async lock(db, tenant, authorizationId) {
    const { rows } = await db.query<PartRow>(
      `SELECT ${columns} FROM account.authorization_holds
       WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3 FOR UPDATE`,
      [authorizationId, tenant.partnerId, tenant.livemode],
    );
    return rows[0] && toPart(rows[0]);
  },
  async lockWithIncrements(db, tenant, authorizationId) {
    const { rows } = await db.query<PartRow>(
      `SELECT ${columns} FROM account.authorization_holds
       WHERE (authorization_id = $1 OR increment_of = $1) AND partner_id = $2 AND livemode = $3
       ORDER BY authorization_id FOR UPDATE`,
      [authorizationId, tenant.partnerId, tenant.livemode],
    );
    const parts = rows.map(toPart);
    return {
      part: parts.find((part) => part.authorizationId === authorizationId),
      increments: parts.filter((part) => part.incrementOf === authorizationId),
    };
  },
  async insert(db, tenant, part) {
    await db.query(
      `INSERT INTO account.authorization_holds (authorization_id, partner_id, livemode, hold_id, state, hold_source,
         increment_of, settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $5 = 'trying' THEN NULL ELSE now() END)`,
      [
        part.authorizationId,
        tenant.partnerId,
        tenant.livemode,
        part.holdId,
        part.state,
        part.holdSource && JSON.stringify(part.holdSource),
        part.incrementOf,
      ],
    );
  },
  async replaceHold(db, authorizationId, holdId) {
    await db.query("UPDATE account.authorization_holds SET hold_id = $2 WHERE authorization_id = $1", [
      authorizationId,
      holdId,
    ]);
  },
  async settle(db, authorizationId, state) {
    await db.query(
      "UPDATE account.authorization_holds SET state = $2, settled_at = now() WHERE authorization_id = $1",
      [authorizationId, state],
    );
  },
};
