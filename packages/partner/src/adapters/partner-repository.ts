import type { Queryable } from "@koban/db";
import type { PartnerStore } from "../application/handlers.ts";
import type { Partner, PartnerEvent } from "../domain/partner.ts";

async function loadPartnerForUpdate(db: Queryable, id: string): Promise<Partner | undefined> {
  const { rows } = await db.query<Partner>("SELECT id, name, version FROM partner.partners WHERE id = $1 FOR UPDATE", [
    id,
  ]);
  return rows[0];
}

/** Writes the state the events lead to; the version check guards against a lost update. */
async function savePartner(
  db: Queryable,
  before: Partner | undefined,
  after: Partner,
  events: readonly PartnerEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.type === "PartnerCreated") {
      await db.query("INSERT INTO partner.partners (id, name, version, created_at) VALUES ($1, $2, $3, $4)", [
        after.id,
        after.name,
        after.version,
        event.created_at,
      ]);
    } else if (event.type === "ApiKeyCreated") {
      await db.query(
        `INSERT INTO partner.api_keys (id, partner_id, livemode, key_hash, redacted_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [event.api_key_id, event.partner_id, event.livemode, event.key_hash, event.redacted_key, event.created_at],
      );
    }
  }
  if (before) {
    const result = await db.query("UPDATE partner.partners SET version = $3 WHERE id = $1 AND version = $2", [
      after.id,
      before.version,
      after.version,
    ]);
    if (result.rowCount !== 1) throw new Error(`Partner ${after.id} changed concurrently`);
  }
}

export const partnerRepository: PartnerStore = { loadForUpdate: loadPartnerForUpdate, save: savePartner };
