import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "./client.ts";
import { cardNumbersIn, plainDump } from "./secrets.ts";
import { startReceiver, verify } from "./webhook-receiver.ts";

let stack: Stack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  [stack, receiver] = await Promise.all([startStack(), startReceiver()]);
  const { api_key } = await createPartnerWithKey(stack.db.pool, "Scenario KK");
  api = apiClient(stack.apiUrls[0] as string, api_key);
  await eventually(async () => expect((await api("GET", "/v1/programs")).body.data).toHaveLength(1));
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

/**
 * Issue 3's flow as a partner developer drives it, with only an API key: a webhook endpoint, a
 * business and two employees, KYC, a virtual card each, activation, spend controls, freeze and
 * unfreeze, one closed as lost and replaced, lists with filters and pages, the events it all left,
 * and the same events received as signed webhooks; no card number anywhere it should not be.
 */
describe("a partner's day", () => {
  it("runs from a business to its employees' cards and back through the events and webhooks", async () => {
    const hook = await api("POST", "/v1/webhook_endpoints", {
      body: { url: receiver.url("/koban"), enabled_events: ["card.*", "cardholder.*"] },
    });
    expect(hook.status).toBe(201);
    const { secret } = (await api("GET", `/v1/webhook_endpoints/${hook.body.id}/secret`)).body;

    const business = await api("POST", "/v1/cardholders", {
      body: { type: "business", business: { legal_name: "Sakura Logistics KK" }, email: "ops@sakura.example" },
    });
    expect(business.status).toBe(201);
    const employee = async (first_name: string) => {
      const created = await api("POST", "/v1/cardholders", {
        body: { type: "individual", individual: { first_name, last_name: "Ito" }, business_id: business.body.id },
      });
      expect([created.status, created.body.kyc_status]).toEqual([201, "pending"]);
      const verified = await api("POST", `/v1/simulate/cardholders/${created.body.id}/kyc`, {
        body: { status: "verified" },
      });
      expect([verified.status, verified.body.kyc_status]).toEqual([200, "verified"]);
      return created.body.id as string;
    };
    const [hana, kenta] = [await employee("Hana"), await employee("Kenta")];

    const issue = async (cardholder_id: string) => {
      const card = await api("POST", "/v1/cards", { body: { cardholder_id, type: "virtual" } });
      expect([card.status, card.body.status]).toEqual([201, "inactive"]);
      const active = await api("POST", `/v1/cards/${card.body.id}/activate`);
      expect(active.body.status).toBe("active");
      return card.body.id as string;
    };
    const [hanaCard, kentaCard] = [await issue(hana), await issue(kenta)];

    const limited = await api("PATCH", `/v1/cards/${hanaCard}`, {
      body: {
        spend_controls: { amount_limits: { per_authorization: 50_000, daily: 100_000 }, blocked_mccs: ["7995"] },
      },
    });
    expect(limited.body.spend_controls).toMatchObject({
      amount_limits: { per_authorization: 50_000, daily: 100_000 },
      blocked_mccs: ["7995"],
    });

    expect((await api("POST", `/v1/cards/${hanaCard}/freeze`)).body.status).toBe("frozen");
    expect((await api("POST", `/v1/cards/${hanaCard}/unfreeze`)).body.status).toBe("active");

    const lost = await api("POST", `/v1/cards/${kentaCard}/close`, { body: { reason: "lost" } });
    expect([lost.body.status, lost.body.closed_reason]).toEqual(["closed", "lost"]);
    const replacement = await api("POST", "/v1/cards", {
      body: { replacement_for: kentaCard, replacement_reason: "lost" },
    });
    expect(replacement.status).toBe(201);
    expect(replacement.body).toMatchObject({ cardholder_id: kenta, replacement_for: kentaCard, status: "inactive" });
    await api("POST", `/v1/cards/${replacement.body.id}/activate`);

    // Lists: the business's people, and its cards page by page.
    const people = await api("GET", "/v1/cardholders?type=individual&limit=100");
    expect(people.body.data.map((c: { id: string }) => c.id).sort()).toEqual([hana, kenta].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api("GET", `/v1/cards?limit=1${cursor ? `&starting_after=${cursor}` : ""}`);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.has_more ? page.body.next_cursor : null;
    } while (cursor);
    expect(seen.sort()).toEqual([hanaCard, kentaCard, replacement.body.id].sort());
    const closed = await api("GET", `/v1/cards?status=closed&cardholder_id=${kenta}`);
    expect(closed.body.data.map((c: { id: string }) => c.id)).toEqual([kentaCard]);

    // The events tell the same story, newest first, each with the resource as it was.
    const events = await eventually(async () => {
      const list = await api("GET", "/v1/events?limit=100");
      expect(list.body.data.length).toBeGreaterThanOrEqual(14);
      return list.body.data as Array<{ type: string; data: { object: { id: string; status?: string } } }>;
    });
    const story = events
      .filter((event) => event.data.object.id === hanaCard)
      .map((event) => `${event.type}:${event.data.object.status}`)
      .reverse();
    expect(story).toEqual([
      "card.created:inactive",
      "card.activated:active",
      "card.updated:active",
      "card.frozen:frozen",
      "card.unfrozen:active",
    ]);
    expect(events.filter((event) => event.type === "cardholder.kyc_verified")).toHaveLength(2);
    expect(events.some((event) => event.type === "card.replaced" || event.type === "card.closed")).toBe(true);

    // Every card and cardholder event arrives as a webhook, signed with the endpoint's secret, as
    // the events API renders it (the program's event predates the endpoint).
    const { selected, webhooks } = await eventually(async () => {
      const all = (await api("GET", "/v1/events?limit=100")).body.data as Array<{ id: string; type: string }>;
      const selected = all.filter((event) => !event.type.startsWith("program."));
      expect(receiver.at("/koban").length).toBe(selected.length);
      return { selected, webhooks: receiver.at("/koban") };
    });
    const delivered = webhooks.map((delivery) => verify(secret, delivery) as { id: string });
    expect(delivered.map((event) => event.id).sort()).toEqual(selected.map((event) => event.id).sort());
    for (const event of selected) expect(delivered.find((d) => d.id === event.id)).toEqual(event);

    // The numbers of the cards issued: read once each, found nowhere else.
    const numbers: string[] = [];
    for (const id of [hanaCard, kentaCard, replacement.body.id]) {
      numbers.push((await api("GET", `/v1/cards/${id}/details`)).body.number);
    }
    expect(numbers.every((number) => /^\d{16}$/.test(number))).toBe(true);
    const places = {
      webhooks: webhooks.map((delivery) => delivery.body).join("\n"),
      events: JSON.stringify(events),
      dump: await plainDump(stack.db.url),
      logs: [...stack.apis, stack.worker, stack.query].flatMap((app) => app.output).join("\n"),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const number of numbers) expect(text.includes(number), `${place} holds a card number`).toBe(false);
      expect(cardNumbersIn(text), `${place} holds something like a card number`).toEqual([]);
    }
  });
});
