import { type Pool, transaction } from "@koban/db";
import { type HandlerContext, readAll } from "@koban/messaging";
import { projections } from "./projections.ts";

const handlers = new Map(projections.map((p) => [p.definition.type, p]));
const types = [...handlers.keys()];

/**
 * Drops the read models and replays the event store into them in one transaction (readers
 * see the old tables until it commits), then catches up with events stored meanwhile.
 * Projections skip versions already applied, so the live materializer and a rebuild can overlap.
 */
export async function rebuildReadModels(pool: Pool, onProgress?: (applied: number) => void): Promise<number> {
  let position = 0;
  let applied = 0;
  const replay = async (tx: HandlerContext["tx"]) => {
    const context: HandlerContext = {
      tx,
      tenant: null,
      // A rebuild re-renders history; what was delivered to webhook endpoints is not sent again.
      emit: () => {},
    };
    for (;;) {
      const batch = await readAll(tx, { after: position, limit: 1_000, types });
      if (batch.length === 0) return;
      for (const { envelope, position: at } of batch) {
        await handlers.get(envelope.type)?.handle(envelope, { ...context, tenant: envelope.tenant });
        position = at;
        applied += 1;
      }
      onProgress?.(applied);
    }
  };
  await transaction(pool, async (tx) => {
    await tx.query(
      `TRUNCATE query.partners, query.api_keys, query.cardholders, query.programs, query.cards, query.events,
       query.webhook_endpoints, query.webhook_deliveries, query.funding_sources, query.accounts, query.transfers, query.deposits,
       query.authorizations, query.authorization_timeline, query.transactions, query.clearing_postings, query.settlements, query.balance_history,
       query.stream_versions`,
    );
    await replay(tx);
  });
  await transaction(pool, replay);
  return applied;
}
