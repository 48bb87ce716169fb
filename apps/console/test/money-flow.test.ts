import { readFileSync, writeFileSync } from "node:fs";
import { settle } from "@koban/clearing";
import { eventually } from "@koban/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack, trpcCaller } from "./console-stack.ts";

/**
 * A partner admin's money in a real browser against the real stack: balances, a load that moves
 * them, an unload beyond the balance refused inline that moves nothing, a simulated deposit; a day
 * of network traffic settled by clearing, its settlement opened and its CSV downloaded (the same
 * file the API gives); the overview's figures for the day. Then the procedures called directly:
 * only an admin moves money, and another partner's ids are unknown.
 */
let c: ConsoleStack;
let browser: Browser;
let page: Page;
let a: { id: string; apiKey: string };
let b: { id: string; apiKey: string };
let apiA: ReturnType<typeof partnerApi>;
let apiB: ReturnType<typeof partnerApi>;
let hana: { cardholderId: string; cardId: string };
let ben: { cardholderId: string; cardId: string };
let adminCookie: string;
let settlementA: string;
let settlementB: string;
let transactionB: string;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
/** How long a saga (clearing → account → the read side) may take on a busy machine. */
const SAGA_MS = 60_000;

async function cardholderWithCard(api: ReturnType<typeof partnerApi>, first: string, last: string) {
  const holder = await api("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: first, last_name: last },
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  const card = await api("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect(card.status).toBe(201);
  expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  return { cardholderId: holder.body.id as string, cardId: card.body.id as string };
}

/** The cardholder's prepaid balance as the API shows it (0 before the first load opens it). */
async function prepaidAvailable(api: ReturnType<typeof partnerApi>, cardholderId: string): Promise<number> {
  const accounts = await api("GET", `/v1/accounts?cardholder_id=${cardholderId}`);
  return accounts.body.data[0]?.balances.available ?? 0;
}

/** Cleared authorizations, posted in the ledger by account (what a settlement counts). */
async function waitForPostings(partnerId: string, count: number) {
  await eventually(async () => {
    const { rows } = await c.stack.db.pool.query(
      "SELECT count(*)::int AS n FROM clearing.transactions WHERE partner_id = $1 AND status = 'posted'",
      [partnerId],
    );
    expect(rows[0].n).toBe(count);
  }, SAGA_MS);
}

beforeAll(async () => {
  [c, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
  [a, b] = await Promise.all([c.createPartner("Sakura Money"), c.createPartner("Beta Money")]);
  apiA = partnerApi(c.apiUrl, a.apiKey);
  apiB = partnerApi(c.apiUrl, b.apiKey);
  expect((await apiA("POST", "/v1/simulate/deposits", { amount: 1_000_000 })).status).toBe(201);
  expect((await apiB("POST", "/v1/simulate/deposits", { amount: 1_000_000 })).status).toBe(201);
  hana = await cardholderWithCard(apiA, "Hana", "Suzuki");
  ben = await cardholderWithCard(apiB, "Ben", "Baker");
  await c.createMember("admin@sakura-money.test", a.id, "admin");
  await c.createMember("operator@sakura-money.test", a.id, "operator");
  await c.createMember("viewer@sakura-money.test", a.id, "read_only");
  adminCookie = await c.signIn("admin@sakura-money.test");
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
}, 300_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../money-console.log`, c.console.output.join("\n"));
  await browser?.close();
  await c?.stop();
});

const moveMoney = () => page.getByRole("form", { name: "Move money" });
const fundingAvailable = () => page.getByTestId("funding-available");
const transferRows = () => page.getByRole("table", { name: "Transfers" }).locator("tbody tr");

describe("a partner admin's funding page", () => {
  it("shows the program's funding, and no cardholder balance or transfer yet", async () => {
    await signInAs(page, c.url, "admin@sakura-money.test", PASSWORD);
    await page.waitForURL(`${c.url}/${a.id}/test`);
    await page.getByRole("link", { name: "Funding" }).click();
    await page.getByRole("heading", { name: "Funding", exact: true }).waitFor();
    await expect.poll(() => fundingAvailable().textContent(), { timeout: 15_000 }).toBe("¥1,000,000");
    await page.getByText("No cardholder balances yet").waitFor();
    await page.getByText("No transfers yet").waitFor();
    await screenshot(page, "money-01-funding-empty");
  });

  it("checks the form before sending anything", async () => {
    await moveMoney().getByRole("button", { name: "Load funds" }).click();
    await moveMoney().getByText("Choose a cardholder.").waitFor();
    await moveMoney().getByText("Enter a whole number.").waitFor();
    await moveMoney()
      .getByLabel(/^Amount/)
      .fill("12.5");
    await moveMoney().getByRole("button", { name: "Load funds" }).click();
    await moveMoney().getByText("Enter a whole number.").waitFor();
    expect((await apiA("GET", "/v1/transfers")).body.data).toEqual([]);
  });

  it("loads a cardholder: the transfer shows and both balances change", async () => {
    await moveMoney()
      .getByRole("combobox", { name: /^Cardholder/ })
      .selectOption(hana.cardholderId);
    await moveMoney()
      .getByLabel(/^Amount/)
      .fill("20000");
    await moveMoney().getByRole("button", { name: "Load funds" }).click();
    await moveMoney().getByRole("status").getByText("Loaded ¥20,000 to Hana Suzuki.").waitFor({ timeout: 15_000 });
    await expect.poll(() => transferRows().count(), { timeout: 15_000 }).toBe(1);
    expect(await transferRows().first().textContent()).toMatch(/load.*Hana Suzuki.*¥20,000/);
    await expect.poll(() => fundingAvailable().textContent(), { timeout: 15_000 }).toBe("¥980,000");
    const balance = page.getByRole("table", { name: "Cardholder balances" }).locator("tbody tr");
    await expect.poll(() => balance.first().textContent(), { timeout: 15_000 }).toContain("Hana Suzuki¥20,000");
    expect(await prepaidAvailable(apiA, hana.cardholderId)).toBe(20_000);
    await screenshot(page, "money-02-loaded");
  });

  it("asks before an unload, and refuses one beyond the balance inline, moving nothing", async () => {
    await moveMoney()
      .getByRole("radio", { name: /^Unload/ })
      .check();
    await moveMoney()
      .getByRole("combobox", { name: /^Cardholder/ })
      .selectOption(hana.cardholderId);
    await moveMoney()
      .getByLabel(/^Amount/)
      .fill("50000");
    await moveMoney().getByRole("button", { name: "Unload funds" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("¥50,000 leaves Hana Suzuki's balance").waitFor();
    await screenshot(page, "money-03-unload-confirm");
    await dialog.getByRole("button", { name: "Unload", exact: true }).click();
    const error = moveMoney().locator("#transfer-amount-error");
    await expect
      .poll(() => error.textContent(), { timeout: 15_000 })
      .toBe("Insufficient funds: the cardholder's balance has only ¥20,000 available.");
    expect(
      await moveMoney()
        .getByLabel(/^Amount/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
    await screenshot(page, "money-04-unload-refused");
    expect(await prepaidAvailable(apiA, hana.cardholderId)).toBe(20_000);
    expect((await apiA("GET", "/v1/transfers")).body.data).toHaveLength(1);
    expect(await fundingAvailable().textContent()).toBe("¥980,000");
  });

  it("unloads within the balance once confirmed, and filters transfers by type in the URL", async () => {
    await moveMoney()
      .getByLabel(/^Amount/)
      .fill("5000");
    await moveMoney().getByRole("button", { name: "Unload funds" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Unload", exact: true }).click();
    await moveMoney().getByText("Unloaded ¥5,000 from Hana Suzuki.").waitFor({ timeout: 15_000 });
    await expect.poll(() => transferRows().count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => fundingAvailable().textContent(), { timeout: 15_000 }).toBe("¥985,000");
    await page.locator(".toolbar").getByRole("combobox", { name: /^Type/ }).selectOption("unload");
    await page.waitForURL(/type=unload/);
    await expect.poll(() => transferRows().count(), { timeout: 15_000 }).toBe(1);
    await page.reload();
    await expect.poll(() => transferRows().count(), { timeout: 15_000 }).toBe(1);
    expect(await transferRows().first().textContent()).toContain("unload");
    expect(await prepaidAvailable(apiA, hana.cardholderId)).toBe(15_000);
  });

  it("simulates a deposit in test mode into the program's funding", async () => {
    const deposit = page.getByRole("form", { name: "Simulate a deposit" });
    await deposit.getByLabel(/^Deposit amount/).fill("100000");
    await deposit.getByLabel(/^Description/).fill("Top-up from the bank");
    await deposit.getByRole("button", { name: "Simulate deposit" }).click();
    await deposit.getByText("Deposited ¥100,000.").waitFor({ timeout: 15_000 });
    await expect.poll(() => fundingAvailable().textContent(), { timeout: 15_000 }).toBe("¥1,085,000");
    await screenshot(page, "money-05-after-deposit");
  });

  it("fits a tablet's width", async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${c.url}/${a.id}/test/funding`);
    await expect.poll(() => fundingAvailable().textContent(), { timeout: 15_000 }).toBe("¥1,085,000");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "money-06-funding-tablet");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe("a day's traffic, settled", () => {
  let decisions: string[];

  it("is authorized and cleared through the API's simulator, then settled by clearing", async () => {
    decisions = [];
    const approved: string[] = [];
    // Hana holds ¥15,000: the last one is declined for insufficient funds.
    for (const amount of [1_000, 2_000, 50_000]) {
      const response = await apiA("POST", "/v1/simulate/authorizations", { card_id: hana.cardId, amount });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      decisions.push(response.body.status);
      if (response.body.status !== "declined") approved.push(response.body.id);
    }
    expect(decisions[2]).toBe("declined");
    for (const id of approved) {
      expect([201, 503]).toContain((await apiA("POST", "/v1/simulate/clearings", { authorization_id: id })).status);
    }
    // Partner B's own day, settled by the same run.
    expect(
      (await apiB("POST", "/v1/transfers", { type: "load", cardholder_id: ben.cardholderId, amount: 9_000 })).status,
    ).toBe(201);
    const other = await apiB("POST", "/v1/simulate/authorizations", { card_id: ben.cardId, amount: 4_000 });
    expect(other.body.status).toBe("pending");
    expect([201, 503]).toContain(
      (await apiB("POST", "/v1/simulate/clearings", { authorization_id: other.body.id })).status,
    );
    await waitForPostings(a.id, approved.length);
    await waitForPostings(b.id, 1);
    transactionB = (
      await eventually(async () => {
        const listed = await apiB("GET", "/v1/transactions");
        expect(listed.body.data).toHaveLength(1);
        return listed.body.data[0];
      }, SAGA_MS)
    ).id;

    const made = await settle(c.stack.db.pool, today);
    settlementA = made.find((s) => s.tenant.partnerId === a.id)?.id as string;
    settlementB = made.find((s) => s.tenant.partnerId === b.id)?.id as string;
    expect([settlementA, settlementB]).toEqual([expect.stringMatching(/^stl_/), expect.stringMatching(/^stl_/)]);
    // The read side has the settlement and every transaction it counts.
    await eventually(async () => {
      const csv = await fetch(`${c.apiUrl}/v1/settlements/${settlementA}/csv`, {
        headers: { authorization: `Bearer ${a.apiKey}` },
      });
      expect(csv.status).toBe(200);
      expect((await csv.text()).trim().split("\n")).toHaveLength(1 + approved.length);
    }, SAGA_MS);
  });

  it("shows in the settlements list, filtered by day in the URL", async () => {
    await page.getByRole("link", { name: "Settlements" }).click();
    const rows = page.getByRole("table", { name: "Settlements" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(today);
    await page.getByLabel("Day").fill("2020-01-01");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/date=2020-01-01/);
    await page.getByText("No settlement on 2020-01-01").waitFor();
    await page.getByLabel("Day").fill(today);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(new RegExp(`date=${today}`));
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, "money-07-settlements");
  });

  it("opens with its line items, and downloads the same CSV as the API's", async () => {
    await page.getByRole("table", { name: "Settlements" }).locator("tbody tr").first().press("Enter");
    await page.waitForURL(`${c.url}/${a.id}/test/settlements/${settlementA}`);
    const api = (await apiA("GET", `/v1/settlements/${settlementA}`)).body;
    const purchases = api.line_items.find((line: { type: string }) => line.type === "purchase");
    const lines = page.getByRole("table", { name: "Line items" });
    await expect.poll(() => lines.textContent(), { timeout: 15_000 }).toContain(`Purchases${purchases.count}`);
    expect(purchases.amount).toBe(3_000);
    expect(await page.getByTestId("net-amount").textContent()).toBe(`¥${api.net_amount.toLocaleString("en")}`);
    await screenshot(page, "money-08-settlement-detail");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`settlement-${today}-JPY.csv`);
    const saved = readFileSync(await download.path(), "utf8");
    const fromApi = await fetch(`${c.apiUrl}/v1/settlements/${settlementA}/csv`, {
      headers: { authorization: `Bearer ${a.apiKey}` },
    });
    expect(saved).toBe(await fromApi.text());
  });

  it("lists each posted transaction, and opens one linked to its authorization", async () => {
    await page.getByRole("link", { name: "Transactions" }).click();
    const posted = (await apiA("GET", "/v1/transactions")).body.data as Array<{ id: string; authorization_id: string }>;
    expect(posted).toHaveLength(decisions.filter((status) => status !== "declined").length);
    const rows = page.getByRole("table", { name: "Transactions" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(posted.length);
    await page.getByLabel("Type").selectOption("refund");
    await page.waitForURL(/type=refund/);
    await page.getByText("No transactions yet").waitFor();
    await page.getByLabel("Type").selectOption("purchase");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(posted.length);
    await screenshot(page, "money-10-transactions");
    const newest = posted[0] as { id: string; authorization_id: string };
    await rows.first().press("Enter");
    await page.waitForURL(`${c.url}/${a.id}/test/transactions/${newest.id}`);
    await page.getByRole("link", { name: newest.authorization_id }).waitFor();
    await screenshot(page, "money-11-transaction-detail");
  });

  it("is counted on the overview: today's authorizations and approval rate match the traffic", async () => {
    await page.getByRole("link", { name: "Overview" }).click();
    const approved = decisions.filter((status) => status !== "declined").length;
    await expect
      .poll(() => page.getByTestId("authorizations-today").textContent(), { timeout: 15_000 })
      .toBe(String(decisions.length));
    expect(await page.getByTestId("approval-rate").textContent()).toBe(
      `${Math.round((approved / decisions.length) * 100)}%`,
    );
    await page.getByRole("list", { name: "Declines by reason" }).getByText("insufficient funds").waitFor();
    await page.getByText("Asia/Tokyo", { exact: false }).first().waitFor();
    const hourly = page.getByRole("table", { name: "Authorizations by hour" });
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", hour12: false }).format(new Date()),
    );
    await page.getByText("Show as a table").click();
    const cells = await hourly.locator("tbody tr").nth(hour).locator("td").allTextContents();
    // The traffic ran a moment ago: in this hour, or the one before if it just turned.
    const previous = await hourly
      .locator("tbody tr")
      .nth(Math.max(0, hour - 1))
      .locator("td")
      .allTextContents();
    const sum = (row: string[]) => row.reduce((total, cell) => total + Number(cell), 0);
    expect(sum(cells) + (hour > 0 ? sum(previous) : 0)).toBe(decisions.length);
    await screenshot(page, "money-09-overview");
  });

  it("keeps an audit trail of the money moved and the file downloaded", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    const audit = page.getByRole("table", { name: "Audit log" });
    await expect.poll(() => audit.textContent(), { timeout: 15_000 }).toContain("settlement.download_csv");
    for (const action of ["funding.load", "funding.unload", "funding.deposit"]) {
      expect(await audit.textContent()).toContain(action);
    }
    expect(await audit.textContent()).toContain("failed");
  });
});

describe("the money procedures called directly", () => {
  const scope = () => ({ partner: a.id, mode: "test" as const });

  it("let only an admin move money: an operator and a read-only member are refused (403), nothing moves", async () => {
    const before = await prepaidAvailable(apiA, hana.cardholderId);
    for (const email of ["operator@sakura-money.test", "viewer@sakura-money.test"]) {
      const member = trpcCaller(c.url, await c.signIn(email));
      expect((await member.query("funding.balances", { ...scope() })).status, email).toBe(200);
      const load = { ...scope(), type: "load", cardholderId: hana.cardholderId, amount: 1_000 };
      expect((await member.mutation("funding.transfer", load)).status, email).toBe(403);
      expect((await member.mutation("funding.deposit", { ...scope(), amount: 1_000 })).status, email).toBe(403);
    }
    expect(await prepaidAvailable(apiA, hana.cardholderId)).toBe(before);
    expect((await apiA("GET", "/v1/transfers")).body.data).toHaveLength(2);
  });

  it("check the form on the server too", async () => {
    const admin = trpcCaller(c.url, adminCookie);
    const bad = { ...scope(), type: "load", cardholderId: hana.cardholderId, amount: -5 };
    expect((await admin.mutation("funding.transfer", bad)).status).toBe(400);
    expect((await admin.mutation("funding.transfer", { ...bad, amount: 1.5 })).status).toBe(400);
  });

  it("do not know partner B's ids under A's path, nor B's path at all (404)", async () => {
    const admin = trpcCaller(c.url, adminCookie);
    const calls = [
      () => admin.query("settlements.get", { ...scope(), id: settlementB }),
      () => admin.query("settlements.csv", { ...scope(), id: settlementB }),
      () => admin.query("settlements.get", { partner: b.id, mode: "test", id: settlementB }),
      () => admin.query("settlements.list", { partner: b.id, mode: "test" }),
      () => admin.query("transactions.get", { ...scope(), id: transactionB }),
      () => admin.query("transactions.list", { partner: b.id, mode: "test" }),
      () => admin.query("funding.balances", { partner: b.id, mode: "test" }),
      () => admin.query("overview.today", { partner: b.id, mode: "test" }),
      () =>
        admin.mutation("funding.transfer", { ...scope(), type: "unload", cardholderId: ben.cardholderId, amount: 1 }),
      () =>
        admin.mutation("funding.transfer", {
          partner: b.id,
          mode: "test",
          type: "unload",
          cardholderId: ben.cardholderId,
          amount: 1,
        }),
    ];
    for (const call of calls) {
      const response = await call();
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/Ben|Beta Money|stack/);
    }
    expect(await prepaidAvailable(apiB, ben.cardholderId)).toBe(5_000);
    expect((await apiB("GET", "/v1/transfers")).body.data).toHaveLength(1);
  });

  it("simulate deposits in test mode only", async () => {
    const admin = trpcCaller(c.url, adminCookie);
    expect((await admin.mutation("funding.deposit", { partner: a.id, mode: "live", amount: 1_000 })).status).toBe(403);
  });
});
