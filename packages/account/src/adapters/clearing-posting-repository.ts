import type { ClearingPostingStore } from "../application/clearing-postings.ts";
import type { SettlementPostingStore } from "../application/settlement-postings.ts";

export const clearingPostingRepository: ClearingPostingStore = {
  async exists(db, tenant, transactionId) {
    const { rowCount } = await db.query(
      "SELECT 1 FROM account.clearing_postings WHERE transaction_id = $1 AND partner_id = $2 AND livemode = $3",
      [transactionId, tenant.partnerId, tenant.livemode],
    );
    return rowCount === 1;
  },
  async insert(db, tenant, posting) {
    await db.query(
      `INSERT INTO account.clearing_postings (transaction_id, partner_id, livemode, status, type, authorization_id,
         amount, currency, fee, forced, shortfall, transfer_ids, refusal, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        posting.transactionId,
        tenant.partnerId,
        tenant.livemode,
        posting.status,
        posting.type,
        posting.authorizationId,
        posting.amount,
        posting.currency,
        posting.fee,
        posting.forced,
        posting.shortfall,
        posting.transferIds,
        posting.refusal,
        posting.postedAt,
      ],
    );
  },
};

export const settlementPostingRepository: SettlementPostingStore = {
  async exists(db, tenant, settlementId) {
    const { rowCount } = await db.query(
      "SELECT 1 FROM account.settlement_postings WHERE settlement_id = $1 AND partner_id = $2 AND livemode = $3",
      [settlementId, tenant.partnerId, tenant.livemode],
    );
    return rowCount === 1;
  },
  async insert(db, tenant, posting) {
    await db.query(
      `INSERT INTO account.settlement_postings (settlement_id, partner_id, livemode, date, currency, net_amount,
         transfer_id, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        posting.settlementId,
        tenant.partnerId,
        tenant.livemode,
        posting.date,
        posting.currency,
        posting.netAmount,
        posting.transferId,
        posting.postedAt,
      ],
    );
  },
};
