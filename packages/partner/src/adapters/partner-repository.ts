import type { Queryable } from "@koban/db";
import type { PartnerStore } from "../application/handlers.ts";
import type { ApiKey, Partner, PartnerEvent } from "../domain/partner.ts";

async function loadPartnerForUpdate(db: Queryable, id: string): Promise<Partner | undefined> {
  const { rows } = await db.query<Omit<Partner, "apiKeys">>(
    "SELECT id, name, version, status FROM partner.partners WHERE id = $1 FOR UPDATE",
    [id],
  );
  const partner = rows[0];
  if (!partner) return undefined;
  const keys = await db.query<ApiKey & { id: string; revoked_at: Date | null; expires_at: Date | null }>(
    "SELECT id, livemode, scopes, revoked_at, expires_at FROM partner.api_keys WHERE partner_id = $1",
    [id],
  );
  const apiKeys = Object.fromEntries(
    keys.rows.map((key) => [
      key.id,
      {
        livemode: key.livemode,
        scopes: key.scopes,
        revoked_at: key.revoked_at?.toISOString() ?? null,
        expires_at: key.expires_at?.toISOString() ?? null,
      },
    ]),
  );
  return { ...partner, apiKeys };
}

async function programExists(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM partner.programs WHERE id = $1", [id]);
  return rowCount === 1;
}

async function insert(db: Queryable, after: Partner, event: PartnerEvent): Promise<void> {
  switch (event.type) {
    case "PartnerCreated":
      await db.query("INSERT INTO partner.partners (id, name, version, created_at) VALUES ($1, $2, $3, $4)", [
        after.id,
        after.name,
        after.version,
        event.created_at,
      ]);
      return;
    case "ApiKeyCreated":
      await db.query(
        `INSERT INTO partner.api_keys (id, partner_id, livemode, key_hash, redacted_key, scopes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          event.api_key_id,
          event.partner_id,
          event.livemode,
          event.key_hash,
          event.redacted_key,
          event.restricted_scopes,
          event.created_at,
        ],
      );
      return;
    case "ApiKeyRevoked":
      await db.query("UPDATE partner.api_keys SET revoked_at = $2 WHERE id = $1", [event.api_key_id, event.revoked_at]);
      return;
    case "ApiKeyRolled":
      await db.query("UPDATE partner.api_keys SET expires_at = $2 WHERE id = $1", [event.api_key_id, event.expires_at]);
      return;
    case "PartnerSuspended":
    case "PartnerReactivated":
      await db.query("UPDATE partner.partners SET status = $2 WHERE id = $1", [after.id, after.status]);
      return;
    case "ProgramCreated":
      await db.query(
        `INSERT INTO partner.programs (id, partner_id, livemode, name, currency, timezone, bin_prefix, pan_length,
           default_spend_controls, default_funding_source_id, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)`,
        [
          event.program_id,
          event.partner_id,
          event.livemode,
          event.name,
          event.currency,
          event.timezone,
          event.bin_prefix,
          event.pan_length,
          event.default_spend_controls,
          event.default_funding_source_id,
          event.created_at,
        ],
      );
  }
}

/** Writes the state the events lead to; the version check guards against a lost update. */
async function savePartner(
  db: Queryable,
  before: Partner | undefined,
  after: Partner,
  events: readonly PartnerEvent[],
): Promise<void> {
  for (const event of events) await insert(db, after, event);
  if (before) {
    const result = await db.query("UPDATE partner.partners SET version = $3 WHERE id = $1 AND version = $2", [
      after.id,
      before.version,
      after.version,
    ]);
    if (result.rowCount !== 1) throw new Error(`Partner ${after.id} changed concurrently`);
  }
}

export const partnerRepository: PartnerStore = {
  loadForUpdate: loadPartnerForUpdate,
  programExists,
  save: savePartner,
};
