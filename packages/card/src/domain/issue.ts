import { DomainError, type IssueCard, type PayloadOf, type ReplaceCard, type SpendControls } from "@koban/contracts";
import {
  type Card,
  type CardEvent,
  type CardType,
  cardExists,
  invalidTransition,
  type ReplacementReason,
} from "./card.ts";
import { refuseWhileHeld } from "./compliance-hold.ts";
import { validateSpendControls } from "./spend-controls.ts";

/** `card`'s copy of a program (owned by `partner`): what issuing a number needs. */
export interface Program {
  id: string;
  /** The leading 6 to 8 digits of every card number of the program. */
  binPrefix: string;
  panLength: number;
  /** IANA time zone: the program's days and months, and the month a card expires in. */
  timezone: string;
  /** What a card issued without controls of its own starts with. */
  defaultSpendControls: SpendControls;
}

/** `card`'s copy of a cardholder (owned by `cardholder`): only what card rules look at. */
export interface CardholderFacts {
  id: string;
  status: "active" | "suspended" | "closed";
}

/** What the vault tells the domain about a number it generated and sealed: never the number. */
export interface IssuedPan {
  digest: string;
  last4: string;
}

/** Cards are valid to the end of the month they were issued in, this many years later. */
export const CARD_VALIDITY_YEARS = 3;

export function expiryOf(now: Date, timeZone: string): { month: number; year: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric" }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { month: part("month"), year: part("year") + CARD_VALIDITY_YEARS };
}

/** A card that may be issued: the checks passed, only the number is missing. */
export interface Issuable {
  cardId: string;
  cardholderId: string;
  program: Program;
  type: CardType;
  spendControls: SpendControls;
  fundingSourceId: string | null;
  replacement: { for: string; reason: ReplacementReason } | null;
}

interface Facts {
  program: Program | undefined;
  cardholder: CardholderFacts | undefined;
}

/** The program and cardholder a card is issued on, both known to `card`, the cardholder not closed. */
function knownFacts(facts: Facts, programId: string, cardholderId: string): Program {
  if (!facts.program) {
    throw new DomainError("program_not_found", `No program ${programId}.`, { status: 422, param: "program_id" });
  }
  if (!facts.cardholder) {
    throw new DomainError("cardholder_not_found", `No cardholder ${cardholderId}.`, {
      status: 422,
      param: "cardholder_id",
    });
  }
  if (facts.cardholder.status === "closed") {
    throw new DomainError("cardholder_closed", `Cardholder ${cardholderId} is closed.`, {
      status: 422,
      param: "cardholder_id",
    });
  }
  return facts.program;
}

/** Checks an IssueCard before a number is generated for it. */
export function assertIssuable(state: Card | undefined, command: PayloadOf<typeof IssueCard>, facts: Facts): Issuable {
  if (state) throw cardExists(command.card_id);
  const program = knownFacts(facts, command.program_id, command.cardholder_id);
  const spendControls = command.spend_controls ?? program.defaultSpendControls;
  validateSpendControls(spendControls);
  return {
    cardId: command.card_id,
    cardholderId: command.cardholder_id,
    program,
    type: command.type,
    spendControls,
    fundingSourceId: command.funding_source_id ?? null,
    replacement: null,
  };
}

/** Checks a ReplaceCard before a number is generated for the replacement. */
export function assertReplaceable(
  original: Card,
  replacement: Card | undefined,
  command: PayloadOf<typeof ReplaceCard>,
  facts: Facts,
): Issuable {
  if (replacement) throw cardExists(command.replacement_card_id);
  // A replacement would be a card without the hold: staff lift it first.
  refuseWhileHeld(original, "replaced");
  if (original.replacedBy)
    throw invalidTransition(`Card ${original.id} was already replaced by ${original.replacedBy}.`);
  // The cardholder ended it themselves: a new card is a new decision, not a replacement.
  if (original.closedReason === "cardholder_request") {
    throw invalidTransition(`Card ${original.id} was closed at the cardholder's request and cannot be replaced.`);
  }
  const program = knownFacts(facts, original.programId, original.cardholderId);
  return {
    cardId: command.replacement_card_id,
    cardholderId: original.cardholderId,
    program,
    type: original.type,
    spendControls: original.spendControls,
    fundingSourceId: original.fundingSourceId,
    replacement: { for: original.id, reason: command.reason },
  };
}

function cardIssued(card: Issuable, pan: IssuedPan, now: Date): CardEvent {
  const expiry = expiryOf(now, card.program.timezone);
  return {
    type: "CardIssued",
    data: {
      card_id: card.cardId,
      cardholder_id: card.cardholderId,
      program_id: card.program.id,
      type: card.type,
      status: "inactive",
      pan_digest: pan.digest,
      last4: pan.last4,
      exp_month: expiry.month,
      exp_year: expiry.year,
      spend_controls: card.spendControls,
      funding_source_id: card.fundingSourceId,
      replacement_for: card.replacement?.for ?? null,
      replacement_reason: card.replacement?.reason ?? null,
      created_at: now.toISOString(),
    },
  };
}

export function decideIssue(card: Issuable, pan: IssuedPan, now: Date): CardEvent[] {
  return [cardIssued(card, pan, now)];
}

/**
 * The replacement is issued; the original records it, and after a loss or theft is closed at
 * once (a damaged or expiring card works until its replacement is activated).
 */
export function decideReplace(original: Card, replacement: Issuable, pan: IssuedPan, now: Date): CardEvent[] {
  const reason = replacement.replacement?.reason;
  if (!reason || replacement.replacement?.for !== original.id) throw new Error("not a replacement of this card");
  const at = now.toISOString();
  const events: CardEvent[] = [
    cardIssued(replacement, pan, now),
    {
      type: "CardReplaced",
      data: { card_id: original.id, replacement_card_id: replacement.cardId, reason, replaced_at: at },
    },
  ];
  if ((reason === "lost" || reason === "stolen") && original.status !== "closed") {
    events.push({ type: "CardClosed", data: { card_id: original.id, reason, closed_at: at } });
  }
  return events;
}
