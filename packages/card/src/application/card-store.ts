import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
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
  recordSensitiveRead(db: Queryable, tenant: Tenant, read: SensitiveRead): Promise<void>;
}

/** Who read a card's number and security code, for the audit trail. */
export interface SensitiveReadActor {
  type: "api_key" | "staff";
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
}
