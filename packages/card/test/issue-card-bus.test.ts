import "./fixtures/quiet-logs.ts";
import {
  ActivateCard,
  CardholderRegistered,
  type Envelope,
  FreezeCard,
  IssueCard,
  newId,
  noSpendControls,
  type PayloadOf,
  ProgramCreated,
  ReplaceCard,
} from "@koban/contracts";
import { type Queryable, transaction } from "@koban/db";
import { appendToOutbox, createCommand, createEvent, readStream } from "@koban/messaging";
import { eventually } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panDigest } from "../src/adapters/vault.ts";
import { loadVaultKeys } from "../src/adapters/vault-config.ts";
import { FACTS_IN_FLIGHT_MS } from "../src/application/facts-in-flight.ts";
import { luhnValid } from "../src/domain/pan.ts";
import { cardRepository, readCardDetails, replayCard } from "../src/index.ts";
import { type CardBus, PROBE_QUEUE, startCardBus, tenant } from "./fixtures/bus.ts";

let h: CardBus;
const program = { id: newId("prg"), binPrefix: "42424299", timezone: "Asia/Tokyo" };
const cardholderId = newId("ch");

/** The program reaches `card` as partner's event, over the bus. */
const programCreated = createEvent(
  ProgramCreated,
  {
    program_id: program.id,
    partner_id: tenant.partnerId,
    livemode: tenant.livemode,
    name: "Test program",
    currency: "JPY",
    timezone: program.timezone,
    bin_prefix: program.binPrefix,
    pan_length: 16,
    default_spend_controls: noSpendControls,
    default_funding_source_id: null,
    created_at: new Date().toISOString(),
  },
  { source: "partner", tenant, stream: { id: program.id, version: 1 } },
);

/** The cardholder reaches `card` as cardholder's event, over the bus. */
const registered = (id: string) =>
  createEvent(
    CardholderRegistered,
    {
      cardholder_id: id,
      type: "individual",
      business_id: null,
      individual: { first_name: "Aiko", last_name: "Sato" },
      business: null,
      email: null,
      phone_number: null,
      address: null,
      metadata: {},
      spend_controls: noSpendControls,
      status: "active",
      kyc_status: "pending",
      created_at: new Date().toISOString(),
    },
    { source: "cardholder", tenant, stream: { id, version: 1 } },
  );

beforeAll(async () => {
  h = await startCardBus();
  await transaction(h.pool, async (tx) => {
    await appendToOutbox(tx, "partner", [programCreated]);
    await appendToOutbox(tx, "cardholder", [registered(cardholderId)]);
  });
  await eventually(async () => {
    expect(await count(h.pool, "SELECT count(*) FROM card.cardholders")).toBe(1);
    expect(await count(h.pool, "SELECT count(*) FROM card.programs")).toBe(1);
  });
});
afterAll(async () => {
  await h?.close();
});

async function count(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ count: string }>(sql, params);
  return Number(rows[0]?.count ?? 0);
}

const command = <C extends typeof IssueCard | typeof ActivateCard | typeof FreezeCard | typeof ReplaceCard>(
  definition: C,
  payload: PayloadOf<C>,
) => createCommand(definition, payload, { source: "api", tenant, replyTo: "card-tests" }) as Envelope;

const issue = () =>
  command(IssueCard, { card_id: newId("card"), cardholder_id: cardholderId, program_id: program.id, type: "virtual" });

/** Every row of every table of the database, as text, that contains `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const { rows: tables } = await h.pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const hits: string[] = [];
  for (const { name } of tables) {
    if ((await count(h.pool, `SELECT count(*) FROM ${name} t WHERE t::text LIKE '%' || $1 || '%'`, [needle])) > 0) {
      hits.push(name);
    }
  }
  return hits;
}

describe("IssueCard through the bus", () => {
  it("issues a card whose number is only in the vault, encrypted, and comes out only through the audited read", async () => {
    const issueCard = issue();
    const cardId = (issueCard.payload as PayloadOf<typeof IssueCard>).card_id;
    await h.send([issueCard]);
    expect(await h.documentFor(issueCard)).toEqual({
      outcome: "accepted",
      result: { card_id: cardId, stream_version: 1, other_cards: [] },
    });
    const [issued] = await eventually(async () => {
      const stream = await readStream(h.pool, cardId);
      if (stream.length === 0) throw new Error("CardIssued is not in the event store yet");
      return stream;
    });

    // The audited read: a Luhn-valid number on the program's BIN, matching what the event says.
    const actor = { type: "api_key" as const, id: newId("key"), requestId: newId("req") };
    const details = await readCardDetails(h.pool, tenant, cardId, actor);
    const pan = details.number;
    expect(luhnValid(pan)).toBe(true);
    expect(pan).toHaveLength(16);
    expect(pan.startsWith(program.binPrefix)).toBe(true);
    expect(details.cvc).toMatch(/^\d{3}$/);
    const { rows: audit } = await h.pool.query(
      "SELECT card_id, partner_id, livemode, actor_type, actor_id, request_id FROM card.sensitive_reads",
    );
    expect(audit).toEqual([
      {
        card_id: cardId,
        partner_id: tenant.partnerId,
        livemode: false,
        actor_type: "api_key",
        actor_id: actor.id,
        request_id: actor.requestId,
      },
    ]);

    // The event carries the keyed digest and last four, and no other trace of the number.
    const payload = issued?.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      card_id: cardId,
      pan_digest: panDigest(loadVaultKeys().panDigestKey, pan),
      last4: pan.slice(-4),
      exp_month: details.exp_month,
      exp_year: details.exp_year,
    });
    expect(JSON.stringify(issued)).not.toContain(pan.slice(0, 12));

    // Stored encrypted: the ciphertext is not the number, and no table anywhere holds it in clear.
    const { rows: vault } = await h.pool.query<{ pan_ciphertext: Buffer; key_version: number }>(
      "SELECT pan_ciphertext, key_version FROM card.vault WHERE card_id = $1",
      [cardId],
    );
    expect(vault[0]?.key_version).toBe(1);
    expect(vault[0]?.pan_ciphertext.toString("utf8")).not.toContain(pan);
    expect(vault[0]?.pan_ciphertext.toString("hex")).not.toContain(pan);
    expect(await count(h.pool, "SELECT count(*) FROM card.outbox WHERE envelope->>'type' = 'CardIssued'")).toBe(1);
    expect(await tablesContaining(pan)).toEqual([]);
    expect(await tablesContaining(pan.slice(0, 12))).toEqual([]);

    // Nor did any job the bus carried: the event and the document went through Redis without it.
    const carried = h.publisher.sent.map((job) => [job.queue, job.envelope.type]);
    expect(carried).toContainEqual([PROBE_QUEUE, "CardIssued"]);
    expect(carried).toContainEqual(["reply.card-tests", "IssueCardResult"]);
    expect(JSON.stringify(h.publisher.sent)).not.toContain(pan);
    const redis = await h.redisContents();
    expect(redis).toContain(payload.pan_digest as string);
    expect(redis).not.toContain(pan);

    // The card's tables agree with its stream in the event store.
    expect(replayCard(await readStream(h.pool, cardId))).toEqual(await cardRepository.load(h.pool, tenant, cardId));
  });

  it("applies the same IssueCard delivered twice once: one card, one number, one event", async () => {
    const issueCard = issue();
    const cardId = (issueCard.payload as PayloadOf<typeof IssueCard>).card_id;
    const queue = h.bus.names.commandQueue("card");
    const copies = (suffix: string) => ({ queue, envelope: issueCard, attempt: 1, jobId: `${issueCard.id}.${suffix}` });
    await h.publisher.publish([copies("a"), copies("b")]);
    await h.documentFor(issueCard);
    await h.publisher.publish([copies("later")]);
    await eventually(async () =>
      expect(await h.publisher.queue(queue).getJobCounts("wait", "active")).toEqual({ wait: 0, active: 0 }),
    );

    expect(await count(h.pool, "SELECT count(*) FROM card.cards WHERE id = $1", [cardId])).toBe(1);
    expect(await count(h.pool, "SELECT count(*) FROM card.vault WHERE card_id = $1", [cardId])).toBe(1);
    expect(
      await count(
        h.pool,
        "SELECT count(*) FROM card.outbox WHERE envelope->>'type' = 'CardIssued' AND envelope->'payload'->>'card_id' = $1",
        [cardId],
      ),
    ).toBe(1);
    // Without the inbox, the second delivery would be refused (card_exists) and say so in a document.
    const { rows } = await h.pool.query<{ outcome: string }>(
      `SELECT envelope->'payload'->>'outcome' AS outcome FROM card.outbox
       WHERE envelope->>'kind' = 'document' AND envelope->>'causationId' = $1`,
      [issueCard.id],
    );
    expect(rows).toEqual([{ outcome: "accepted" }]);
  });

  it("refuses what breaks a rule with a document saying why, and changes nothing", async () => {
    // Nobody saw the cardholder exist: nothing to wait for, the refusal comes at once.
    const unknownHolder = command(IssueCard, {
      card_id: newId("card"),
      cardholder_id: newId("ch"),
      program_id: program.id,
      type: "physical",
    });
    await h.send([unknownHolder]);
    expect(await h.documentFor(unknownHolder)).toMatchObject({
      outcome: "rejected",
      error: { code: "cardholder_not_found", status: 422, param: "cardholder_id" },
    });
    expect(
      await count(h.pool, "SELECT count(*) FROM card.vault WHERE card_id = $1", [
        (unknownHolder.payload as PayloadOf<typeof IssueCard>).card_id,
      ]),
    ).toBe(0);
  });
});

describe("a cardholder the sender saw, still on its way to card's copy", () => {
  const seenIssue = (holder: string) =>
    command(IssueCard, {
      card_id: newId("card"),
      cardholder_id: holder,
      program_id: program.id,
      type: "virtual",
      facts_seen: { cardholder: true, program: true },
    });

  it("is waited for: the command is retried through the bus, not refused", async () => {
    const lateHolder = newId("ch");
    const issueCard = seenIssue(lateHolder);
    await h.send([issueCard]);
    await eventually(async () =>
      expect(await count(h.pool, "SELECT count(*) FROM bus.scheduled WHERE envelope->>'id' = $1", [issueCard.id])).toBe(
        1,
      ),
    );
    await transaction(h.pool, (tx) => appendToOutbox(tx, "cardholder", [registered(lateHolder)]));
    expect(await h.documentFor(issueCard)).toMatchObject({ outcome: "accepted" });
    const { rows } = await h.pool.query("SELECT reason FROM bus.scheduled WHERE envelope->>'id' = $1", [issueCard.id]);
    expect(rows[0].reason).toMatch(/FactNotYetCopied: cardholder ch_\w+ not known yet/);
  });

  it("is refused once the command is too old for it to be in flight", async () => {
    const stale = { ...seenIssue(newId("ch")), occurredAt: new Date(Date.now() - FACTS_IN_FLIGHT_MS).toISOString() };
    await h.send([stale]);
    expect(await h.documentFor(stale)).toMatchObject({ outcome: "rejected", error: { code: "cardholder_not_found" } });
  });
});

describe("a card's life through the bus", () => {
  it("activates, freezes, is lost and replaced: the replacement has a new number, the old card is closed", async () => {
    const issueCard = issue();
    const cardId = (issueCard.payload as PayloadOf<typeof IssueCard>).card_id;
    await h.send([issueCard]);
    await h.documentFor(issueCard);
    for (const next of [command(ActivateCard, { card_id: cardId }), command(FreezeCard, { card_id: cardId })]) {
      await h.send([next]);
      expect(await h.documentFor(next)).toMatchObject({ outcome: "accepted" });
    }
    const replacementId = newId("card");
    const replace = command(ReplaceCard, { card_id: cardId, replacement_card_id: replacementId, reason: "stolen" });
    await h.send([replace]);
    expect(await h.documentFor(replace)).toEqual({
      outcome: "accepted",
      result: { card_id: replacementId, stream_version: 1, other_cards: [{ card_id: cardId, stream_version: 5 }] },
    });

    const old = await cardRepository.load(h.pool, tenant, cardId);
    const replacement = await cardRepository.load(h.pool, tenant, replacementId);
    expect(old).toMatchObject({ status: "closed", closedReason: "stolen", replacedBy: replacementId, version: 5 });
    expect(replacement).toMatchObject({ status: "inactive", replacementFor: cardId, cardholderId });
    expect(replacement?.panDigest).not.toBe(old?.panDigest);

    const activateOld = command(ActivateCard, { card_id: cardId });
    await h.send([activateOld]);
    expect(await h.documentFor(activateOld)).toMatchObject({
      outcome: "rejected",
      error: { code: "invalid_state_transition", status: 409 },
    });
    await eventually(async () => {
      expect(replayCard(await readStream(h.pool, cardId))).toEqual(old);
      expect(replayCard(await readStream(h.pool, replacementId))).toEqual(replacement);
    });
  });

  it("writes a card only at the version it was read at", async () => {
    const issueCard = issue();
    const cardId = (issueCard.payload as PayloadOf<typeof IssueCard>).card_id;
    await h.send([issueCard]);
    await h.documentFor(issueCard);
    const card = await cardRepository.load(h.pool, tenant, cardId);
    if (!card) throw new Error("no card");
    const frozen = { ...card, status: "frozen" as const, version: card.version + 1 };
    expect(await cardRepository.update(h.pool, tenant, frozen, card.version)).toBe(true);
    expect(await cardRepository.update(h.pool, tenant, { ...frozen, version: 3 }, card.version)).toBe(false);
    expect(await cardRepository.update(h.pool, { ...tenant, livemode: true }, frozen, frozen.version)).toBe(false);
  });

  it("reads details only within the card's tenant", async () => {
    const issueCard = issue();
    const cardId = (issueCard.payload as PayloadOf<typeof IssueCard>).card_id;
    await h.send([issueCard]);
    await h.documentFor(issueCard);
    const actor = { type: "staff" as const, id: "usr_1", requestId: null };
    await expect(readCardDetails(h.pool, { ...tenant, livemode: true }, cardId, actor)).rejects.toMatchObject({
      code: "resource_not_found",
    });
    expect(await count(h.pool, "SELECT count(*) FROM card.sensitive_reads WHERE card_id = $1", [cardId])).toBe(0);
  });
});
