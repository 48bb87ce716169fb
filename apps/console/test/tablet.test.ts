import { writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack } from "./console-stack.ts";

/**
 * The console on a tablet (820×1180, an iPad Air held upright): every main page fits the screen's
 * width (a wide table scrolls inside its own box, never the page) and its navigation is reachable.
 */
const TABLET = { width: 820, height: 1180 };

let c: ConsoleStack;
let browser: Browser;
let partner: { id: string; apiKey: string };
const ids: Record<"cardholder" | "card" | "authorization", string> = { cardholder: "", card: "", authorization: "" };

beforeAll(async () => {
  [c, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  partner = await c.createPartner("Tablet Pay");
  const api = partnerApi(c.apiUrl, partner.apiKey);
  expect((await api("POST", "/v1/simulate/deposits", { amount: 1_000_000 })).status).toBe(201);
  // Long values are what push a narrow page sideways.
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Alexandrina Konstantina", last_name: "Takahashi-Vanderbilt" },
    email: "alexandrina.konstantina.takahashi-vanderbilt@example.com",
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  ids.cardholder = holder.body.id;
  expect(
    (await api("POST", "/v1/transfers", { type: "load", cardholder_id: ids.cardholder, amount: 50_000 })).status,
  ).toBe(201);
  const card = await api("POST", "/v1/cards", { cardholder_id: ids.cardholder, type: "virtual" });
  expect(card.status).toBe(201);
  ids.card = card.body.id;
  expect((await api("POST", `/v1/cards/${ids.card}/activate`)).status).toBe(200);
  const merchant = { name: "Shinjuku Department Store Annex Restaurant Floor", mcc: "5812", country: "JP" };
  const authorization = await api("POST", "/v1/simulate/authorizations", {
    card_id: ids.card,
    amount: 4_200,
    merchant,
  });
  expect(authorization.status).toBe(201);
  ids.authorization = authorization.body.id;
  await api("POST", "/v1/simulate/authorizations", { card_id: ids.card, amount: 900_000 });
  await c.createMember("admin@tablet.test", partner.id, "admin");
  await c.createStaff("staff-admin@koban.test", "staff_admin");
}, 300_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../console-tablet.log`, c.console.output.join("\n"));
  await browser?.close();
  await c?.stop();
});

async function tabletPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: TABLET })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  return page;
}

/** Opens `path`, waits until it has loaded its data, and checks what a tablet user depends on. */
async function visit(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${c.url}${path}`);
  await page.waitForFunction(
    () => document.querySelector("main h1, main h2") && !document.querySelector('.state[role="status"]'),
    undefined,
    { timeout: 20_000 },
  );
  expect(await page.locator(".state.error").count(), `${path} shows an error`).toBe(0);
  const width = await page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    inner: window.innerWidth,
  }));
  expect(width.scroll, `${path} is wider than the screen`).toBeLessThanOrEqual(width.inner);
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.isVisible()).resolves.toBe(true);
  const links = nav.getByRole("link");
  expect(await links.count()).toBeGreaterThan(1);
  for (const link of await links.all()) expect(await link.isVisible(), `${path}: a nav link is hidden`).toBe(true);
  await screenshot(page, `tablet-${name}`);
}

describe("the console at tablet width", () => {
  it("fits a partner admin's pages to the screen, with the navigation at hand", async () => {
    const page = await tabletPage();
    await signInAs(page, c.url, "admin@tablet.test", PASSWORD);
    await page.waitForURL(`${c.url}/${partner.id}/**`);
    const base = `/${partner.id}/test`;
    const pages: Array<[string, string]> = [
      [base, "overview"],
      [`${base}/cardholders`, "cardholders"],
      [`${base}/cardholders/${ids.cardholder}`, "cardholder"],
      [`${base}/cards`, "cards"],
      [`${base}/cards/${ids.card}`, "card"],
      [`${base}/authorizations`, "authorizations"],
      [`${base}/authorizations/${ids.authorization}`, "authorization"],
      [`${base}/developers`, "developers"],
      [`${base}/audit`, "audit"],
      [`/${partner.id}/live/cardholders`, "live-cardholders"],
    ];
    for (const [path, name] of pages) await visit(page, path, name);
    // The links of the sections take you there.
    await page.goto(`${c.url}${base}/cards`);
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Cardholders" }).click();
    await page.waitForURL(`${c.url}${base}/cardholders`);
  }, 180_000);

  it("fits a staff admin's pages to the screen, with the navigation at hand", async () => {
    const page = await tabletPage();
    await signInAs(page, c.url, "staff-admin@koban.test", PASSWORD);
    await page.waitForURL(`${c.url}/staff**`);
    const pages: Array<[string, string]> = [
      ["/staff", "staff-kyc"],
      ["/staff/operations", "staff-operations"],
      ["/staff/partners", "staff-partners"],
      ["/staff/cardholders", "staff-cardholders"],
      [`/staff/cardholders?mode=test&q=Takahashi&cardholder=${ids.cardholder}`, "staff-cardholder"],
      ["/staff/accounting", "staff-accounting"],
    ];
    for (const [path, name] of pages) await visit(page, path, name);
  }, 180_000);
});
