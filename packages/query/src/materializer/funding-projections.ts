import { FundingSourceCreated, FundingSourceUpdated } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";

/** Every event of a source's stream carries its whole state, so each writes the whole row. */
export const fundingProjections = [
  onEvent(FundingSourceCreated, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.funding_sources (id, partner_id, livemode, type, description, jit_gateway, created_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        p.funding_source_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.type,
        p.description,
        p.jit_gateway && JSON.stringify(p.jit_gateway),
        p.created_at,
        event.stream.version,
      ],
    );
  }),
  onEvent(FundingSourceUpdated, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `UPDATE query.funding_sources SET description = $2, jit_gateway = $3, updated_at = $4, version = $5
       WHERE id = $1`,
      [
        p.funding_source_id,
        p.description,
        p.jit_gateway && JSON.stringify(p.jit_gateway),
        p.updated_at,
        event.stream.version,
      ],
    );
  }),
];
