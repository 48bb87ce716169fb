import { randomBytes } from "node:crypto";
import type { Queryable } from "@koban/db";
import type { CardVault } from "../application/card-store.ts";
import type { Card } from "../domain/card.ts";
import type { IssuedPan, Program } from "../domain/issue.ts";
import { generatePan } from "../domain/pan.ts";
import {
  cvv2Digest,
  deriveCvv,
  openPan,
  panDigest,
  type SealedPan,
  sealPan,
  VaultError,
  type VaultKeys,
} from "./vault.ts";

/** A collision needs two equal random account parts; this many in a row means the BIN range is full. */
const MAX_ATTEMPTS = 10;

/** `keys` is asked when a secret is first needed, so a process that never touches one needs none. */
export function sqlCardVault(keys: () => VaultKeys): CardVault {
  return {
    async issuePan(db: Queryable, cardId: string, program: Program): Promise<IssuedPan> {
      const { encryption, panDigestKey } = keys();
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const pan = generatePan(program.binPrefix, program.panLength, randomBytes);
        const digest = panDigest(panDigestKey, pan);
        const sealed = sealPan(encryption, cardId, pan);
        // The unique digest keeps numbers unique; a taken one is skipped, not an error, so the transaction goes on.
        const { rowCount } = await db.query(
          `INSERT INTO card.vault (card_id, pan_ciphertext, key_version, iv, tag, pan_digest)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (pan_digest) DO NOTHING`,
          [cardId, sealed.ciphertext, sealed.keyVersion, sealed.iv, sealed.tag, digest],
        );
        if (rowCount === 1) return { digest, last4: pan.slice(-4) };
      }
      throw new VaultError(`no free card number on BIN ${program.binPrefix} after ${MAX_ATTEMPTS} attempts`);
    },

    async reveal(db: Queryable, card: Card): Promise<{ number: string; cvc: string }> {
      const { cvvKey } = keys();
      const number = await openCardPan(db, card);
      return { number, cvc: deriveCvv(cvvKey, number, card.expMonth, card.expYear) };
    },

    async cvv2Digest(db: Queryable, card: Card): Promise<string> {
      const { cvvKey, panDigestKey } = keys();
      const number = await openCardPan(db, card);
      return cvv2Digest(panDigestKey, number, deriveCvv(cvvKey, number, card.expMonth, card.expYear));
    },
  };

  async function openCardPan(db: Queryable, card: Card): Promise<string> {
    const { rows } = await db.query<{ pan_ciphertext: Buffer; key_version: number; iv: Buffer; tag: Buffer }>(
      "SELECT pan_ciphertext, key_version, iv, tag FROM card.vault WHERE card_id = $1",
      [card.id],
    );
    const row = rows[0];
    if (!row) throw new VaultError(`card ${card.id} has no vault entry`);
    const sealed: SealedPan = {
      ciphertext: row.pan_ciphertext,
      keyVersion: row.key_version,
      iv: row.iv,
      tag: row.tag,
    };
    return openPan(keys().encryption, card.id, sealed);
  }
}
