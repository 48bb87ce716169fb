import { writeFileSync } from "node:fs";
import { settle } from "@koban/clearing";
import { sendAuthorization } from "@koban/network";
import { eventually } from "@koban/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dismissSecret, launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack, trpcCaller } from "./console-stack.ts";

/**
 * The staff area beyond KYC, in a real browser: an admin creates a partner (its key, shown once,
 * works), suspends it (the API then refuses the key) and reactivates it; compliance holds a
 * card with a reason (the partner cannot undo it) and lifts it; accounting finds a day's settlement from test traffic in the test-mode
 * reports (never in live), with nothing to reconcile. By direct calls: each staff role is held
 * to its own actions, and partner members find no staff procedure at all.
 */
let c: ConsoleStack;
let browser: Browser;
let existing: { id: string; apiKey: string };
let sandbox: ReturnType<typeof partnerApi>;
let card: { id: string; last4: string; cardholderId: string };
let memberCookie: string;
const SAGA_MS = 60_000;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());

async function newPage(email: string, width = 1280): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await signInAs(page, c.url, email, PASSWORD);
  return page;
}

/** A cardholder with an active card, an approved authorization cleared in full, and the day settled. */
async function trafficOfADay() {
  expect((await sandbox("POST", "/v1/simulate/deposits", { amount: 100_000 })).status).toBe(201);
  const holder = await sandbox("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Mio", last_name: "Hayashi" },
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  await sandbox("POST", "/v1/transfers", { type: "load", cardholder_id: holder.body.id, amount: 20_000 });
  const issued = await sandbox("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect((await sandbox("POST", `/v1/cards/${issued.body.id}/activate`)).status).toBe(200);
  const authorization = await sandbox("POST", "/v1/simulate/authorizations", {
    card_id: issued.body.id,
    amount: 1_800,
  });
  expect(authorization.body.status).toBe("pending");
  const cleared = await sandbox("POST", "/v1/simulate/clearings", { authorization_id: authorization.body.id });
  expect(cleared.status, JSON.stringify(cleared.body)).toBe(201);
  await eventually(async () => {
    expect((await settle(c.stack.db.pool, today)).length + (await settledToday())).toBeGreaterThan(0);
  }, SAGA_MS);
  await eventually(async () => {
    const listed = await sandbox("GET", `/v1/settlements?date=${today}`);
    expect(listed.body.data[0]?.status).toBe("posted");
  }, SAGA_MS);
  return { id: issued.body.id as string, last4: issued.body.last4 as string, cardholderId: holder.body.id as string };
}

/** A card with money on it, and the fields the network sends to pay with it. */
async function cardReadyToPay(api: ReturnType<typeof partnerApi>) {
  expect((await api("POST", "/v1/simulate/deposits", { amount: 50_000 })).status).toBe(201);
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: "Sora", last_name: "Ueda" },
    kyc: { method: "partner" },
  });
  await api("POST", "/v1/transfers", { type: "load", cardholder_id: holder.body.id, amount: 20_000 });
  const issued = await api("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect((await api("POST", `/v1/cards/${issued.body.id}/activate`)).status).toBe(200);
  const details = await api("GET", `/v1/cards/${issued.body.id}/details`);
  return () =>
    sendAuthorization({
      gatewayUrl: c.stack.gatewayUrl,
      pan: details.body.number,
      expiry: { month: details.body.exp_month, year: details.body.exp_year },
      cvv2: details.body.cvc,
      amount: 500,
      currency: "JPY",
      merchant: { name: "Konbini", mcc: "5411", country: "JP" },
    }).then((result) => (result.outcome === "answered" ? result.responseCode : result.outcome));
}

async function settledToday(): Promise<number> {
  const listed = await sandbox("GET", `/v1/settlements?date=${today}`);
  return listed.body.data.length;
}

beforeAll(async () => {
  [c, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  existing = await c.createPartner("Kaede Pay");
  sandbox = partnerApi(c.apiUrl, existing.apiKey);
  card = await trafficOfADay();
  await c.createStaff("admin@koban.test", "staff_admin");
  await c.createStaff("compliance@koban.test", "staff_compliance");
  await c.createStaff("accounting@koban.test", "staff_accounting");
  await c.createMember("admin@kaede.test", existing.id, "admin");
  memberCookie = await c.signIn("admin@kaede.test");
}, 400_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../console-staff-admin.log`, c.console.output.join("\n"));
  await browser?.close();
  await c?.stop();
});

describe("a staff admin", () => {
  it("creates a partner whose key, shown once, works; suspends it (its key and cards are refused) and reactivates it", async () => {
    const page = await newPage("admin@koban.test");
    await page.waitForURL(`${c.url}/staff`);
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Partners" }).click();
    await page.waitForURL(`${c.url}/staff/partners`);
    const form = page.getByRole("form", { name: "New partner" });
    // Checked in the page first: nothing is sent while a field is wrong.
    await form.getByLabel("BIN prefix").fill("12");
    await form.getByRole("button", { name: "Create partner" }).click();
    await form.getByText("Give the partner's name.").waitFor();
    await form.getByText("6 to 8 digits.").waitFor();
    await form.getByLabel("Partner name").fill("Hinoki Card");
    await form.getByLabel("Program name").fill("Hinoki prepaid");
    await form.getByLabel("BIN prefix").fill("42424242");
    await form.getByRole("button", { name: "Create partner" }).click();
    const secret = page.getByRole("region", { name: "New partner's API key" });
    const key = ((await secret.locator("code.new-key").textContent()) ?? "").trim();
    expect(key).toMatch(/^kb_test_/);
    await screenshot(page, "40-staff-partner-created");
    const hinoki = partnerApi(c.apiUrl, key);
    await eventually(async () => expect((await hinoki("GET", "/v1/programs")).status).toBe(200), SAGA_MS);
    expect((await hinoki("GET", "/v1/programs")).body.data[0]).toMatchObject({
      name: "Hinoki prepaid",
      currency: "JPY",
    });
    const pay = await cardReadyToPay(hinoki);
    await expect.poll(pay, { timeout: SAGA_MS, interval: 500 }).toBe("00");
    await dismissSecret(page);
    expect(await page.content()).not.toContain(key);

    await page.getByLabel("Mode", { exact: true }).selectOption("test");
    const table = page.getByRole("table", { name: "Partners" });
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain("Hinoki prepaid (JPY)");
    await page.getByRole("button", { name: "Suspend Hinoki Card" }).click();
    const suspension = page.getByRole("region", { name: "Suspend Hinoki Card" });
    await suspension.getByRole("button", { name: "Suspend partner…" }).click();
    await suspension.getByText("Give a reason.").waitFor();
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await suspension.getByLabel("Reason (kept in the audit log)").fill("Unpaid invoices since October");
    await suspension.getByRole("button", { name: "Suspend partner…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Suspend partner" }).click();
    await expect
      .poll(async () => (await hinoki("GET", "/v1/programs")).body.code, { timeout: SAGA_MS })
      .toBe("partner_suspended");
    expect((await hinoki("GET", "/v1/programs")).status).toBe(403);
    // And the network hears "do not honor" for its cards.
    await expect.poll(pay, { timeout: SAGA_MS, interval: 500 }).toBe("05");
    await page.getByRole("button", { name: "Reactivate Hinoki Card" }).waitFor({ timeout: 15_000 });
    expect(await table.textContent()).toContain("Unpaid invoices since October");
    await screenshot(page, "41-staff-partner-suspended");
    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, "42-staff-partners-tablet");
    // Another partner's keys are untouched.
    expect((await sandbox("GET", "/v1/programs")).status).toBe(200);

    await page.getByRole("button", { name: "Reactivate Hinoki Card" }).click();
    await eventually(async () => expect((await hinoki("GET", "/v1/programs")).status).toBe(200), SAGA_MS);
    await expect.poll(pay, { timeout: SAGA_MS, interval: 500 }).toBe("00");
    const { rows } = await c.stack.db.pool.query(
      "SELECT action, outcome, detail FROM console.audit_log WHERE user_email = 'admin@koban.test' ORDER BY id",
    );
    expect(rows.map((row) => row.action)).toEqual(["partner.create", "partner.suspend", "partner.reactivate"]);
    expect(rows[1]).toMatchObject({ outcome: "succeeded", detail: { reason: "Unpaid invoices since October" } });
    expect(JSON.stringify(rows)).not.toContain(key);
    await page.context().close();
  });
});

describe("compliance", () => {
  it("finds a cardholder of any partner by name and holds their card; the partner cannot undo it; staff lift it", async () => {
    const page = await newPage("compliance@koban.test");
    await page.waitForURL(`${c.url}/staff`);
    const nav = page.getByRole("navigation", { name: "Sections" });
    expect(await nav.getByRole("link", { name: "Partners" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Accounting" }).count()).toBe(0);
    await nav.getByRole("link", { name: "Cardholders" }).click();
    await page.getByText("Search for a cardholder").waitFor();
    // Test-mode cardholders are found in test mode only.
    await page.getByLabel("Search cardholders of every partner").fill("hayashi");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("No cardholder matches").waitFor();
    await page.getByLabel("Mode", { exact: true }).selectOption("test");
    const found = page.getByRole("table", { name: "Cardholders found" });
    await expect.poll(() => found.textContent(), { timeout: 15_000 }).toContain("Mio Hayashi");
    expect(await found.textContent()).toContain("Kaede Pay");
    await found.getByRole("row", { name: /Mio Hayashi/ }).press("Enter");
    const holder = page.getByRole("region", { name: "Cardholder Mio Hayashi" });
    await holder.getByRole("button", { name: `Hold card ${card.last4}` }).click();
    await holder.getByLabel("Reason (shown to the partner, kept in the audit log)").fill("Card used in a fraud ring");
    await holder.getByRole("button", { name: "Hold card…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Hold card" }).click();
    await holder.getByText("The card is held.").waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await sandbox("GET", `/v1/cards/${card.id}`)).body.compliance_hold?.reason, {
        timeout: SAGA_MS,
      })
      .toBe("Card used in a fraud ring");
    await expect.poll(() => holder.textContent(), { timeout: 15_000 }).toContain("Card used in a fraud ring");
    await screenshot(page, "43-staff-compliance-card-held");

    // The partner froze and cannot unfreeze it; its console shows the hold and offers no unfreeze.
    expect((await sandbox("POST", `/v1/cards/${card.id}/freeze`)).status).toBe(200);
    const unfreeze = await sandbox("POST", `/v1/cards/${card.id}/unfreeze`);
    expect([unfreeze.status, unfreeze.body.code]).toEqual([409, "compliance_hold"]);
    const operator = await newPage("admin@kaede.test");
    await operator.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
    await operator.goto(`${c.url}/${existing.id}/test/cards/${card.id}`);
    const note = operator.getByRole("note", { name: "Compliance hold" });
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain("Card used in a fraud ring");
    expect(await operator.getByRole("button", { name: "Unfreeze" }).count()).toBe(0);
    await screenshot(operator, "43b-partner-card-held");
    // The list shows it too, beside the partner's own status.
    await operator.goto(`${c.url}/${existing.id}/test/cards`);
    const heldRow = operator.getByRole("table", { name: "Cards" }).getByRole("row", { name: new RegExp(card.last4) });
    await expect.poll(() => heldRow.textContent(), { timeout: 15_000 }).toContain("held by koban");
    expect(await heldRow.textContent()).toContain("frozen");
    await operator.context().close();

    await holder.getByRole("button", { name: `Lift the hold on card ${card.last4}` }).click();
    await holder.getByLabel("Reason (shown to the partner, kept in the audit log)").fill("Investigation closed");
    await holder.getByRole("button", { name: "Lift hold…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Lift hold" }).click();
    await holder.getByText("The card's hold is lifted.").waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await sandbox("GET", `/v1/cards/${card.id}`)).body.compliance_hold, { timeout: SAGA_MS })
      .toBeNull();
    expect((await sandbox("POST", `/v1/cards/${card.id}/unfreeze`)).status).toBe(200);
    const { rows } = await c.stack.db.pool.query(
      `SELECT action, target, partner_id, detail FROM console.audit_log WHERE user_email = 'compliance@koban.test'
       ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        action: "compliance.hold_card",
        target: card.id,
        partner_id: existing.id,
        detail: { reason: "Card used in a fraud ring" },
      },
      {
        action: "compliance.lift_card_hold",
        target: card.id,
        partner_id: existing.id,
        detail: { reason: "Investigation closed" },
      },
    ]);
    await page.context().close();
  }, 120_000);

  it("holds a cardholder by a direct call too: the partner sees the hold and cannot reactivate until it is lifted", async () => {
    const compliance = trpcCaller(c.url, await c.signIn("compliance@koban.test"));
    const short = await compliance.mutation("staffCompliance.holdCardholder", {
      mode: "test",
      cardholderId: card.cardholderId,
      reason: "x",
    });
    expect(short.status).toBe(400);
    const done = await compliance.mutation("staffCompliance.holdCardholder", {
      mode: "test",
      cardholderId: card.cardholderId,
      reason: "Sanctions list match",
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await expect
      .poll(async () => (await sandbox("GET", `/v1/cardholders/${card.cardholderId}`)).body.compliance_hold?.reason, {
        timeout: SAGA_MS,
      })
      .toBe("Sanctions list match");
    expect((await sandbox("PATCH", `/v1/cardholders/${card.cardholderId}`, { status: "suspended" })).status).toBe(200);
    const reactivate = await sandbox("PATCH", `/v1/cardholders/${card.cardholderId}`, { status: "active" });
    expect([reactivate.status, reactivate.body.code]).toEqual([409, "compliance_hold"]);

    // Compliance's list of open holds shows it, in its mode only.
    const heldIds = async (mode: "test" | "live") => {
      const list = await compliance.query("staffCompliance.searchCardholders", { mode, held: true });
      return (list.body.result.data as Array<{ id: string }>).map((holder) => holder.id);
    };
    expect(await heldIds("test")).toContain(card.cardholderId);
    expect(await heldIds("live")).not.toContain(card.cardholderId);
    const page = await newPage("compliance@koban.test");
    await page.waitForURL(`${c.url}/staff`);
    await page.goto(`${c.url}/staff/cardholders?mode=test&hold=held`);
    const held = page.getByRole("table", { name: "Cardholders found" });
    await expect.poll(() => held.textContent(), { timeout: 15_000 }).toContain("Mio Hayashi");
    await screenshot(page, "43c-staff-open-holds");
    await page.context().close();

    const lifted = await compliance.mutation("staffCompliance.liftCardholderHold", {
      mode: "test",
      cardholderId: card.cardholderId,
      reason: "Name match was a different person",
    });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    await expect
      .poll(async () => (await sandbox("GET", `/v1/cardholders/${card.cardholderId}`)).body.compliance_hold, {
        timeout: SAGA_MS,
      })
      .toBeNull();
    expect((await sandbox("PATCH", `/v1/cardholders/${card.cardholderId}`, { status: "active" })).status).toBe(200);
    expect(await heldIds("test")).not.toContain(card.cardholderId);
  });
});

describe("accounting", () => {
  it("sees the day's test settlement in the test-mode reports, never in live, and nothing to reconcile", async () => {
    const page = await newPage("accounting@koban.test");
    await page.waitForURL(`${c.url}/staff/accounting`);
    const nav = page.getByRole("navigation", { name: "Sections" });
    expect(await nav.getByRole("link", { name: "Partners" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "KYC review" }).count()).toBe(0);
    // Live is the default, and test traffic is not in it.
    await page.getByText("No settlements in this period").waitFor();
    await page.getByLabel("Mode", { exact: true }).selectOption("test");
    const settlements = page.getByRole("table", { name: "Settlements by day" });
    await expect.poll(() => settlements.textContent(), { timeout: 15_000 }).toContain(today);
    expect(await settlements.textContent()).toContain("¥1,800");
    await page.getByRole("region", { name: "Reconciliation" }).getByText("No differences").waitFor();
    const balances = page.getByRole("table", { name: "Ledger balances by partner" });
    expect(await balances.textContent()).toContain("Kaede Pay");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV of settlements by day" }).click(),
    ]);
    const path = await download.path();
    const csv = (await import("node:fs")).readFileSync(path, "utf8").trimEnd().split("\r\n");
    expect(csv[0]).toBe(
      "date,currency,settlements,transactions,purchases,refunds,force_posts,interchange,shortfall,net_amount,unposted",
    );
    expect(csv[1]).toMatch(new RegExp(`^${today},JPY,\\d+,\\d+,\\d+,`));
    expect(csv[1]?.split(",")[4]).toBe("1800");
    await page.getByRole("region", { name: "Prepaid unused balance" }).getByLabel("Base date").waitFor();
    await screenshot(page, "44-staff-accounting");
    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, "45-staff-accounting-tablet");
    await page.context().close();
  });
});

describe("staff procedures called directly", () => {
  it("hold each staff role to its own actions", async () => {
    const accounting = trpcCaller(c.url, await c.signIn("accounting@koban.test"));
    const newPartner = {
      name: "Sneaky KK",
      mode: "test",
      programName: "P",
      currency: "JPY",
      timezone: "Asia/Tokyo",
      binPrefix: "42424242",
    };
    expect((await accounting.mutation("staffPartners.create", newPartner)).status).toBe(403);
    expect(
      (await accounting.mutation("staffCompliance.holdCard", { mode: "test", cardId: card.id, reason: "no" })).status,
    ).toBe(403);
    const compliance = trpcCaller(c.url, await c.signIn("compliance@koban.test"));
    expect((await compliance.mutation("staffPartners.suspend", { id: existing.id, reason: "not mine" })).status).toBe(
      403,
    );
    expect((await compliance.query("staffAccounting.ledgerBalances", { mode: "live" })).status).toBe(403);
    expect((await sandbox("GET", "/v1/programs")).status).toBe(200);
  });

  it("are 404 for ids that do not exist, or exist only in the other mode", async () => {
    const admin = trpcCaller(c.url, await c.signIn("admin@koban.test"));
    for (const [path, input] of [
      ["staffPartners.suspend", { id: "ptn_00000000000000000000000000", reason: "gone" }],
      ["staffPartners.reactivate", { id: "ptn_00000000000000000000000000" }],
      ["staffCompliance.holdCard", { mode: "live", cardId: card.id, reason: "wrong mode" }],
      ["staffCompliance.liftCardHold", { mode: "live", cardId: card.id, reason: "wrong mode" }],
      ["staffCompliance.holdCardholder", { mode: "live", cardholderId: card.cardholderId, reason: "wrong mode" }],
    ] as const) {
      expect((await admin.mutation(path, input)).status, path).toBe(404);
    }
    expect(
      (await admin.query("staffCompliance.cardholderCards", { mode: "live", cardholderId: card.cardholderId })).status,
    ).toBe(404);
  });

  it("are all 404 to a partner's member, who changes nothing", async () => {
    const member = trpcCaller(c.url, memberCookie);
    const queries = [
      ["staffPartners.list", { mode: "live" }],
      ["staffCompliance.searchCardholders", { mode: "test", text: "Mio" }],
      ["staffCompliance.cardholderCards", { mode: "test", cardholderId: card.cardholderId }],
      ["staffAccounting.settlementTotals", { mode: "test" }],
      ["staffAccounting.ledgerBalances", { mode: "test" }],
      ["staffAccounting.reconciliation", { mode: "test" }],
      ["staffAccounting.prepaidBalances", { baseDate: "2026-09-30" }],
    ] as const;
    for (const [path, input] of queries) {
      const response = await member.query(path, input);
      expect(response.status, path).toBe(404);
      expect(JSON.stringify(response.body), path).not.toMatch(/Mio|Hinoki|stack/);
    }
    const mutations = [
      [
        "staffPartners.create",
        { name: "X", mode: "test", programName: "P", currency: "JPY", timezone: "Asia/Tokyo", binPrefix: "42424242" },
      ],
      ["staffPartners.suspend", { id: existing.id, reason: "by a member" }],
      ["staffPartners.reactivate", { id: existing.id }],
      ["staffCompliance.holdCardholder", { mode: "test", cardholderId: card.cardholderId, reason: "by a member" }],
      ["staffCompliance.liftCardholderHold", { mode: "test", cardholderId: card.cardholderId, reason: "by a member" }],
      ["staffCompliance.holdCard", { mode: "test", cardId: card.id, reason: "by a member" }],
      ["staffCompliance.liftCardHold", { mode: "test", cardId: card.id, reason: "by a member" }],
    ] as const;
    for (const [path, input] of mutations) expect((await member.mutation(path, input)).status, path).toBe(404);
    expect((await sandbox("GET", "/v1/programs")).status).toBe(200);
    const { rows } = await c.stack.db.pool.query(
      "SELECT count(*)::int AS n FROM console.audit_log WHERE user_email = 'admin@kaede.test'",
    );
    expect(rows[0].n).toBe(0);
  });
});
