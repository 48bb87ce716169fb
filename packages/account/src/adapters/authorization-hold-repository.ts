import type { AuthorizationHold, AuthorizationHoldStore } from "../application/authorization-holds.ts";

export const authorizationHoldRepository: AuthorizationHoldStore = {
  async lock(db, tenant, authorizationId) {
    const { rows } = await db.query<{
      authorization_id: string;
      hold_id: string | null;
      state: AuthorizationHold["state"];
    }>(
      `SELECT authorization_id, hold_id, state FROM account.authorization_holds
       WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3 FOR UPDATE`,
      [authorizationId, tenant.partnerId, tenant.livemode],
    );
    const row = rows[0];
    return row && { authorizationId: row.authorization_id, holdId: row.hold_id, state: row.state };
  },
  async insert(db, tenant, part) {
    await db.query(
      `INSERT INTO account.authorization_holds (authorization_id, partner_id, livemode, hold_id, state, settled_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'trying' THEN NULL ELSE now() END)`,
      [part.authorizationId, tenant.partnerId, tenant.livemode, part.holdId, part.state],
    );
  },
  async settle(db, authorizationId, state) {
    await db.query(
      "UPDATE account.authorization_holds SET state = $2, settled_at = now() WHERE authorization_id = $1",
      [authorizationId, state],
    );
  },
};
