import "./fixtures/quiet-logs.ts";
import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationReversed,
  type Envelope,
  type EventDefinition,
  FundingDecided,
  newId,
  type Tenant,
} from "@koban/contracts";
import { transaction } from "@koban/db";
import { createEvent, type EventRegistration } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { authorizationHoldRepository } from "../src/adapters/authorization-hold-repository.ts";
import {
  cancelAuthorizationHold,
  confirmAuthorizationHold,
  holdForFundedAuthorization,
  releaseReversedHold,
} from "../src/application/authorization-holds.ts";
import { openProgramFunding, recordDeposit } from "../src/application/operations.ts";
import { expireDueHolds } from "../src/index.ts";
import { expectLedgerInvariants, loadCardholder, newTenant, perform, store } from "./fixtures/ledger.ts";

/**
 * account's part of the authorization saga against a model, over random sequences of funding
 * decisions, outcomes (in either order, as the bus may deliver them), repeated deliveries,
 * partial and full reversals, loads and expiries. After every step: debits = credits; the
 * balance never below zero; an approved authorization holds exactly what remains of it until it
 * is reversed or expires; a declined or unfunded one holds nothing.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const handlers = {
  funded: holdForFundedAuthorization(store, authorizationHoldRepository),
  approved: confirmAuthorizationHold(store, authorizationHoldRepository),
  declined: cancelAuthorizationHold(store, authorizationHoldRepository),
  reversed: releaseReversedHold(store, authorizationHoldRepository),
};

async function deliver(handler: EventRegistration, event: Envelope): Promise<void> {
  await transaction(db.pool, (tx) =>
    handler.handle(event, { tx, tenant: event.tenant, emit: (_d: EventDefinition) => {} }),
  );
}

type Step =
  | { t: "fund"; a: number; amount: number }
  | { t: "outcome"; a: number; approved: boolean }
  | { t: "reverse"; a: number; part: number }
  | { t: "load"; amount: number }
  | { t: "expire" }
  | { t: "repeat"; k: number };

const AUTHORIZATIONS = 6;
const a = fc.integer({ min: 0, max: AUTHORIZATIONS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant("fund" as const), a, amount: fc.integer({ min: 1, max: 4_000 }) }),
  fc.record({ t: fc.constant("outcome" as const), a, approved: fc.boolean() }),
  fc.record({ t: fc.constant("reverse" as const), a, part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ t: fc.constant("load" as const), amount: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ t: fc.constant("expire" as const) }),
  fc.record({ t: fc.constant("repeat" as const), k: fc.nat() }),
);

interface Modelled {
  id: string;
  funded: boolean;
  amount: number;
  /** What the hold should be now: null for none. */
  held: number | null;
  outcome: "approved" | "declined" | null;
  version: number;
}

it("keeps account's part of every authorization consistent with its outcome, whatever the order", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
      const tenant: Tenant = newTenant();
      const programId = newId("prg");
      const cardholderId = newId("ch");
      const now = new Date();
      await perform(db.pool, (tx, emit) =>
        openProgramFunding(store, tx, tenant, { id: programId, currency: "JPY" }, emit, now),
      );
      await perform(db.pool, (tx, emit) =>
        recordDeposit(
          store,
          tx,
          tenant,
          { deposit_id: newId("dep"), program_id: programId, amount: 1_000_000, currency: "JPY", description: null },
          emit,
          now,
        ),
      );
      let balance = 0;
      const load = async (amount: number) => {
        await perform(db.pool, (tx) => loadCardholder(tx, tenant, programId, cardholderId, amount, now));
        balance += amount;
      };
      await load(5_000);
      const auths: Modelled[] = Array.from({ length: AUTHORIZATIONS }, () => ({
        id: newId("auth"),
        funded: false,
        amount: 0,
        held: null,
        outcome: null,
        version: 2,
      }));
      const delivered: Array<[EventRegistration, Envelope]> = [];
      const send = async (handler: EventRegistration, event: Envelope) => {
        delivered.push([handler, event]);
        await deliver(handler, event);
      };
      const origin = (auth: Modelled, version: number) => ({
        source: "processing" as const,
        tenant,
        stream: { id: auth.id, version },
      });
      const common = (auth: Modelled) => ({
        authorization_id: auth.id,
        card_id: newId("card"),
        cardholder_id: cardholderId,
        amount: auth.amount || 1,
        currency: "JPY",
        merchant: { name: "Shop", mcc: "5411", country: "JP", network_id: null },
        decided_at: now.toISOString(),
      });
      const available = async () => {
        const { rows } = await db.pool.query<{ available: string; pending: string }>(
          `SELECT credits_posted - debits_posted - debits_pending AS available, debits_pending AS pending
           FROM account.accounts WHERE owner_id = $1`,
          [cardholderId],
        );
        return { available: Number(rows[0]?.available), pending: Number(rows[0]?.pending) };
      };

      for (const s of steps) {
        if (s.t === "load") {
          await load(s.amount);
        } else if (s.t === "expire") {
          await expireDueHolds(db.pool, new Date(Date.now() + 8 * 24 * 3600 * 1000));
          for (const auth of auths) auth.held = null;
        } else if (s.t === "repeat") {
          // At least once: any earlier message again changes nothing.
          if (delivered.length > 0) {
            const [handler, event] = delivered[s.k % delivered.length] as [EventRegistration, Envelope];
            await deliver(handler, event);
          }
        } else {
          const auth = auths[s.a] as Modelled;
          if (s.t === "fund" && !auth.funded) {
            auth.funded = true;
            auth.amount = s.amount;
            const pending = auths.reduce((sum, x) => sum + (x.held ?? 0), 0);
            const fits = s.amount <= balance - pending;
            await send(
              handlers.funded,
              createEvent(
                FundingDecided,
                {
                  authorization_id: auth.id,
                  funding_source_id: null,
                  result: { outcome: "ok" },
                  hold_source: { type: "cardholder", cardholder_id: cardholderId },
                  hold_expires_in_seconds: 7 * 24 * 3600,
                  stand_in: false,
                  amount: s.amount,
                  currency: "JPY",
                  decided_at: now.toISOString(),
                },
                { source: "funding", tenant, stream: { id: `${auth.id}:funding`, version: 1 } },
              ),
            );
            // A decline seen first holds nothing; so does a balance too short.
            if (auth.outcome !== "declined" && fits) auth.held = s.amount;
          } else if (s.t === "outcome" && !auth.outcome) {
            auth.outcome = s.approved ? "approved" : "declined";
            const event = s.approved
              ? createEvent(AuthorizationApproved, { ...common(auth), approval_code: "ABC123" }, origin(auth, 2))
              : createEvent(AuthorizationDeclined, { ...common(auth), reason: "card_frozen" }, origin(auth, 2));
            await send(s.approved ? handlers.approved : handlers.declined, event);
            if (!s.approved) auth.held = null;
          } else if (s.t === "reverse" && auth.outcome === "approved" && auth.held !== null) {
            const release = Math.max(1, Math.floor((auth.held * s.part) / 100));
            const remaining = auth.held - release;
            auth.version += 1;
            await send(
              handlers.reversed,
              createEvent(
                AuthorizationReversed,
                {
                  authorization_id: auth.id,
                  card_id: newId("card"),
                  cardholder_id: cardholderId,
                  amount: release,
                  remaining_amount: remaining,
                  currency: "JPY",
                  network: { stan: "000001", rrn: "612300000001" },
                  reversed_at: now.toISOString(),
                },
                origin(auth, auth.version),
              ),
            );
            auth.held = remaining > 0 ? remaining : null;
          }
        }

        const held = auths.reduce((sum, x) => sum + (x.held ?? 0), 0);
        expect(await available()).toEqual({ available: balance - held, pending: held });
        for (const auth of auths) {
          const { rows } = await db.pool.query<{ amount: string }>(
            `SELECT h.amount FROM account.holds h JOIN account.transfers t ON t.id = h.id
             WHERE t.metadata->>'reference' = $1 AND h.status = 'pending'`,
            [auth.id],
          );
          expect(
            rows.map((row) => Number(row.amount)),
            auth.id,
          ).toEqual(auth.held === null ? [] : [auth.held]);
        }
      }
      await expectLedgerInvariants(db.pool, tenant);
    }),
    { numRuns: 40 },
  );
}, 120_000);
