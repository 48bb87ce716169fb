/**
 * Baseline 1: the saga's checks done in one process, in one Postgres transaction per
 * authorization, in a scratch schema of the bench's database. A compact, honest stand-in: it reads
 * and writes rows like the ones the contexts read and write (the card and its program, the
 * cardholder, what each spent before, the prepaid balance and the network settlement account both
 * updated for the hold, the hold, its transfer, the authorization's record), judged by the same
 * pure rules (`spendControlsDecline`, the calendar of `@koban/contracts`). What it leaves out:
 * messages (outbox, inbox, queues, event store), the PAN vault's decryption, and the HTTP hop.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import {
  calendarPeriods,
  noSpendControls,
  type SpendControls,
  type Spent,
  spendControlsDecline,
  wallClock,
} from "@koban/contracts";
import { createPool, type Pool, type Tx, transaction } from "@koban/db";
import { defaultMix, type MerchantProfile } from "@koban/network";
import { type Distribution, distribution } from "../../../packages/messaging/bench/stats.ts";
import { benchSpendControls, LOAD_PER_CARDHOLDER } from "./workload.ts";

const S = "bench_inproc";
const TENANT = { partnerId: "ptn_bench_inproc", livemode: false };
const TIME_ZONE = "Asia/Tokyo";
const key = randomBytes(32);
const hmac = (text: string) => createHmac("sha256", key).update(text).digest("hex");

const controls: SpendControls = {
  ...noSpendControls,
  ...benchSpendControls,
  amount_limits: { ...noSpendControls.amount_limits, ...benchSpendControls.amount_limits },
  count_limits: { ...noSpendControls.count_limits, ...benchSpendControls.count_limits },
};

interface BaselineCard {
  pan: string;
  cvv2: string;
  expMonth: number;
  expYear: number;
}

export async function seedBaseline(pool: Pool, count: number): Promise<BaselineCard[]> {
  await pool.query(`
    DROP SCHEMA IF EXISTS ${S} CASCADE;
    CREATE SCHEMA ${S};
    CREATE TABLE ${S}.programs (id text PRIMARY KEY, partner_id text NOT NULL, livemode boolean NOT NULL, timezone text NOT NULL);
    CREATE TABLE ${S}.cardholders (id text PRIMARY KEY, partner_id text NOT NULL, livemode boolean NOT NULL,
      status text NOT NULL, kyc_status text NOT NULL, spend_controls jsonb NOT NULL, version int NOT NULL DEFAULT 1);
    CREATE TABLE ${S}.cards (id text PRIMARY KEY, partner_id text NOT NULL, livemode boolean NOT NULL,
      cardholder_id text NOT NULL, program_id text NOT NULL, pan_digest text NOT NULL UNIQUE, cvv2_digest text NOT NULL,
      status text NOT NULL, exp_month int NOT NULL, exp_year int NOT NULL, spend_controls jsonb NOT NULL, version int NOT NULL DEFAULT 1);
    CREATE TABLE ${S}.accounts (id text PRIMARY KEY, partner_id text NOT NULL, livemode boolean NOT NULL, kind text NOT NULL,
      owner_id text, currency text NOT NULL, debits_pending bigint NOT NULL DEFAULT 0, debits_posted bigint NOT NULL DEFAULT 0,
      credits_pending bigint NOT NULL DEFAULT 0, credits_posted bigint NOT NULL DEFAULT 0, sequence bigint NOT NULL DEFAULT 0);
    CREATE UNIQUE INDEX ON ${S}.accounts (partner_id, livemode, kind, owner_id, currency);
    CREATE TABLE ${S}.transfers (id text PRIMARY KEY, type text NOT NULL, debit_account_id text NOT NULL,
      credit_account_id text NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE ${S}.holds (id text PRIMARY KEY, transfer_id text NOT NULL, status text NOT NULL, amount bigint NOT NULL,
      expires_at timestamptz NOT NULL);
    CREATE TABLE ${S}.authorizations (id text PRIMARY KEY, partner_id text, livemode boolean, card_id text,
      cardholder_id text, pan_digest text NOT NULL, amount bigint NOT NULL, currency text NOT NULL, merchant jsonb NOT NULL,
      requested_at timestamptz NOT NULL, status text NOT NULL, decline_reason text, response_code text NOT NULL,
      approval_code text, hold_id text, counted boolean NOT NULL);
    CREATE INDEX ON ${S}.authorizations (card_id, requested_at) WHERE counted;
    CREATE INDEX ON ${S}.authorizations (cardholder_id, requested_at) WHERE counted;
  `);
  const cards: BaselineCard[] = [];
  const { partnerId, livemode } = TENANT;
  await pool.query(`INSERT INTO ${S}.programs VALUES ('prg_1', $1, $2, $3)`, [partnerId, livemode, TIME_ZONE]);
  await pool.query(
    `INSERT INTO ${S}.accounts (id, partner_id, livemode, kind, owner_id, currency) VALUES ('acc_settlement', $1, $2, 'network_settlement', NULL, 'JPY')`,
    [partnerId, livemode],
  );
  const expYear = new Date().getUTCFullYear() + 3;
  for (let i = 0; i < count; i++) {
    const pan = `4000${String(randomInt(1e12)).padStart(12, "0")}`;
    const cvv2 = String(randomInt(1000)).padStart(3, "0");
    cards.push({ pan, cvv2, expMonth: 12, expYear });
    await pool.query(`INSERT INTO ${S}.cardholders VALUES ($1, $2, $3, 'active', 'verified', $4)`, [
      `ich_${i}`,
      partnerId,
      livemode,
      controls,
    ]);
    await pool.query(`INSERT INTO ${S}.cards VALUES ($1, $2, $3, $4, 'prg_1', $5, $6, 'active', 12, $7, $8)`, [
      `ic_${i}`,
      partnerId,
      livemode,
      `ich_${i}`,
      hmac(pan),
      hmac(`cvv2:${pan}:${cvv2}`),
      expYear,
      controls,
    ]);
    await pool.query(
      `INSERT INTO ${S}.accounts (id, partner_id, livemode, kind, owner_id, currency, credits_posted)
       VALUES ($1, $2, $3, 'cardholder_prepaid', $4, 'JPY', $5)`,
      [`acc_${i}`, partnerId, livemode, `ich_${i}`, LOAD_PER_CARDHOLDER],
    );
  }
  return cards;
}

interface Request {
  pan: string;
  cvv2: string | null;
  expMonth: number;
  expYear: number;
  amount: number;
  merchant: MerchantProfile["merchant"];
}

function pick(mix: readonly MerchantProfile[]): MerchantProfile {
  let roll = Math.random() * mix.reduce((sum, item) => sum + item.weight, 0);
  for (const item of mix) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return mix[mix.length - 1] as MerchantProfile;
}

/** The simulator's mix, drawn the way its traffic generator draws it. */
function nextRequest(cards: readonly BaselineCard[]): Request {
  const card = cards[randomInt(cards.length)] as BaselineCard;
  const profile = pick(defaultMix);
  const [low, high] = profile.amount;
  return {
    pan: card.pan,
    cvv2: profile.cardPresent ? null : card.cvv2,
    expMonth: card.expMonth,
    expYear: card.expYear,
    amount: Math.max(1, Math.round(low + (high - low) * Math.random() ** 2)),
    merchant: profile.merchant,
  };
}

const sameDigest = (a: string, b: string) => timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));

/** What was spent by a card's or a cardholder's counted authorizations, per period. */
async function spent(tx: Tx, column: "card_id" | "cardholder_id", id: string, at: Date): Promise<Spent> {
  const periods = calendarPeriods(at, TIME_ZONE);
  const { rows } = await tx.query(
    `SELECT coalesce(sum(amount) FILTER (WHERE requested_at >= $2 AND requested_at < $3), 0)::bigint AS day_amount,
            count(*) FILTER (WHERE requested_at >= $2 AND requested_at < $3)::int AS day_count,
            coalesce(sum(amount) FILTER (WHERE requested_at >= $4 AND requested_at < $5), 0)::bigint AS month_amount,
            count(*) FILTER (WHERE requested_at >= $4 AND requested_at < $5)::int AS month_count,
            coalesce(sum(amount), 0)::bigint AS lifetime_amount
     FROM ${S}.authorizations WHERE ${column} = $1 AND counted`,
    [id, periods.day.start, periods.day.end, periods.month.start, periods.month.end],
  );
  const row = rows[0];
  return {
    day: { amount: Number(row.day_amount), count: row.day_count },
    month: { amount: Number(row.month_amount), count: row.month_count },
    lifetime: { amount: Number(row.lifetime_amount) },
  };
}

/** As processing maps the reasons (its `responseCodes`, API.md "Decline reasons"). */
const responseCodes: Record<string, string> = {
  do_not_honor: "05",
  card_inactive: "62",
  card_closed: "05",
  card_expired: "54",
  cvv_mismatch: "N7",
  merchant_blocked: "57",
  country_blocked: "57",
  spend_limit_exceeded: "61",
  velocity_count_exceeded: "65",
  cardholder_inactive: "62",
  kyc_incomplete: "62",
  insufficient_funds: "51",
};

/** One authorization, every check and write in one transaction; returns the response code. */
async function authorize(pool: Pool, request: Request): Promise<string> {
  const panDigest = hmac(request.pan);
  const cvv2Digest = request.cvv2 === null ? null : hmac(`cvv2:${request.pan}:${request.cvv2}`);
  const requestedAt = new Date();
  const id = `iauth_${randomUUID()}`;
  return transaction(pool, async (tx) => {
    const record = (fields: { card: Record<string, string> | undefined; reason: string | null; holdId?: string }) =>
      tx.query(
        `INSERT INTO ${S}.authorizations VALUES ($1, $2, $3, $4, $5, $6, $7, 'JPY', $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          TENANT.partnerId,
          TENANT.livemode,
          fields.card?.id ?? null,
          fields.card?.cardholder_id ?? null,
          panDigest,
          request.amount,
          request.merchant,
          requestedAt,
          fields.reason ? "declined" : "approved",
          fields.reason,
          fields.reason ? (responseCodes[fields.reason] ?? "05") : "00",
          fields.reason ? null : randomInt(1e6).toString().padStart(6, "0"),
          fields.holdId ?? null,
          !fields.reason,
        ],
      );
    // card: its row locked so its authorizations are checked one after another, as `card` does.
    const { rows: cards } = await tx.query(
      `SELECT c.*, p.timezone FROM ${S}.cards c JOIN ${S}.programs p ON p.id = c.program_id
       WHERE c.pan_digest = $1 FOR NO KEY UPDATE OF c`,
      [panDigest],
    );
    const card = cards[0];
    if (!card) {
      await record({ card: undefined, reason: "do_not_honor" });
      return "14";
    }
    const decline = async (reason: string) => {
      await record({ card, reason });
      return responseCodes[reason] ?? "05";
    };
    if (card.status !== "active") return decline("card_inactive");
    const today = wallClock(requestedAt, card.timezone);
    if (
      request.expMonth !== card.exp_month ||
      request.expYear !== card.exp_year ||
      today.year * 12 + today.month > card.exp_year * 12 + card.exp_month
    ) {
      return decline("card_expired");
    }
    if (cvv2Digest !== null && !sameDigest(cvv2Digest, card.cvv2_digest)) return decline("cvv_mismatch");
    const attempt = { amount: request.amount, mcc: request.merchant.mcc, country: request.merchant.country };
    const cardDecline = spendControlsDecline(
      card.spend_controls,
      attempt,
      await spent(tx, "card_id", card.id, requestedAt),
    );
    if (cardDecline) return decline(cardDecline);

    // cardholder: its row locked too, its controls over every card it has.
    const { rows: holders } = await tx.query(
      `SELECT * FROM ${S}.cardholders WHERE id = $1 AND partner_id = $2 AND livemode = $3 FOR NO KEY UPDATE`,
      [card.cardholder_id, TENANT.partnerId, TENANT.livemode],
    );
    const holder = holders[0];
    if (holder?.status !== "active") return decline("cardholder_inactive");
    if (holder.kyc_status !== "verified") return decline("kyc_incomplete");
    const holderDecline = spendControlsDecline(
      holder.spend_controls,
      attempt,
      await spent(tx, "cardholder_id", holder.id, requestedAt),
    );
    if (holderDecline) return decline(holderDecline);

    // money: a pending transfer from the prepaid balance to network settlement, only if it
    // leaves the balance at or above zero (the conditional update), both accounts updated.
    const { rowCount } = await tx.query(
      `UPDATE ${S}.accounts SET debits_pending = debits_pending + $2, sequence = sequence + 1
       WHERE partner_id = $3 AND livemode = $4 AND kind = 'cardholder_prepaid' AND owner_id = $1 AND currency = 'JPY'
         AND credits_posted - debits_posted - debits_pending >= $2`,
      [holder.id, request.amount, TENANT.partnerId, TENANT.livemode],
    );
    if (rowCount !== 1) return decline("insufficient_funds");
    await tx.query(
      `UPDATE ${S}.accounts SET credits_pending = credits_pending + $1, sequence = sequence + 1 WHERE id = 'acc_settlement'`,
      [request.amount],
    );
    const transferId = `itr_${randomUUID()}`;
    const holdId = `ihold_${randomUUID()}`;
    await tx.query(
      `INSERT INTO ${S}.transfers (id, type, debit_account_id, credit_account_id, amount)
       SELECT $1, 'pending', a.id, 'acc_settlement', $3 FROM ${S}.accounts a
       WHERE a.kind = 'cardholder_prepaid' AND a.owner_id = $2`,
      [transferId, holder.id, request.amount],
    );
    await tx.query(`INSERT INTO ${S}.holds VALUES ($1, $2, 'pending', $3, now() + interval '7 days')`, [
      holdId,
      transferId,
      request.amount,
    ]);
    await record({ card, reason: null, holdId });
    return "00";
  });
}

export interface BaselineRun {
  concurrency: number;
  perSecond: number;
  latency: Distribution | undefined;
  byResponseCode: Record<string, number>;
  errors: number;
}

/** Closed loop: `concurrency` callers, each starting its next authorization when its last one commits. */
export async function closedLoop(
  url: string,
  cards: readonly BaselineCard[],
  concurrency: number,
  seconds: number,
): Promise<BaselineRun> {
  const pool = createPool(url, { max: concurrency, name: "bench-inproc" });
  const latencies: number[] = [];
  const byResponseCode: Record<string, number> = {};
  let errors = 0;
  try {
    await Promise.all(Array.from({ length: concurrency }, () => pool.query("SELECT 1")));
    const startedAt = performance.now();
    const deadline = startedAt + seconds * 1_000;
    const caller = async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          const code = await authorize(pool, nextRequest(cards));
          byResponseCode[code] = (byResponseCode[code] ?? 0) + 1;
          latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
    const elapsed = (performance.now() - startedAt) / 1_000;
    return {
      concurrency,
      perSecond: latencies.length / elapsed,
      latency: distribution(latencies),
      byResponseCode,
      errors,
    };
  } finally {
    await pool.end();
  }
}

/**
 * Open loop: authorizations started on a fixed schedule whatever the last ones do, each timed
 * from when it was due (so waiting for a pooled connection counts), as the simulator times the saga.
 */
export async function openLoop(
  url: string,
  cards: readonly BaselineCard[],
  rate: number,
  seconds: number,
  poolMax: number,
): Promise<BaselineRun> {
  const pool = createPool(url, { max: poolMax, name: "bench-inproc" });
  const latencies: number[] = [];
  const byResponseCode: Record<string, number> = {};
  let errors = 0;
  try {
    await Promise.all(Array.from({ length: poolMax }, () => pool.query("SELECT 1")));
    const interval = 1_000 / rate;
    const startedAt = performance.now() + 5;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i * interval < seconds * 1_000; i++) {
      const due = startedAt + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        authorize(pool, nextRequest(cards)).then(
          (code) => {
            byResponseCode[code] = (byResponseCode[code] ?? 0) + 1;
            latencies.push(performance.now() - due);
          },
          () => {
            errors++;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - startedAt) / 1_000;
    return {
      concurrency: poolMax,
      perSecond: latencies.length / elapsed,
      latency: distribution(latencies),
      byResponseCode,
      errors,
    };
  } finally {
    await pool.end();
  }
}
