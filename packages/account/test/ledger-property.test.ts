import "./fixtures/quiet-logs.ts";
import { DomainError, newId, type Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  openProgramFunding,
  placeHold,
  recordDeposit,
  resolveHold,
  transferFunds,
} from "../src/application/operations.ts";
import { accountFor, createTransfers } from "../src/application/transfers.ts";
import type { AccountKind } from "../src/domain/ledger.ts";
import { expireDueHolds } from "../src/index.ts";
import { expectLedgerInvariants, newTenant, perform, store } from "./fixtures/ledger.ts";

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = db.pool;
});
afterAll(() => db.drop());

/** Two programs in two currencies, three cardholders. */
const currencies = ["JPY", "USD"] as const;
type P = 0 | 1;
type C = 0 | 1 | 2;

type Command =
  | { t: "deposit"; p: P; amount: number }
  | { t: "load"; p: P; c: C; amount: number; direction: "to_cardholder" | "to_program" }
  | { t: "hold"; p: P; c: C | null; amount: number; ttl: number }
  | { t: "post"; h: number; part: number | null }
  | { t: "void"; h: number }
  | { t: "tick"; seconds: number }
  | { t: "force"; p: P; c: C; amount: number };

const p = fc.constantFrom<P>(0, 1);
const c = fc.constantFrom<C>(0, 1, 2);
const amount = fc.integer({ min: 1, max: 2_500 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant("deposit" as const), p, amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({
    t: fc.constant("load" as const),
    p,
    c,
    amount,
    direction: fc.constantFrom("to_cardholder" as const, "to_cardholder" as const, "to_program" as const),
  }),
  fc.record({
    t: fc.constant("hold" as const),
    p,
    c: fc.option(c, { nil: null }),
    amount,
    ttl: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({
    t: fc.constant("hold" as const),
    p,
    c: fc.option(c, { nil: null }),
    amount,
    ttl: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({
    t: fc.constant("post" as const),
    h: fc.nat(),
    part: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  }),
  fc.record({ t: fc.constant("void" as const), h: fc.nat() }),
  fc.record({ t: fc.constant("tick" as const), seconds: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ t: fc.constant("force" as const), p, c, amount: fc.integer({ min: 1, max: 500 }) }),
);

interface Sums {
  dPend: number;
  dPost: number;
  cPend: number;
  cPost: number;
}
interface ModelHold {
  id: string;
  account: string;
  settlement: string;
  amount: number;
  expiresAt: number;
  status: "pending" | "posted" | "voided" | "expired";
  posted: number;
}

/** What the ledger should hold, kept by hand: the test's oracle. */
class Model {
  accounts = new Map<string, Sums>();
  forced = new Set<string>();
  holds: ModelHold[] = [];
  sums(key: string): Sums {
    let sums = this.accounts.get(key);
    if (!sums) {
      sums = { dPend: 0, dPost: 0, cPend: 0, cPost: 0 };
      this.accounts.set(key, sums);
    }
    return sums;
  }
  available(key: string): number {
    const s = this.accounts.get(key);
    return s ? s.cPost - s.dPost - s.dPend : 0;
  }
  move(debit: string, credit: string, amount: number, phase: "posted" | "pending") {
    const d = this.sums(debit);
    const k = this.sums(credit);
    if (phase === "posted") {
      d.dPost += amount;
      k.cPost += amount;
    } else {
      d.dPend += amount;
      k.cPend += amount;
    }
  }
  release(hold: ModelHold) {
    this.sums(hold.account).dPend -= hold.amount;
    this.sums(hold.settlement).cPend -= hold.amount;
  }
}

const identity = (key: string): { kind: AccountKind; ownerId: string | null; currency: string } => {
  const [kind, owner, currency] = key.split("|") as [AccountKind, string, string];
  return { kind, ownerId: owner === "" ? null : owner, currency };
};

async function expectAgreement(tenant: Tenant, model: Model) {
  for (const [key, sums] of model.accounts) {
    const account = await store.findAccount(pool, tenant, identity(key));
    expect(account, key).toBeDefined();
    expect(
      {
        dPend: account?.debitsPending,
        dPost: account?.debitsPosted,
        cPend: account?.creditsPending,
        cPost: account?.creditsPosted,
      },
      key,
    ).toEqual(sums);
  }
  if (model.holds.length > 0) {
    const { rows } = await pool.query<{ id: string; status: string; posted_amount: number }>(
      "SELECT id, status, posted_amount FROM account.holds WHERE id = ANY($1)",
      [model.holds.map((h) => h.id)],
    );
    const actual = Object.fromEntries(rows.map((r) => [r.id, [r.status, r.posted_amount]]));
    expect(actual).toEqual(Object.fromEntries(model.holds.map((h) => [h.id, [h.status, h.posted]])));
  }
  await expectLedgerInvariants(pool, tenant);
}

/** Runs an operation the model says should pass or be refused with `expected`; checks it was. */
async function expectOutcome(expected: string | null, operation: () => Promise<unknown>) {
  try {
    await operation();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe(expected);
    return false;
  }
  expect(expected).toBeNull();
  return true;
}

it("keeps the ledger balanced and every balance right over random deposits, loads, holds, posts, voids, expiries and forced posts", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (generated) => {
      // Money first, so that holds and posts have something to work on.
      const commands: Command[] = [
        { t: "deposit", p: 0, amount: 10_000 },
        { t: "deposit", p: 1, amount: 10_000 },
        ...([0, 1, 2] as const).map(
          (c) => ({ t: "load", p: 0, c, amount: 3_000, direction: "to_cardholder" }) as const,
        ),
        { t: "load", p: 1, c: 0, amount: 2_000, direction: "to_cardholder" },
        ...generated,
      ];
      const tenant = newTenant();
      const programs = [newId("prg"), newId("prg")];
      const cardholders = [newId("ch"), newId("ch"), newId("ch")];
      const model = new Model();
      let clock = Date.parse("2026-11-26T00:00:00Z");
      const at = () => new Date(clock);
      const fund = (i: P) => `program_funding|${programs[i]}|${currencies[i]}`;
      const prepaid = (i: C, cur: string) => `cardholder_prepaid|${cardholders[i]}|${cur}`;
      const platform = (kind: AccountKind, cur: string) => `${kind}||${cur}`;
      const exists = (key: string) => model.accounts.has(key);
      for (const i of [0, 1] as const) {
        await perform(pool, (tx, emit) =>
          openProgramFunding(store, tx, tenant, { id: programs[i] as string, currency: currencies[i] }, emit, at()),
        );
        model.sums(fund(i));
      }

      for (const cmd of commands) {
        switch (cmd.t) {
          case "deposit": {
            const cur = currencies[cmd.p];
            await perform(pool, (tx, emit) =>
              recordDeposit(
                store,
                tx,
                tenant,
                {
                  deposit_id: newId("dep"),
                  program_id: programs[cmd.p] as string,
                  amount: cmd.amount,
                  currency: cur,
                  description: null,
                },
                emit,
                at(),
              ),
            );
            model.move(platform("platform_clearing", cur), fund(cmd.p), cmd.amount, "posted");
            break;
          }
          case "load": {
            const cur = currencies[cmd.p];
            const toCardholder = cmd.direction === "to_cardholder";
            const [from, to] = toCardholder ? [fund(cmd.p), prepaid(cmd.c, cur)] : [prepaid(cmd.c, cur), fund(cmd.p)];
            const ok = await expectOutcome(model.available(from) >= cmd.amount ? null : "insufficient_funds", () =>
              perform(pool, (tx, emit) =>
                transferFunds(
                  store,
                  tx,
                  tenant,
                  {
                    transfer_id: newId("tr"),
                    program_id: programs[cmd.p] as string,
                    cardholder_id: cardholders[cmd.c] as string,
                    direction: cmd.direction,
                    amount: cmd.amount,
                    currency: cur,
                  },
                  emit,
                  at(),
                ),
              ),
            );
            if (ok) model.move(from, to, cmd.amount, "posted");
            break;
          }
          case "hold": {
            const cur = currencies[cmd.p];
            const from = cmd.c === null ? fund(cmd.p) : prepaid(cmd.c, cur);
            const expected = !exists(from)
              ? "account_not_found"
              : model.available(from) >= cmd.amount
                ? null
                : "insufficient_funds";
            const holdId = newId("hold");
            const ok = await expectOutcome(expected, () =>
              perform(pool, (tx, emit) =>
                placeHold(
                  store,
                  tx,
                  tenant,
                  {
                    hold_id: holdId,
                    source:
                      cmd.c === null
                        ? { type: "program", program_id: programs[cmd.p] as string }
                        : { type: "cardholder", cardholder_id: cardholders[cmd.c] as string },
                    amount: cmd.amount,
                    currency: cur,
                    expires_in_seconds: cmd.ttl,
                    reference: null,
                  },
                  emit,
                  at(),
                ),
              ),
            );
            if (ok) {
              const settlement = platform("network_settlement", cur);
              model.move(from, settlement, cmd.amount, "pending");
              model.holds.push({
                id: holdId,
                account: from,
                settlement,
                amount: cmd.amount,
                expiresAt: clock + cmd.ttl * 1000,
                status: "pending",
                posted: 0,
              });
            }
            break;
          }
          case "post":
          case "void": {
            const hold = model.holds[cmd.h % Math.max(model.holds.length, 1)];
            if (!hold) break;
            const expected =
              hold.status !== "pending"
                ? `hold_already_${hold.status}`
                : clock >= hold.expiresAt
                  ? "hold_already_expired"
                  : null;
            const part =
              cmd.t === "post" && cmd.part !== null ? Math.max(1, Math.floor(hold.amount * cmd.part)) : undefined;
            const ok = await expectOutcome(expected, () =>
              perform(pool, (tx, emit) =>
                resolveHold(
                  store,
                  tx,
                  tenant,
                  {
                    type: cmd.t === "post" ? "post_pending" : "void_pending",
                    holdId: hold.id,
                    transferId: newId("tr"),
                    ...(part !== undefined ? { amount: part } : {}),
                  },
                  emit,
                  at(),
                ),
              ),
            );
            if (ok) {
              model.release(hold);
              if (cmd.t === "post") {
                hold.posted = part ?? hold.amount;
                model.move(hold.account, hold.settlement, hold.posted, "posted");
                hold.status = "posted";
              } else {
                hold.status = "voided";
              }
            }
            break;
          }
          case "tick": {
            clock += cmd.seconds * 1000;
            await expireDueHolds(pool, at());
            for (const hold of model.holds) {
              if (hold.status === "pending" && hold.expiresAt <= clock) {
                hold.status = "expired";
                model.release(hold);
              }
            }
            break;
          }
          case "force": {
            // Clearing more than was held: only a forced post may take a balance below zero.
            const cur = currencies[cmd.p];
            const from = prepaid(cmd.c, cur);
            if (!exists(from)) break;
            const settlement = platform("network_settlement", cur);
            await perform(pool, async (tx) => {
              const debit = await store.findAccount(tx, tenant, identity(from));
              const { account: credit } = await accountFor(
                store,
                tx,
                tenant,
                identity(settlement),
                () => newId("acct"),
                at(),
              );
              if (!debit) throw new Error("no prepaid account");
              return createTransfers(
                store,
                tx,
                tenant,
                [
                  {
                    id: newId("tr"),
                    type: "single_phase",
                    debitAccountId: debit.id,
                    creditAccountId: credit.id,
                    amount: cmd.amount,
                    currency: cur,
                    forced: true,
                    code: "clearing",
                  },
                ],
                at(),
              );
            });
            model.move(from, settlement, cmd.amount, "posted");
            model.forced.add(from);
            break;
          }
        }
        await expectAgreement(tenant, model);
        // No balance that must stay at or above zero is below it, but by a forced post.
        for (const [key] of model.accounts) {
          if (key.startsWith("platform") || key.startsWith("network")) continue;
          if (!model.forced.has(key)) expect(model.available(key), key).toBeGreaterThanOrEqual(0);
        }
      }
    }),
    { numRuns: 40 },
  );
}, 60_000);
