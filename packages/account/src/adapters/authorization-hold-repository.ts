import type { AuthorizationHold, AuthorizationHoldStore } from "../application/authorization-holds.ts";

export const authorizationHoldRepository: AuthorizationHoldStore = {
  async lock(db, tenant, authorizationId) {
    const { rows } = await db.query<{
      authorization_id: string;
      hold_id: string | null;
      state: AuthorizationHold["state"];
      hold_source: AuthorizationHold["holdSource"];
    }>(
      `SELECT authorization_id, hold_id, state, hold_source FROM account.authorization_holds
       WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3 FOR UPDATE`,
      [authorizationId, tenant.partnerId, tenant.livemode],
    );
    const row = rows[0];
    return (
      row && {
        authorizationId: row.authorization_id,
        holdId: row.hold_id,
        state: row.state,
        holdSource: row.hold_source,
      }
    );
  },
  async insert(db, tenant, part) {
    await db.query(
      `INSERT INTO account.authorization_holds (authorization_id, partner_id, livemode, hold_id, state, hold_source,
         settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 = 'trying' THEN NULL ELSE now() END)`,
      [
        part.authorizationId,
        tenant.partnerId,
        tenant.livemode,
        part.holdId,
        part.state,
        part.holdSource && JSON.stringify(part.holdSource),
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
