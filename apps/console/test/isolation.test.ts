import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleStack, partnerApi, startConsoleStack, trpcCaller } from "./console-stack.ts";

/**
 * Partner A's people see nothing of partner B, through the pages or by calling the console's
 * procedures themselves, and a read-only member cannot act even by calling a procedure directly.
 */
let c: ConsoleStack;
let a: { id: string; apiKey: string };
let b: { id: string; apiKey: string };
let cardholderA: string;
let cardholderB: string;
let cardA: string;
let cardB: string;
let operatorCookie: string;
let readOnlyCookie: string;

async function cardholderWithCard(apiUrl: string, apiKey: string, name: string) {
  const api = partnerApi(apiUrl, apiKey);
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: name, last_name: "Sato" },
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  const card = await api("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect(card.status).toBe(201);
  expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  return { cardholderId: holder.body.id as string, cardId: card.body.id as string };
}

beforeAll(async () => {
  c = await startConsoleStack();
  [a, b] = await Promise.all([c.createPartner("Alpha KK"), c.createPartner("Beta KK")]);
  ({ cardholderId: cardholderA, cardId: cardA } = await cardholderWithCard(c.apiUrl, a.apiKey, "Aoi"));
  ({ cardholderId: cardholderB, cardId: cardB } = await cardholderWithCard(c.apiUrl, b.apiKey, "Ben"));
  await c.createMember("operator@alpha.test", a.id, "operator");
  await c.createMember("viewer@alpha.test", a.id, "read_only");
  await c.createMember("admin@beta.test", b.id, "admin");
  operatorCookie = await c.signIn("operator@alpha.test");
  readOnlyCookie = await c.signIn("viewer@alpha.test");
}, 300_000);

afterAll(async () => {
  await c?.stop();
});

const page = (path: string, cookie?: string) =>
  fetch(`${c.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

describe("pages", () => {
  it("show a member their own partner's pages", async () => {
    expect((await page(`/${a.id}/test`, operatorCookie)).status).toBe(200);
    expect((await page(`/${a.id}/live/cardholders`, operatorCookie)).status).toBe(200);
    expect((await page(`/${a.id}/test/cardholders/${cardholderA}`, operatorCookie)).status).toBe(200);
  });

  it("are 404 at another partner's path, however it is typed", async () => {
    for (const path of [
      `/${b.id}/test`,
      `/${b.id}/live`,
      `/${b.id}/test/cardholders`,
      `/${b.id}/test/cardholders/${cardholderB}`,
      `/${b.id}/test/cards/${cardB}`,
      `/${b.id}/test/developers`,
    ]) {
      const response = await page(path, operatorCookie);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain("Beta KK");
    }
  });

  it("are 404 for a partner that does not exist and for a mode that is neither test nor live", async () => {
    expect((await page("/ptn_00000000000000000000000000/test", operatorCookie)).status).toBe(404);
    expect((await page(`/${a.id}/staging`, operatorCookie)).status).toBe(404);
  });

  it("send someone not signed in to the sign-in page, and keep the staff area from partner members", async () => {
    const anonymous = await page(`/${a.id}/test`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/${a.id}/test`)}`);
    expect((await page("/staff", operatorCookie)).status).toBe(404);
  });
});

describe("procedures called directly", () => {
  it("answer a member's own partner", async () => {
    const operator = trpcCaller(c.url, operatorCookie);
    const read = await operator.query("cardholders.get", { partner: a.id, mode: "test", id: cardholderA });
    expect(read.status).toBe(200);
    expect(read.body.result.data.cardholder.id).toBe(cardholderA);
  });

  it("are 404 for another partner, by its path or by its ids under the member's own path", async () => {
    const operator = trpcCaller(c.url, operatorCookie);
    const calls = [
      () => operator.query("cardholders.get", { partner: b.id, mode: "test", id: cardholderB }),
      () => operator.query("cardholders.list", { partner: b.id, mode: "test" }),
      () => operator.query("cards.get", { partner: b.id, mode: "test", id: cardB }),
      () => operator.query("session.membership", { partner: b.id }),
      () => operator.query("cardholders.get", { partner: a.id, mode: "test", id: cardholderB }),
      () => operator.query("cards.get", { partner: a.id, mode: "test", id: cardB }),
      () => operator.mutation("cards.freeze", { partner: b.id, mode: "test", id: cardB }),
      () => operator.mutation("cards.freeze", { partner: a.id, mode: "test", id: cardB }),
      () =>
        operator.mutation("cards.issue", { partner: a.id, mode: "test", cardholderId: cardholderB, type: "virtual" }),
    ];
    for (const call of calls) {
      const response = await call();
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/Ben|Beta KK|stack/);
    }
    const cardOfB = await partnerApi(c.apiUrl, b.apiKey)("GET", `/v1/cards/${cardB}`);
    expect(cardOfB.body.status).toBe("active");
  });

  it("see test and live apart: a test-mode id is unknown in live mode", async () => {
    const operator = trpcCaller(c.url, operatorCookie);
    expect((await operator.query("cardholders.get", { partner: a.id, mode: "live", id: cardholderA })).status).toBe(
      404,
    );
    const live = await operator.query("cardholders.list", { partner: a.id, mode: "live" });
    expect(live.body.result.data.data).toEqual([]);
  });

  it("refuse a read-only member's action (403) and change nothing", async () => {
    const viewer = trpcCaller(c.url, readOnlyCookie);
    expect((await viewer.query("cards.get", { partner: a.id, mode: "test", id: cardA })).status).toBe(200);
    for (const [path, input] of [
      ["cards.freeze", { partner: a.id, mode: "test", id: cardA }],
      ["cards.close", { partner: a.id, mode: "test", id: cardA, reason: "lost" }],
      ["cards.issue", { partner: a.id, mode: "test", cardholderId: cardholderA, type: "virtual" }],
      ["apiKeys.create", { partner: a.id, mode: "test", kind: "standard" }],
    ] as const) {
      expect((await viewer.mutation(path, input)).status, path).toBe(403);
    }
    const api = partnerApi(c.apiUrl, a.apiKey);
    expect((await api("GET", `/v1/cards/${cardA}`)).body.status).toBe("active");
    expect((await api("GET", `/v1/cards?cardholder_id=${cardholderA}`)).body.data).toHaveLength(1);
  });

  it("refuse an operator what only an admin may do (API keys)", async () => {
    const operator = trpcCaller(c.url, operatorCookie);
    expect((await operator.mutation("apiKeys.create", { partner: a.id, mode: "test", kind: "standard" })).status).toBe(
      403,
    );
    expect((await operator.query("apiKeys.list", { partner: a.id, mode: "test" })).status).toBe(403);
  });

  it("answer 401 to someone not signed in, and 401 to a forged session", async () => {
    const anonymous = trpcCaller(c.url, undefined);
    expect((await anonymous.query("cardholders.list", { partner: a.id, mode: "test" })).status).toBe(401);
    const forged = trpcCaller(c.url, "better-auth.session_token=forged.value");
    expect((await forged.mutation("cards.freeze", { partner: a.id, mode: "test", id: cardA })).status).toBe(401);
  });
});
