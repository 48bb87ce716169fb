import {
  CardActivated,
  CardClosed,
  CardComplianceHoldLifted,
  CardComplianceHoldPlaced,
  CardFrozen,
  CardIssued,
  CardReplaced,
  CardSpendControlsChanged,
  CardUnfrozen,
} from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";
import { setColumns } from "./set-columns.ts";

/** The card's number never arrives here; its digest does, and is left out. */
export const projectCardIssued = onEvent(CardIssued, async (event, { tx }) => {
  if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
  const p = event.payload;
  await tx.query(
    `INSERT INTO query.cards (id, partner_id, livemode, cardholder_id, program_id, type, status, last4, exp_month,
       exp_year, spend_controls, replacement_for, replacement_reason, created_at, version, funding_source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
    [
      p.card_id,
      event.tenant.partnerId,
      event.tenant.livemode,
      p.cardholder_id,
      p.program_id,
      p.type,
      p.status,
      p.last4,
      p.exp_month,
      p.exp_year,
      p.spend_controls,
      p.replacement_for,
      p.replacement_reason,
      p.created_at,
      event.stream.version,
      p.funding_source_id,
    ],
  );
});

/** Every event of a card's stream, so none waits on a gap (see advance.ts). */
export const cardProjections = [
  projectCardIssued,
  setColumns("cards", CardActivated, () => ({ status: "active" })),
  setColumns("cards", CardFrozen, () => ({ status: "frozen" })),
  setColumns("cards", CardUnfrozen, () => ({ status: "active" })),
  setColumns("cards", CardClosed, (p) => ({ status: "closed", closed_reason: p.reason })),
  setColumns("cards", CardReplaced, (p) => ({ replaced_by: p.replacement_card_id })),
  setColumns("cards", CardSpendControlsChanged, (p) => ({ spend_controls: p.spend_controls })),
  setColumns("cards", CardComplianceHoldPlaced, (p) => ({
    compliance_hold: { reason: p.reason, placed_by: p.placed_by, placed_at: p.placed_at },
  })),
  setColumns("cards", CardComplianceHoldLifted, () => ({ compliance_hold: null })),
];
