import { createHmac, randomInt } from "node:crypto";
import { loadPanDigestKey } from "@koban/config";
import {
  AuthorizationHoldResult,
  authorizationPartStream,
  CardAuthorizationChecked,
  CardholderAuthorizationChecked,
  CardIssued,
  type Envelope,
  FundingDecided,
  newId,
  noSpendControls,
  type ParticipantResult,
  type Tenant,
} from "@koban/contracts";
import type { Pool } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { eventually } from "@koban/testing";

/** The dev-only key both `card` and the gateway use when PAN_DIGEST_KEY is not set. */
const digestKey = loadPanDigestKey({});

export interface TestCard {
  id: string;
  cardholderId: string;
  programId: string;
  tenant: Tenant;
  pan: string;
  cvv2: string;
  expiry: string;
}

/** A card number no other test uses, with a valid Luhn digit. */
function newPan(): string {
  const body = `42424242${String(randomInt(10_000_000)).padStart(7, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** `card` issues a card: its CardIssued goes out through card's outbox, and processing copies it. */
export async function issueCard(pool: Pool, tenant: Tenant): Promise<TestCard> {
  const card: TestCard = {
    id: newId("card"),
    cardholderId: newId("ch"),
    programId: newId("prg"),
    tenant,
    pan: newPan(),
    cvv2: String(randomInt(100, 1000)),
    expiry: "3012",
  };
  await appendToOutbox(pool, "card", [
    createEvent(
      CardIssued,
      {
        card_id: card.id,
        cardholder_id: card.cardholderId,
        program_id: card.programId,
        type: "virtual",
        status: "inactive",
        pan_digest: createHmac("sha256", digestKey).update(card.pan).digest("hex"),
        last4: card.pan.slice(-4),
        exp_month: 12,
        exp_year: 2030,
        spend_controls: noSpendControls,
        funding_source_id: null,
        replacement_for: null,
        replacement_reason: null,
        created_at: new Date().toISOString(),
      },
      { source: "card", tenant, stream: { id: card.id, version: 1 } },
    ),
  ]);
  await eventually(async () => {
    const { rowCount } = await pool.query("SELECT 1 FROM processing.cards WHERE id = $1", [card.id]);
    if (rowCount !== 1) throw new Error(`processing has no copy of ${card.id} yet`);
  });
  return card;
}

export interface RecordedAuthorization {
  id: string;
  sagaId: string;
  tenant: Tenant;
  cardId: string;
  cardholderId: string;
}

/** The authorization the gateway recorded for a request, once it has. */
export async function recordedAuthorization(pool: Pool, rrn: string): Promise<RecordedAuthorization> {
  return eventually(
    async () => {
      const { rows } = await pool.query(
        "SELECT id, saga_id, partner_id, livemode, card_id, cardholder_id FROM processing.authorizations WHERE rrn = $1",
        [rrn],
      );
      const row = rows[0];
      if (!row) throw new Error(`no authorization for ${rrn} yet`);
      return {
        id: row.id,
        sagaId: row.saga_id,
        tenant: { partnerId: row.partner_id, livemode: row.livemode },
        cardId: row.card_id,
        cardholderId: row.cardholder_id,
      };
    },
    5_000,
    10,
  );
}

export type Participant = "card" | "cardholder" | "hold" | "funding";

/** A participant's result event, as that participant would publish it in the saga. */
export function resultEvent(
  auth: RecordedAuthorization,
  participant: Participant,
  result: ParticipantResult,
): Envelope {
  const now = new Date().toISOString();
  const origin = (source: "card" | "cardholder" | "account" | "funding") => ({
    source,
    tenant: auth.tenant,
    correlationId: auth.sagaId,
    stream: { id: authorizationPartStream(auth.id, source), version: 1 },
  });
  switch (participant) {
    case "card":
      return createEvent(
        CardAuthorizationChecked,
        { authorization_id: auth.id, card_id: auth.cardId, result, checked_at: now },
        origin("card"),
      );
    case "cardholder":
      return createEvent(
        CardholderAuthorizationChecked,
        { authorization_id: auth.id, cardholder_id: auth.cardholderId, result, checked_at: now },
        origin("cardholder"),
      );
    case "hold":
      return createEvent(
        AuthorizationHoldResult,
        { authorization_id: auth.id, hold_id: result.outcome === "ok" ? newId("hold") : null, result, decided_at: now },
        origin("account"),
      );
    case "funding":
      return createEvent(
        FundingDecided,
        {
          authorization_id: auth.id,
          funding_source_id: null,
          result,
          hold_source: null,
          hold_expires_in_seconds: 7 * 24 * 3600,
          stand_in: false,
          amount: 1,
          currency: "JPY",
          decided_at: now,
        },
        origin("funding"),
      );
  }
}

const outboxOf = { card: "card", cardholder: "cardholder", hold: "account", funding: "funding" } as const;

/** Publishes results the way their owners do: through their outboxes, relayed to processing. */
export async function publish(
  pool: Pool,
  auth: RecordedAuthorization,
  results: Array<[Participant, ParticipantResult]>,
) {
  const events = results.map(([participant, result]) => ({
    participant,
    event: resultEvent(auth, participant, result),
  }));
  for (const { participant, event } of events) await appendToOutbox(pool, outboxOf[participant], [event]);
  return events.map(({ event }) => event);
}

export const ok: ParticipantResult = { outcome: "ok" };
