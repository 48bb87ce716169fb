import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fullScopeListsBeforeKinds } from "@koban/contracts";
import { migrateSchema } from "@koban/db";
import { partnerContext } from "@koban/partner";
import { queryContext } from "@koban/query";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Keys made before keys had a kind: one listing the whole scope list of its day was a "full" key
 * and becomes standard; any other list stays restricted. Each schema is migrated up to the
 * migration before, given such keys, then migrated the rest of the way.
 */

let db: TestDatabase;
const dirs: string[] = [];

/** The schema's migrations, without the one that gives keys a kind and any after it. */
function migrationsBefore(dir: string, first: string): string {
  const copy = mkdtempSync(join(tmpdir(), "koban-migrations-"));
  dirs.push(copy);
  cpSync(dir, copy, { recursive: true, filter: (path) => !path.endsWith(".sql") || path < join(dir, first) });
  return copy;
}

const [six, seven, , fifteen] = fullScopeListsBeforeKinds;
const keys = [
  { id: "key_six", scopes: six, standard: true },
  { id: "key_seven_shuffled", scopes: [...(seven ?? [])].reverse(), standard: true },
  { id: "key_fifteen", scopes: fifteen, standard: true },
  { id: "key_restricted", scopes: ["cards:read", "programs:read"], standard: false },
  { id: "key_all_but_one", scopes: fifteen?.slice(1), standard: false },
];

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await migrateSchema(db.pool, {
    schema: "partner",
    dir: migrationsBefore(partnerContext.migrations, "0006_standard_api_keys.sql"),
  });
  await migrateSchema(db.pool, {
    schema: "query",
    dir: migrationsBefore(queryContext.migrations, "0019_standard_api_keys.sql"),
  });
  await db.pool.query("INSERT INTO partner.partners (id, name, version, created_at) VALUES ('ptn_a', 'A', 1, now())");
  for (const [i, key] of keys.entries()) {
    const row = [key.id, "ptn_a", false, `${i}`.padStart(64, "0"), "kb_test_…abcd", key.scopes];
    await db.pool.query(
      `INSERT INTO partner.api_keys (id, partner_id, livemode, key_hash, redacted_key, scopes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      row,
    );
    await db.pool.query(
      `INSERT INTO query.api_keys (api_key_id, partner_id, livemode, key_hash, redacted_key, scopes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      row,
    );
  }
  await migrateSchema(db.pool, { schema: "partner", dir: partnerContext.migrations });
  await migrateSchema(db.pool, { schema: "query", dir: queryContext.migrations });
});

afterAll(async () => {
  await db?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(["partner", "query"])("the %s schema's keys made before kinds", (schema) => {
  it("are standard when they listed every scope of their day, else restricted with their scopes", async () => {
    const idColumn = schema === "partner" ? "id" : "api_key_id";
    const { rows } = await db.pool.query<{ id: string; scopes: string[] | null }>(
      `SELECT ${idColumn} AS id, scopes FROM ${schema}.api_keys ORDER BY ${idColumn}`,
    );
    const expected = keys
      .map((key) => ({ id: key.id, scopes: key.standard ? null : key.scopes }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(rows).toEqual(expected);
  });
});
