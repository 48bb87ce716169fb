import type { Envelope } from "@koban/contracts";

/**
 * How long `card` waits for a fact the sender of a command saw exist (its cardholder, its
 * program) but `card`'s copy does not have yet: the owner's event and the command travel
 * separately, so a card asked for right after its cardholder was registered can arrive first.
 * Meanwhile the command is retried through the bus (the first retry after half to all of the
 * retry policy's base delay, 1 s by default); after it, the domain's refusal stands. A fact
 * nobody saw is refused at once. It must end before the retry policy's last attempt (the 7th
 * of the default 8 comes 31 s or more after the first), or the command would become a dead
 * letter instead of a refusal.
 */
export const FACTS_IN_FLIGHT_MS = 30_000;

/** Thrown to have the bus deliver the command again later; never a domain refusal. */
export class FactNotYetCopied extends Error {
  override name = "FactNotYetCopied";
}

export interface AwaitedFact {
  /** For the log: `cardholder ch_…`. */
  name: string;
  known: boolean;
  seenBySender: boolean;
}

/** Throws while a fact the sender saw is missing here and the command is young enough for it to be in flight. */
export function awaitFactsInFlight(command: Envelope, facts: readonly AwaitedFact[], now = Date.now()): void {
  const awaited = facts.filter((fact) => !fact.known && fact.seenBySender).map((fact) => fact.name);
  if (awaited.length === 0) return;
  const age = now - Date.parse(command.occurredAt);
  if (age < FACTS_IN_FLIGHT_MS) {
    throw new FactNotYetCopied(`${awaited.join(" and ")} not known yet; ${command.type} is ${age} ms old`);
  }
}
