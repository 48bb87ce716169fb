import { writeFileSync } from "node:fs";
import { createApiKey } from "@koban/cli/api-keys";
import { FreezeCard } from "@koban/contracts";
import { createCommand } from "@koban/messaging";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack } from "./console-stack.ts";

/**
 * Koban's staff in a real browser: approve a live cardholder's KYC from the review queue (test
 * data stays out of it), replay a dead-lettered command so its consumer finally applies it, and
 * follow an authorization's saga from its correlation id.
 */
let c: ConsoleStack;
let browser: Browser;
let page: Page;
let partner: { id: string; apiKey: string };
let live: ReturnType<typeof partnerApi>;
let test: ReturnType<typeof partnerApi>;
let liveCardholder: string;
let testCardholder: string;

beforeAll(async () => {
  [c, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  partner = await c.createPartner("Momiji Bank");
  test = partnerApi(c.apiUrl, partner.apiKey);
  const liveKey = await createApiKey(c.stack.db.pool, partner.id, { livemode: true });
  live = partnerApi(c.apiUrl, liveKey.api_key);
  const waiting = await live("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Riko", last_name: "Mori" },
  });
  expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
  liveCardholder = waiting.body.id;
  const testOne = await test("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Testa", last_name: "Only" },
  });
  expect(testOne.status).toBe(201);
  testCardholder = testOne.body.id;
  await c.createStaff("compliance@koban.test", "staff_admin");
  page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
}, 300_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../console-staff.log`, c.console.output.join("\n"));
  await browser?.close();
  await c?.stop();
});

describe("staff", () => {
  it("approve a live cardholder's KYC from the queue, where test-mode cardholders never appear", async () => {
    await signInAs(page, c.url, "compliance@koban.test", PASSWORD);
    await page.waitForURL(`${c.url}/staff`);
    const queue = page.getByRole("list", { name: "KYC queue" });
    await queue.waitFor();
    expect(await queue.textContent()).toContain("Riko Mori");
    expect(await queue.textContent()).toContain("Momiji Bank");
    expect(await queue.textContent()).not.toContain(testCardholder);
    await screenshot(page, "10-staff-kyc-queue");
    const item = page.getByRole("listitem", { name: "KYC case Riko Mori" });
    await item.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(async () => (await live("GET", `/v1/cardholders/${liveCardholder}`)).body.kyc_status, {
        timeout: 30_000,
      })
      .toBe("verified");
    await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(0);
    // The test-mode cardholder waits in the test queue, untouched.
    await page.getByLabel("Mode").selectOption("test");
    await expect
      .poll(() => page.getByRole("list", { name: "KYC queue" }).textContent(), { timeout: 30_000 })
      .toContain("Testa Only");
    expect((await test("GET", `/v1/cardholders/${testCardholder}`)).body.kyc_status).toBe("pending");
  });

  it("replay a dead-lettered command, which its consumer then applies", async () => {
    const holder = await test("POST", "/v1/cardholders", {
      type: "individual",
      individual: { first_name: "Dai", last_name: "Kuro" },
      kyc: { method: "partner" },
    });
    const card = await test("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
    expect((await test("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
    // As `card`'s consumer records a command it gave up on (see recordFailure in @koban/messaging).
    const command = createCommand(
      FreezeCard,
      { card_id: card.body.id },
      { source: "cli", tenant: { partnerId: partner.id, livemode: false } },
    );
    await c.stack.db.pool.query(
      `INSERT INTO bus.dead_letters (consumer, queue, message_id, message_type, envelope, attempts, error)
       VALUES ('card', 'cmd.card', $1, 'FreezeCard', $2, 8, 'Error: connection terminated unexpectedly')`,
      [command.id, command],
    );
    await page.goto(`${c.url}/staff/operations`);
    const letters = page.getByRole("table", { name: "Dead letters" });
    await letters.waitFor();
    expect(await letters.textContent()).toContain("FreezeCard");
    await screenshot(page, "11-staff-dead-letters");
    await letters.getByRole("button", { name: "Replay…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Replay" }).click();
    await page.getByText("No dead letters").waitFor();
    await expect
      .poll(async () => (await test("GET", `/v1/cards/${card.body.id}`)).body.status, {
        timeout: 20_000,
      })
      .toBe("frozen");
  });

  it("find an authorization's saga by its correlation id, every participant's part in order", async () => {
    const holder = await test("POST", "/v1/cardholders", {
      type: "individual",
      individual: { first_name: "Sora", last_name: "Aoki" },
      kyc: { method: "partner" },
    });
    expect((await test("POST", "/v1/simulate/deposits", { amount: 100_000 })).status).toBe(201);
    await test("POST", "/v1/transfers", { type: "load", cardholder_id: holder.body.id, amount: 10_000 });
    const card = await test("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
    await test("POST", `/v1/cards/${card.body.id}/activate`);
    const authorization = await test("POST", "/v1/simulate/authorizations", { card_id: card.body.id, amount: 700 });
    expect(authorization.status).toBe(201);
    const { rows } = await c.stack.db.pool.query<{ correlation: string }>(
      `SELECT envelope->>'correlationId' AS correlation FROM eventstore.events
       WHERE type = 'AuthorizationRequested' AND envelope->'payload'->>'authorization_id' = $1`,
      [authorization.body.id],
    );
    const correlation = rows[0]?.correlation as string;
    expect(correlation).toBeTruthy();
    await page.getByLabel("Correlation id").fill(correlation);
    await page.getByRole("button", { name: "Find saga" }).click();
    const events = page.getByRole("list", { name: "Saga events" });
    await expect.poll(() => events.textContent(), { timeout: 15_000 }).toContain("AuthorizationApproved");
    const text = (await events.textContent()) ?? "";
    for (const type of ["AuthorizationRequested", "AuthorizationApproved"]) expect(text).toContain(type);
    for (const source of ["processing", "card", "cardholder", "account"]) expect(text).toContain(source);
    expect(text.indexOf("AuthorizationRequested")).toBeLessThan(text.indexOf("AuthorizationApproved"));
    await screenshot(page, "12-staff-saga");
  });

  it("are not partner members: a partner's pages are 404 to them", async () => {
    const response = await page.goto(`${c.url}/${partner.id}/test`);
    expect(response?.status()).toBe(404);
  });
});
