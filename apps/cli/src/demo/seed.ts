import type { Role } from "./cast.ts";
import { retrying, type Sandbox } from "./sandbox.ts";

interface Cardholder {
  id: string;
  kyc_status: string;
  metadata: Record<string, string>;
}
interface Card {
  id: string;
  status: string;
}
interface Account {
  id: string;
  type: string;
  balances: { available: number };
}
interface Page<T> {
  data: T[];
}

export interface DemoCard {
  role: Role;
  cardholderId: string;
  cardId: string;
}

/**
 * The cast's cardholders, verified, funded, each with a card in the state its part needs. Safe to
 * run again: it finds what earlier runs made (by `metadata.koban_demo`) and only completes it.
 */
export async function seedDemoCardholders(api: Sandbox, cast: readonly Role[]): Promise<DemoCard[]> {
  const existing = await api<Page<Cardholder>>("GET", "/v1/cardholders?limit=100");
  const seeded: DemoCard[] = [];
  for (const role of cast) {
    const found = existing.data.find((cardholder) => cardholder.metadata.koban_demo === role.key);
    const cardholder =
      found ??
      (await api<Cardholder>("POST", "/v1/cardholders", {
        type: "individual",
        individual: { first_name: role.first_name, last_name: role.last_name },
        email: `${role.key}@demo.koban.dev`,
        metadata: { koban_demo: role.key },
        kyc: { method: "partner", reference: `demo-${role.key}` },
      }));
    await retrying(() => topUp(api, cardholder.id, role.balance));
    const cards = await api<Page<Card>>("GET", `/v1/cards?cardholder_id=${cardholder.id}&limit=1`);
    const card =
      cards.data[0] ??
      (await api<Card>("POST", "/v1/cards", {
        cardholder_id: cardholder.id,
        type: "virtual",
        ...(role.spend_controls ? { spend_controls: role.spend_controls } : {}),
      }));
    if (card.status === "inactive") await retrying(() => api("POST", `/v1/cards/${card.id}/activate`));
    if (role.card === "frozen" && card.status !== "frozen") {
      await retrying(() => api("POST", `/v1/cards/${card.id}/freeze`));
    }
    seeded.push({ role, cardholderId: cardholder.id, cardId: card.id });
  }
  return seeded;
}

/** Loads the cardholder's account up to `balance` from the program's, depositing test money there first if short. */
export async function topUp(api: Sandbox, cardholderId: string, balance: number): Promise<void> {
  // A cardholder's account opens with its first load.
  const [held] = (await api<Page<Account>>("GET", `/v1/accounts?cardholder_id=${cardholderId}`)).data;
  const missing = balance - (held?.balances.available ?? 0);
  if (missing <= 0) return;
  const program = (await api<Page<Account>>("GET", "/v1/accounts?limit=100")).data.find(
    (account) => account.type === "program_funding",
  );
  if (program && program.balances.available < missing) {
    await api("POST", "/v1/simulate/deposits", { amount: 10_000_000, description: "Demo top-up" });
  }
  await api("POST", "/v1/transfers", { type: "load", cardholder_id: cardholderId, amount: missing });
}
