import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultMix } from "@koban/network";
import { YUNA_LIMIT } from "./cast.ts";
import type { Sandbox } from "./sandbox.ts";
import { type DemoCard, topUp } from "./seed.ts";

/** Every round of ten: mostly purchases that go through, and one each of the usual declines. */
const ROUND = ["buy", "buy", "buy", "buy", "buy", "buy", "buy", "short", "frozen", "limit"] as const;
type Scene = (typeof ROUND)[number];

interface Authorization {
  id: string;
  status: string;
  decline_reason: string | null;
}

export interface TrafficOptions {
  api: Sandbox;
  cards: DemoCard[];
  /** The mean pause between two authorizations; each waits for the previous one, so the trickle never piles up. */
  intervalMs: number;
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * A trickle of simulated card payments on the demo cards, through the sandbox API (so through the
 * network simulator and processing's gateway, as real traffic), with a clearing of the approved
 * ones now and then and the shoppers' accounts topped up when they run low. Ends when `signal` aborts.
 */
export async function runDemoTraffic({ api, cards, intervalMs, signal, log }: TrafficOptions): Promise<void> {
  const card = (key: DemoCard["role"]["key"]) => cards.find((each) => each.role.key === key);
  const shoppers = cards.filter((each) => each.role.card === "active" && each.role.key !== "mei");
  const toClear: string[] = [];
  let failures = 0;
  let deck: Scene[] = [];
  for (let tick = 0; !signal.aborted; tick++) {
    try {
      if (deck.length === 0) deck = shuffled(ROUND);
      const scene = deck.pop() as Scene;
      const attempt = sceneAttempt(scene, shoppers, card);
      if (attempt) {
        const authorization = await api<Authorization>("POST", "/v1/simulate/authorizations", {
          card_id: attempt.card.cardId,
          amount: attempt.amount,
          merchant: attempt.merchant,
        });
        const outcome = authorization.status === "declined" ? `declined (${authorization.decline_reason})` : "approved";
        log(
          `¥${attempt.amount.toLocaleString("en")} at ${attempt.merchant.name} by ${attempt.card.role.first_name}: ${outcome}`,
        );
        if (authorization.status === "pending") toClear.push(authorization.id);
      }
      // Now and then the merchants present what they were approved for; some stay uncleared a while.
      if (tick % 6 === 5) {
        for (const id of toClear.splice(0, Math.max(0, toClear.length - 2))) {
          await api("POST", "/v1/simulate/clearings", { authorization_id: id });
          log(`cleared ${id}`);
        }
      }
      if (tick % 20 === 19) for (const each of shoppers) await topUp(api, each.cardholderId, each.role.balance);
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      // A service restarting or a slow answer: say so, then carry on more slowly.
      failures++;
      log(`simulated traffic hiccup: ${error instanceof Error ? error.message : String(error)}`);
    }
    const pause = intervalMs * (0.5 + Math.random()) * Math.min(2 ** failures, 16);
    await sleep(pause, undefined, { signal }).catch(() => undefined);
  }
}

/** What the simulate endpoint takes of a merchant. */
interface Merchant {
  name: string;
  mcc: string;
  country: string;
}

interface Attempt {
  card: DemoCard;
  amount: number;
  merchant: Merchant;
}

/** What a scene sends: a shopper's ordinary purchase, or one of the cards that is declined and why. */
function sceneAttempt(
  scene: Scene,
  shoppers: DemoCard[],
  card: (key: DemoCard["role"]["key"]) => DemoCard | undefined,
): Attempt | undefined {
  const everyday = defaultMix.filter((profile) => profile.amount[1] <= 30_000 && profile.merchant.mcc !== "7995");
  const purchase = (who: DemoCard | undefined, range?: readonly [number, number]) => {
    if (!who) return undefined;
    const profile = weighted(everyday);
    if (!profile) return undefined;
    const [low, high] = range ?? profile.amount;
    const { name, mcc, country } = profile.merchant;
    return { card: who, merchant: { name, mcc, country }, amount: roundYen(low + randomInt(high - low + 1)) };
  };
  switch (scene) {
    case "buy": {
      const who = shoppers[randomInt(shoppers.length)];
      // Yuna stays within her limit when she shops.
      return purchase(who, who?.role.key === "yuna" ? [300, YUNA_LIMIT] : undefined);
    }
    case "short":
      return purchase(card("mei"), [8_000, 40_000]);
    case "frozen":
      return purchase(card("haruto"));
    case "limit": {
      const yuna = card("yuna");
      if (!yuna) return undefined;
      if (randomInt(2) === 0) return purchase(yuna, [YUNA_LIMIT + 1_000, 30_000]);
      return { card: yuna, amount: roundYen(10_000 + randomInt(40_000)), merchant: casino };
    }
  }
}

const casino: Merchant = { name: "Marina Bay Casino", mcc: "7995", country: "SG" };

/** A merchant as often as the network's mix says people shop there. */
function weighted<T extends { weight: number }>(items: readonly T[]): T | undefined {
  let left = randomInt(items.reduce((sum, item) => sum + item.weight, 0) || 1);
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return items[0];
}

/** Prices end in tens, as shop prices do. */
function roundYen(amount: number): number {
  return Math.max(10, Math.round(amount / 10) * 10);
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
