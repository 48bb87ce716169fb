import { IssueCard, ReplaceCard } from "@koban/contracts";
import { onCommand } from "@koban/messaging";
import { existing } from "../domain/card.ts";
import { assertIssuable, assertReplaceable, decideIssue, decideReplace } from "../domain/issue.ts";
import type { CardStore, CardVault } from "./card-store.ts";
import { commit, tenantOf, written } from "./commit.ts";
import { awaitFactsInFlight } from "./facts-in-flight.ts";

/** The number is generated and sealed in this transaction: only its digest and last four leave the vault. */
export const issueCard = (store: CardStore, vault: CardVault) =>
  onCommand(IssueCard, async (command, context) => {
    const tenant = tenantOf(command);
    const { payload } = command;
    const { tx } = context;
    const state = await store.load(tx, tenant, payload.card_id);
    const facts = {
      program: await store.program(tx, tenant, payload.program_id),
      cardholder: await store.cardholder(tx, tenant, payload.cardholder_id),
    };
    const seen = payload.facts_seen;
    awaitFactsInFlight(command, [
      { name: `program ${payload.program_id}`, known: !!facts.program, seenBySender: !!seen?.program },
      { name: `cardholder ${payload.cardholder_id}`, known: !!facts.cardholder, seenBySender: !!seen?.cardholder },
    ]);
    const issuable = assertIssuable(state, payload, facts);
    const pan = await vault.issuePan(tx, issuable.cardId, issuable.program);
    const before = new Map([[issuable.cardId, state]]);
    const cards = await commit(store, context, tenant, before, decideIssue(issuable, pan, new Date()));
    return written(cards, issuable.cardId);
  });

export const replaceCard = (store: CardStore, vault: CardVault) =>
  onCommand(ReplaceCard, async (command, context) => {
    const tenant = tenantOf(command);
    const { payload } = command;
    const { tx } = context;
    const original = existing(await store.load(tx, tenant, payload.card_id), payload.card_id);
    const taken = await store.load(tx, tenant, payload.replacement_card_id);
    const issuable = assertReplaceable(original, taken, payload, {
      program: await store.program(tx, tenant, original.programId),
      cardholder: await store.cardholder(tx, tenant, original.cardholderId),
    });
    const pan = await vault.issuePan(tx, issuable.cardId, issuable.program);
    const before = new Map([
      [original.id, original],
      [issuable.cardId, undefined],
    ]);
    const cards = await commit(store, context, tenant, before, decideReplace(original, issuable, pan, new Date()));
    return written(cards, issuable.cardId);
  });
