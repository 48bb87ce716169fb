import type { Tenant } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { existing } from "../domain/card.ts";
import type { CardStore, CardVault, SensitiveReadActor } from "./card-store.ts";

export interface CardDetails {
  number: string;
  cvc: string;
  exp_month: number;
  exp_year: number;
}

/**
 * The one way a card's number and security code leave `card`: a synchronous read the API
 * facade makes directly (never over the bus, so a secret never rides it), after checking the
 * `cards:read_sensitive` scope. The audit row commits with the read, or nothing is returned.
 */
export const cardDetailsReader =
  (store: CardStore, vault: CardVault) =>
  (pool: Pool, tenant: Tenant, cardId: string, actor: SensitiveReadActor): Promise<CardDetails> =>
    transaction(pool, async (tx) => {
      const card = existing(await store.load(tx, tenant, cardId), cardId);
      await store.recordSensitiveRead(tx, tenant, { cardId: card.id, actor, at: new Date() });
      const { number, cvc } = await vault.reveal(tx, card);
      return { number, cvc, exp_month: card.expMonth, exp_year: card.expYear };
    });
