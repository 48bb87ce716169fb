import type { CalendarPeriods, Spent, Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { AuthorizationPart } from "../domain/authorization.ts";
import type { Card } from "../domain/card.ts";
import type { CardholderFacts, IssuedPan, Program } from "../domain/issue.ts";

/** What the handlers need from storage; the SQL lives in adapters/, which depends on this, not the reverse. */
export interface CardStore {
  /** A card of this tenant only: another tenant's id is as good as unknown. */
  load(db: Queryable, tenant: Tenant, id: string): Promise<Card | undefined>;
  insert(db: Queryable, tenant: Tenant, card: Card): Promise<void>;
  /** Writes the card if it is still at `expectedVersion`; false when someone else changed it first. */
  update(db: Queryable, tenant: Tenant, card: Card, expectedVersion: number): Promise<boolean>;
  program(db: Queryable, tenant: Tenant, id: string): Promise<Program | undefined>;
  cardholder(db: Queryable, tenant: Tenant, id: string): Promise<CardholderFacts | undefined>;
  /** Keeps the copy of a program (programs do not change yet: a repeat changes nothing). */
  copyProgram(db: Queryable, tenant: Tenant, program: Program): Promise<void>;
  /** Keeps the copy of a cardholder; an event older than the copy changes nothing. */
  copyCardholder(db: Queryable, tenant: Tenant, cardholder: CardholderFacts & { version: number }): Promise<void>;
  /**
   * In one round trip, what an authorization needs beside its card: the program's time zone (null
   * when `card` has no copy of it) and whether Koban's staff have suspended the partner.
   */
  authorizationContext(
    db: Queryable,
    tenant: Tenant,
    programId: string,
  ): Promise<{ timezone: string | null; partnerSuspended: boolean }>;
  /** Keeps the copy of a partner's status; an event older than the copy changes nothing. */
  copyPartnerStatus(db: Queryable, partner: { id: string; suspended: boolean; version: number }): Promise<void>;
  recordSensitiveRead(db: Queryable, tenant: Tenant, read: SensitiveRead): Promise<void>;
  /**
   * The card, its row locked until the transaction ends: authorizations of one card are checked
   * one at a time, so each counts the parts the ones before it recorded.
   */
  lockForAuthorization(db: Queryable, tenant: Tenant, id: string): Promise<Card | undefined>;
  /** The card's part of an authorization, locked. */
  authorizationPart(db: Queryable, tenant: Tenant, authorizationId: string): Promise<AuthorizationPart | undefined>;
  /**
   * Writes a part: a new one only if no other transaction wrote it first (false otherwise), an
   * existing one over what was read.
   */
  saveAuthorizationPart(db: Queryable, tenant: Tenant, part: AuthorizationPart, isNew: boolean): Promise<boolean>;
  /** What the card's counted parts, other than this authorization's, spent in each period. */
  spent(db: Queryable, tenant: Tenant, cardId: string, periods: CalendarPeriods, except: string): Promise<Spent>;
  /** What an authorization and its increments other than `except` still hold (the counted ones). */
  authorizedSoFar(db: Queryable, tenant: Tenant, original: string, except: string): Promise<number>;
}

/** Who read a card's number and security code, for the audit trail. */
export interface SensitiveReadActor {
  /** `console_member`: a partner's admin in the console (the user's id). */
  type: "api_key" | "staff" | "console_member";
  id: string;
  /** The API request (`req_…`) that asked, when there was one. */
  requestId: string | null;
}

export interface SensitiveRead {
  cardId: string;
  actor: SensitiveReadActor;
  at: Date;
}

/** The card's secrets. Numbers are generated, sealed and opened behind this port, and go nowhere else. */
export interface CardVault {
  /** Generates a number on the program's BIN that no other card has, and stores it sealed. */
  issuePan(db: Queryable, cardId: string, program: Program): Promise<IssuedPan>;
  /** The card's number and its security code, derived from it (never stored). */
  reveal(db: Queryable, card: Card): Promise<{ number: string; cvc: string }>;
  /**
   * The keyed digest of the card's own CVV2, as `processing` digests the one the network sends:
   * HMAC-SHA256(PAN digest key, "cvv2:" + PAN + ":" + CVV2), hex.
   */
  cvv2Digest(db: Queryable, card: Card): Promise<string>;
}
