import { writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack } from "./console-stack.ts";

/**
 * An operator's day in a real browser against the real stack: find a cardholder, issue a card,
 * freeze it and watch the network's next authorization declined `card_frozen`, unfreeze it and
 * watch the next one approved; an admin makes an API key and sees its secret once.
 */
let c: ConsoleStack;
let browser: Browser;
let page: Page;
let partner: { id: string; apiKey: string };
let api: ReturnType<typeof partnerApi>;
let cardholderId: string;
let cardId: string;

beforeAll(async () => {
  [c, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  partner = await c.createPartner("Sakura Pay");
  api = partnerApi(c.apiUrl, partner.apiKey);
  expect((await api("POST", "/v1/simulate/deposits", { amount: 10_000_000 })).status).toBe(201);
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Hana", last_name: "Suzuki" },
    email: "hana.suzuki@example.com",
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  cardholderId = holder.body.id;
  expect(
    (await api("POST", "/v1/transfers", { type: "load", cardholder_id: cardholderId, amount: 50_000 })).status,
  ).toBe(201);
  // Others the search must leave out.
  for (const [first, last] of [
    ["Kenji", "Watanabe"],
    ["Yui", "Kato"],
  ]) {
    const other = await api("POST", "/v1/cardholders", {
      type: "individual",
      individual: { first_name: first, last_name: last },
    });
    expect(other.status).toBe(201);
  }
  await c.createMember("operator@sakura.test", partner.id, "operator");
  await c.createMember("admin@sakura.test", partner.id, "admin");
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  page.on("crash", () => console.error("page crashed"));
}, 300_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../console.log`, c.console.output.join("\n"));
  await browser?.close();
  await c?.stop();
});

/** What the network would send: an authorization on the card, through the simulator and the gateway. */
async function networkAuthorization(amount: number) {
  const response = await api("POST", "/v1/simulate/authorizations", { card_id: cardId, amount });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; status: string; decline_reason: string | null };
}

describe("an operator", () => {
  it("signs in and lands on the partner's test-mode overview", async () => {
    await signInAs(page, c.url, "operator@sakura.test", PASSWORD);
    await page.waitForURL(`${c.url}/${partner.id}/test`);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.getByText("Test mode", { exact: true }).waitFor();
    await screenshot(page, "01-overview");
  });

  it("finds the cardholder by name", async () => {
    await page.getByRole("link", { name: "Cardholders" }).click();
    await page.getByLabel("Search cardholders").fill("suzuki");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=suzuki/);
    const rows = page.getByRole("table", { name: "Cardholders" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain("Hana Suzuki");
    await screenshot(page, "02-cardholder-search");
    // The search is in the URL: a reload shows the same rows.
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await rows.first().press("Enter");
    await page.waitForURL(`${c.url}/${partner.id}/test/cardholders/${cardholderId}`);
    await page.getByRole("heading", { name: "Hana Suzuki" }).waitFor();
  });

  it("issues a virtual card and activates it; the page shows only the last four digits", async () => {
    await page.getByRole("button", { name: "Issue card" }).click();
    await page.waitForURL(new RegExp(`/${partner.id}/test/cards/card_`));
    cardId = page.url().split("/").at(-1) as string;
    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByRole("button", { name: "Freeze" }).waitFor();
    const pan = (await page.locator(".pan").textContent()) ?? "";
    expect(pan).toMatch(/^•••• •••• •••• \d{4}$/);
    expect(await page.content()).not.toMatch(/\b\d{13,19}\b/);
    await screenshot(page, "03-card-active");
  });

  it("freezes the card, and sees the next authorization declined card_frozen", async () => {
    await page.getByRole("button", { name: "Freeze" }).click();
    await page.getByRole("button", { name: "Unfreeze" }).waitFor();
    const declined = await networkAuthorization(1_500);
    expect([declined.status, declined.decline_reason]).toEqual(["declined", "card_frozen"]);
    const row = page.getByRole("list", { name: "Card authorizations" }).locator("li").first();
    await expect.poll(() => row.getAttribute("data-decision"), { timeout: 15_000 }).toBe("declined");
    expect(await row.textContent()).toContain("card_frozen");
    await screenshot(page, "04-card-frozen-declined");
  });

  it("unfreezes the card, and sees the next authorization approved", async () => {
    await page.getByRole("button", { name: "Unfreeze" }).click();
    await page.getByRole("button", { name: "Freeze" }).waitFor();
    const approved = await networkAuthorization(1_200);
    expect(approved.status).toBe("pending");
    const items = page.getByRole("list", { name: "Card authorizations" }).locator("li");
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => items.first().getAttribute("data-decision"), { timeout: 15_000 }).toBe("approved");
    await screenshot(page, "05-card-unfrozen-approved");
  });

  it("watches both in the live authorization stream and opens the decline's saga timeline", async () => {
    await page.getByRole("link", { name: "Authorizations" }).click();
    const rows = page.getByRole("table", { name: "Authorizations" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await screenshot(page, "06-authorizations-live");
    // A new one appears without a reload.
    await networkAuthorization(800);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    // While the stream keeps refreshing, a click opens the row.
    await rows.filter({ hasText: "card_frozen" }).first().click();
    await page.waitForURL(/\/authorizations\/auth_/);
    const timeline = page.getByRole("list", { name: "Saga timeline" });
    await expect.poll(() => timeline.textContent(), { timeout: 15_000 }).toContain("card");
    expect(await page.locator(".facts").textContent()).toContain("card_frozen");
    await screenshot(page, "07-authorization-timeline");
  });

  it("cannot see the developers area (keys are an admin's)", async () => {
    expect(await page.getByRole("link", { name: "Developers" }).count()).toBe(0);
  });
});

describe("an admin", () => {
  it("creates an API key, sees its secret once, and the key works", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const admin = await context.newPage();
    await signInAs(admin, c.url, "admin@sakura.test", PASSWORD);
    await admin.waitForURL(`${c.url}/${partner.id}/test`);
    await admin.getByRole("link", { name: "Developers" }).click();
    await admin.getByRole("button", { name: "Create API key" }).click();
    await admin.getByRole("form", { name: "New API key" }).getByRole("button", { name: "Create key" }).click();
    const secret = (await admin.locator(".new-key").textContent({ timeout: 15_000 })) ?? "";
    expect(secret).toMatch(/^kb_test_[0-9A-Za-z]{32}$/);
    await screenshot(admin, "08-api-key-created");
    const programs = await partnerApi(c.apiUrl, secret)("GET", "/v1/programs");
    expect(programs.status).toBe(200);
    await admin.reload();
    await expect
      .poll(() => admin.getByRole("table", { name: "API keys" }).locator("tbody tr").count(), { timeout: 15_000 })
      .toBe(2);
    expect(await admin.content()).not.toContain(secret);
    expect(await admin.locator(".redacted-key").allTextContents()).toContain(
      `${secret.slice(0, 8)}…${secret.slice(-4)}`,
    );
    await admin.getByRole("link", { name: "Audit log" }).click();
    const audit = admin.getByRole("table", { name: "Audit log" });
    await expect.poll(() => audit.textContent(), { timeout: 15_000 }).toContain("api_key.create");
    for (const action of ["card.issue", "card.activate", "card.freeze", "card.unfreeze"]) {
      expect(await audit.textContent()).toContain(action);
    }
    expect(await audit.textContent()).not.toContain(secret);
    await screenshot(admin, "09-audit-log");
    await context.close();
  });
});
