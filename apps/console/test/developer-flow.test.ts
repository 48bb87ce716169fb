import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eventually } from "@koban/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dismissSecret, launchBrowser, screenshot, screenshotDir, signInAs } from "./browser.ts";
import { type ConsoleStack, PASSWORD, partnerApi, startConsoleStack, trpcCaller } from "./console-stack.ts";

/**
 * A partner admin's developer and team work in a real browser against the real stack: roll an
 * API key, add a webhook endpoint and watch its deliveries (a failing receiver, then a
 * redelivery that succeeds), read the event log, invite someone who joins and gets a new role,
 * reveal a card's number. Partner B's ids are 404 and a read-only member is refused every action.
 */
let c: ConsoleStack;
let browser: Browser;
let page: Page;
let a: { id: string; apiKey: string };
let b: { id: string; apiKey: string };
let api: ReturnType<typeof partnerApi>;
let apiB: ReturnType<typeof partnerApi>;
let cardId: string;
let cardB: string;
let base: string;
let endpointId: string;
let deliveryId: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

/** A partner's webhook handler on 127.0.0.1: answers `status` (changeable) and counts requests by path. */
async function startReceiver() {
  const state = { status: 500, hits: [] as { path: string; status: number }[] };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      state.hits.push({ path: request.url ?? "", status: state.status });
      response.statusCode = state.status;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function cardFor(partnerApiCall: ReturnType<typeof partnerApi>, name: string) {
  const holder = await partnerApiCall("POST", "/v1/cardholders", {
    type: "individual",
    individual: { first_name: name, last_name: "Tanaka" },
    kyc: { method: "partner" },
  });
  expect(holder.status).toBe(201);
  const card = await partnerApiCall("POST", "/v1/cards", { cardholder_id: holder.body.id, type: "virtual" });
  expect(card.status).toBe(201);
  expect((await partnerApiCall("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  return card.body.id as string;
}

async function auditText(): Promise<string> {
  const { rows } = await c.stack.db.pool.query<{ line: string }>(
    `SELECT concat_ws(' ', action, target, outcome, detail::text) AS line FROM console.audit_log ORDER BY id`,
  );
  return rows.map((row) => row.line).join("\n");
}

const keyWorks = async (key: string) =>
  (await fetch(`${c.apiUrl}/v1/programs`, { headers: { authorization: `Bearer ${key}` } })).status;

beforeAll(async () => {
  [c, browser, receiver] = await Promise.all([startConsoleStack(), launchBrowser(), startReceiver()]);
  [a, b] = await Promise.all([c.createPartner("Kaede Pay"), c.createPartner("Beta KK")]);
  api = partnerApi(c.apiUrl, a.apiKey);
  apiB = partnerApi(c.apiUrl, b.apiKey);
  [cardId, cardB] = await Promise.all([cardFor(api, "Mio"), cardFor(apiB, "Ben")]);
  await c.createMember("admin@kaede.test", a.id, "admin");
  await c.createMember("operator@kaede.test", a.id, "operator");
  await c.createMember("viewer@kaede.test", a.id, "read_only");
  await c.createMember("admin@beta.test", b.id, "admin");
  base = `${c.url}/${a.id}/test`;
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
}, 300_000);

afterAll(async () => {
  if (c) writeFileSync(`${screenshotDir}../developer-console.log`, c.console.output.join("\n"));
  await browser?.close();
  await receiver?.close();
  await c?.stop();
});

describe("an admin on the developers pages", () => {
  it("creates a (standard) key, rolls it to stop at once: the old secret is refused, the new one works", async () => {
    await signInAs(page, c.url, "admin@kaede.test", PASSWORD);
    await page.waitForURL(base);
    await page.getByRole("link", { name: "Developers" }).click();
    await page.getByRole("button", { name: "Create API key" }).click();
    const form = page.getByRole("form", { name: "New API key" });
    expect(await form.getByRole("radio", { name: /^Standard/ }).isChecked()).toBe(true);
    await form.getByRole("button", { name: "Create key" }).click();
    const oldKey = (await page.locator(".new-key").textContent()) ?? "";
    expect(oldKey).toMatch(/^kb_test_/);
    await dismissSecret(page);
    await eventually(async () => expect(await keyWorks(oldKey)).toBe(200));

    const row = page.getByRole("table", { name: "API keys" }).locator("tbody tr").first();
    await row.getByRole("button", { name: "Roll…" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByLabel("Old key stops").selectOption("0");
    await screenshot(page, "dev-01-roll-key-confirm");
    await dialog.getByRole("button", { name: "Roll key" }).click();
    await expect.poll(() => page.locator(".new-key").textContent(), { timeout: 15_000 }).not.toBe(oldKey);
    const newKey = (await page.locator(".new-key").textContent()) ?? "";
    expect(newKey).toMatch(/^kb_test_/);
    await screenshot(page, "dev-02-rolled-key-shown-once");
    await eventually(async () => expect(await keyWorks(oldKey)).toBe(401));
    await eventually(async () => expect(await keyWorks(newKey)).toBe(200));
    await dismissSecret(page);
    expect(await page.content()).not.toContain(newKey);
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Standard");
    const audit = await auditText();
    expect(audit).toContain("api_key.roll");
    expect(audit).not.toContain(newKey);
    expect(audit).not.toContain(oldKey);
  });

  it("creates a restricted key with the scopes ticked, refused the others; rolled, it stays restricted", async () => {
    await page.getByRole("button", { name: "Create API key" }).click();
    const form = page.getByRole("form", { name: "New API key" });
    await form.getByRole("radio", { name: /^Restricted/ }).check();
    await form.getByRole("button", { name: "Create key" }).click();
    await form.getByText("Tick at least one scope.").waitFor();
    await form.getByRole("checkbox", { name: "cards:read", exact: true }).check();
    await screenshot(page, "dev-02b-restricted-key-form");
    await form.getByRole("button", { name: "Create key" }).click();
    const key = (await page.locator(".new-key").textContent({ timeout: 15_000 })) ?? "";
    expect(key).toMatch(/^kb_test_/);
    await dismissSecret(page);
    const cardsStatus = async (secret: string) =>
      (await fetch(`${c.apiUrl}/v1/cards`, { headers: { authorization: `Bearer ${secret}` } })).status;
    await eventually(async () => expect(await cardsStatus(key)).toBe(200));
    const programs = await fetch(`${c.apiUrl}/v1/programs`, { headers: { authorization: `Bearer ${key}` } });
    expect([programs.status, ((await programs.json()) as { code: string }).code]).toEqual([403, "permission_denied"]);
    const row = page.getByRole("table", { name: "API keys" }).locator("tbody tr").first();
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Restricted (1 scope)");

    await row.getByRole("button", { name: "Roll…" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByLabel("Old key stops").selectOption("0");
    await dialog.getByRole("button", { name: "Roll key" }).click();
    await expect.poll(() => page.locator(".new-key").textContent(), { timeout: 15_000 }).not.toBe(key);
    const rolled = (await page.locator(".new-key").textContent()) ?? "";
    await dismissSecret(page);
    await eventually(async () => expect(await cardsStatus(rolled)).toBe(200));
    expect(await keyWorks(rolled)).toBe(403);
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Restricted (1 scope)");
    expect(await auditText()).toContain('"kind": "restricted"');

    const admin = trpcCaller(c.url, await c.signIn("admin@kaede.test"));
    const before = (await admin.query("apiKeys.list", { partner: a.id, mode: "test" })).body.result.data.length;
    for (const scopes of [["cards:nope"], []]) {
      const bad = await admin.mutation("apiKeys.create", { partner: a.id, mode: "test", kind: "restricted", scopes });
      expect(bad.status, JSON.stringify(scopes)).toBe(400);
    }
    expect((await admin.query("apiKeys.list", { partner: a.id, mode: "test" })).body.result.data).toHaveLength(before);
  });

  it("adds a webhook endpoint and sees its signing secret once", async () => {
    await page.getByRole("navigation", { name: "Developer tools" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByText("No webhook endpoints in this mode").waitFor();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const form = page.getByRole("form", { name: "New webhook endpoint" });
    // Checked on the page before anything is sent.
    await form.getByLabel("Endpoint URL").fill("not a url");
    await form.getByRole("button", { name: "Create endpoint" }).click();
    await form.getByText("Enter an http(s) URL.").waitFor();
    await form.getByText("Choose at least one event.").waitFor();
    await screenshot(page, "dev-03-endpoint-form-errors");
    await form.getByLabel("Endpoint URL").fill(receiver.url("/kaede"));
    await form.getByLabel("Description").fill("Card changes");
    await form.getByLabel("card.*").check();
    await form.getByRole("button", { name: "Create endpoint" }).click();
    const secret = (await page.locator(".new-key").textContent({ timeout: 15_000 })) ?? "";
    expect(secret.length).toBeGreaterThan(20);
    const link = page.getByRole("status").getByRole("link");
    endpointId = (await link.textContent()) ?? "";
    expect(endpointId).toMatch(/^we_/);
    expect((await api("GET", `/v1/webhook_endpoints/${endpointId}/secret`)).body.secret).toBe(secret);
    await screenshot(page, "dev-04-endpoint-secret-once");
    await dismissSecret(page);
    expect(await page.content()).not.toContain(secret);
    const audit = await auditText();
    expect(audit).toContain("webhook_endpoint.create");
    expect(audit).not.toContain(secret);
    const rows = page.getByRole("table", { name: "Webhook endpoints" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
  });

  it("sees a failed delivery in the endpoint's log after an event, and redelivers it successfully", async () => {
    expect((await api("POST", `/v1/cards/${cardId}/freeze`)).status).toBe(200);
    await page.getByRole("table", { name: "Webhook endpoints" }).locator("tbody tr").first().click();
    await page.waitForURL(`${base}/developers/webhooks/${endpointId}`);
    const rows = page.getByRole("table", { name: "Deliveries" }).locator("tbody tr");
    await expect.poll(() => rows.filter({ hasText: "card.frozen" }).count(), { timeout: 20_000 }).toBe(1);
    const row = rows.filter({ hasText: "card.frozen" });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("500");
    await screenshot(page, "dev-05-delivery-log-failed");

    receiver.state.status = 200;
    await row.click();
    await page.waitForURL(/\/deliveries\/whd_/);
    deliveryId = page.url().split("/").at(-1) as string;
    await page.getByRole("table", { name: "Attempts" }).waitFor();
    await page.getByRole("button", { name: "Redeliver" }).click();
    const attempts = page.getByRole("table", { name: "Attempts" });
    await expect.poll(() => attempts.textContent(), { timeout: 20_000 }).toContain("200");
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).textContent(), { timeout: 20_000 })
      .toContain("succeeded");
    expect(receiver.state.hits.filter((hit) => hit.path === "/kaede" && hit.status === 200).length).toBeGreaterThan(0);
    await screenshot(page, "dev-06-delivery-redelivered");
    expect(await auditText()).toContain("webhook_delivery.redeliver");
  });

  it("filters the delivery log by status in the URL", async () => {
    await page.goto(`${base}/developers/webhooks/${endpointId}?status=failed`);
    await page.getByText("No delivery matches").waitFor();
    await page.getByLabel("Status").selectOption("succeeded");
    await page.waitForURL(/status=succeeded/);
    const rows = page.getByRole("table", { name: "Deliveries" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it("disables and enables the endpoint, rotates its secret (shown once), edits it", async () => {
    await page.getByRole("button", { name: "Disable" }).click();
    await page.getByRole("button", { name: "Enable" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Enable" }).click();
    await page.getByRole("button", { name: "Disable" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Rotate secret…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.locator(".new-key").textContent({ timeout: 15_000 })) ?? "";
    expect((await api("GET", `/v1/webhook_endpoints/${endpointId}/secret`)).body.secret).toBe(rotated);
    await dismissSecret(page);
    await page.getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit webhook endpoint" });
    await form.getByLabel("Description").fill("Every card event");
    await form.getByRole("button", { name: "Save endpoint" }).click();
    await expect.poll(() => page.locator(".facts").textContent(), { timeout: 15_000 }).toContain("Every card event");
    await screenshot(page, "dev-07-endpoint-detail");
    await page.setViewportSize({ width: 820, height: 1000 });
    await screenshot(page, "dev-07b-endpoint-detail-tablet");
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(await auditText()).not.toContain(rotated);
  });

  it("finds the event in the event log by type and reads its JSON", async () => {
    await page.getByRole("navigation", { name: "Developer tools" }).getByRole("link", { name: "Events" }).click();
    await page.getByLabel("Type").selectOption("card.frozen");
    await page.waitForURL(/type=card\.frozen/);
    const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, "dev-08-event-log");
    await rows.first().click();
    await page.waitForURL(/\/developers\/events\/evt_/);
    const payload = page.getByRole("region", { name: "Event payload" });
    await expect.poll(() => payload.textContent(), { timeout: 15_000 }).toContain(cardId);
    expect(await payload.textContent()).toContain('"type": "card.frozen"');
    await screenshot(page, "dev-09-event-json");
  });
});

describe("an admin on the team page", () => {
  let link: string;

  it("invites someone, who makes an account with the invited email and lands in the partner", async () => {
    await page.getByRole("link", { name: "Team" }).click();
    await page.getByRole("table", { name: "Members" }).waitFor();
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill("nope");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await form.getByText("Enter an email address.").waitFor();
    await form.getByLabel("Email").fill("newbie@kaede.test");
    await form.getByLabel("Role").selectOption("read_only");
    await form.getByRole("button", { name: "Send invitation" }).click();
    link = (await page.locator(".invite-link").textContent({ timeout: 15_000 })) ?? "";
    expect(link).toContain("/invitations/");
    await expect
      .poll(() => page.getByRole("table", { name: "Pending invitations" }).textContent(), { timeout: 15_000 })
      .toContain("newbie@kaede.test");
    await screenshot(page, "dev-10-team-invited");

    const invitee = await (await browser.newContext({ viewport: { width: 820, height: 1000 } })).newPage();
    await invitee.goto(link);
    await invitee.getByRole("heading", { name: "Join Kaede Pay" }).waitFor();
    await invitee.getByLabel("Your name").fill("Newbie Ito");
    await invitee.getByLabel("Password").fill("short");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.getByText("At least 10 characters.").waitFor();
    await invitee.getByLabel("Password").fill(PASSWORD);
    await screenshot(invitee, "dev-11-invitation-sign-up");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.waitForURL(`${base}`, { timeout: 20_000 });
    await invitee.getByRole("heading", { name: "Overview" }).waitFor();
    await invitee.context().close();
  });

  it("sees them in the team and changes their role", async () => {
    await page.reload();
    const members = page.getByRole("table", { name: "Members" });
    await expect.poll(() => members.textContent(), { timeout: 15_000 }).toContain("newbie@kaede.test");
    await page.getByLabel("Role of newbie@kaede.test").selectOption("operator");
    const admin = trpcCaller(c.url, await c.signIn("admin@kaede.test"));
    await eventually(async () => {
      const list = await admin.query("team.list", { partner: a.id, mode: "test" });
      const newbie = list.body.result.data.find((member: { email: string }) => member.email === "newbie@kaede.test");
      expect(newbie.role).toBe("operator");
    });
    await screenshot(page, "dev-12-team-role-changed");
    const audit = await auditText();
    for (const action of ["team.invite", "team.accept_invitation", "team.change_role"]) expect(audit).toContain(action);
  });

  it("may not remove itself, nor demote the last admin", async () => {
    const admin = trpcCaller(c.url, await c.signIn("admin@kaede.test"));
    const list = await admin.query("team.list", { partner: a.id, mode: "test" });
    const me = list.body.result.data.find((member: { isYou: boolean }) => member.isYou);
    expect((await admin.mutation("team.remove", { partner: a.id, mode: "test", memberId: me.id })).status).toBe(400);
    const demote = await admin.mutation("team.changeRole", {
      partner: a.id,
      mode: "test",
      memberId: me.id,
      role: "operator",
    });
    expect(demote.status).toBe(400);
  });
});

describe("revealing a card's number", () => {
  it("shows an admin the number, expiry and code, audited without them, and hides it", async () => {
    await page.goto(`${base}/cards/${cardId}`);
    await page.getByRole("button", { name: "Reveal card details" }).click();
    const pan = page.getByTestId("revealed-pan");
    await pan.waitFor({ timeout: 15_000 });
    const details = (await api("GET", `/v1/cards/${cardId}/details`)).body;
    expect((await pan.textContent())?.replaceAll(" ", "")).toBe(details.number);
    await screenshot(page, "dev-13-pan-revealed");
    await page.getByRole("button", { name: "Hide" }).click();
    await page.getByRole("button", { name: "Reveal card details" }).waitFor();
    expect(await page.content()).not.toContain(details.number);
    const audit = await auditText();
    expect(audit).toContain(`card.reveal ${cardId} succeeded`);
    expect(audit).not.toContain(details.number);
    const reads = await c.stack.db.pool.query(
      `SELECT 1 FROM card.sensitive_reads WHERE card_id = $1 AND actor_type = 'console_member'`,
      [cardId],
    );
    expect(reads.rowCount).toBe(1);
  });

  it("gives an operator no reveal button, and FORBIDDEN when called directly", async () => {
    const operatorPage = await (await browser.newContext({ viewport: { width: 820, height: 1000 } })).newPage();
    await signInAs(operatorPage, c.url, "operator@kaede.test", PASSWORD);
    await operatorPage.waitForURL(base);
    await operatorPage.goto(`${base}/cards/${cardId}`);
    await operatorPage.locator(".pan").waitFor();
    await operatorPage.getByRole("button", { name: "Unfreeze" }).waitFor();
    expect(await operatorPage.getByRole("button", { name: "Reveal card details" }).count()).toBe(0);
    await screenshot(operatorPage, "dev-14-operator-card-no-reveal");
    await operatorPage.context().close();
    const operator = trpcCaller(c.url, await c.signIn("operator@kaede.test"));
    const reveal = await operator.mutation("cardDetails.reveal", { partner: a.id, mode: "test", id: cardId });
    expect(reveal.status).toBe(403);
    expect(JSON.stringify(reveal.body)).not.toMatch(/\d{16}/);
  });
});

describe("isolation of the new procedures", () => {
  let endpointB: string;
  let deliveryB: string;
  let eventB: string;

  beforeAll(async () => {
    const endpoint = await apiB("POST", "/v1/webhook_endpoints", {
      url: receiver.url("/beta"),
      enabled_events: ["*"],
    });
    expect(endpoint.status).toBe(201);
    endpointB = endpoint.body.id;
    expect((await apiB("POST", `/v1/cards/${cardB}/freeze`)).status).toBe(200);
    deliveryB = await eventually(async () => {
      const list = await apiB("GET", `/v1/webhook_endpoints/${endpointB}/deliveries`);
      expect(list.body.data.length).toBeGreaterThan(0);
      return list.body.data[0].id as string;
    }, 20_000);
    eventB = (await apiB("GET", "/v1/events?limit=1")).body.data[0].id;
  }, 60_000);

  it("answers NOT_FOUND for partner B's endpoint, delivery, event, card and member ids", async () => {
    const admin = trpcCaller(c.url, await c.signIn("admin@kaede.test"));
    const scope = { partner: a.id, mode: "test" };
    const { rows } = await c.stack.db.pool.query<{ id: string }>(
      `SELECT m.id FROM console.member m JOIN console."user" u ON u.id = m."userId" WHERE u.email = 'admin@beta.test'`,
    );
    const memberB = rows[0]?.id;
    const calls = [
      () => admin.query("webhooks.get", { ...scope, id: endpointB }),
      () => admin.query("webhooks.deliveries", { ...scope, endpointId: endpointB }),
      () => admin.query("webhooks.delivery", { ...scope, endpointId: endpointB, id: deliveryB }),
      () => admin.query("webhooks.delivery", { ...scope, endpointId, id: deliveryB }),
      () => admin.query("events.get", { ...scope, id: eventB }),
      () => admin.query("webhooks.list", { partner: b.id, mode: "test" }),
      () => admin.mutation("webhooks.update", { ...scope, id: endpointB, status: "disabled" }),
      () => admin.mutation("webhooks.rotateSecret", { ...scope, id: endpointB, expiresInSeconds: 0 }),
      () => admin.mutation("webhooks.delete", { ...scope, id: endpointB }),
      () => admin.mutation("webhooks.redeliver", { ...scope, endpointId: endpointB, id: deliveryB }),
      () => admin.mutation("webhooks.redeliver", { ...scope, endpointId, id: deliveryB }),
      () => admin.mutation("cardDetails.reveal", { ...scope, id: cardB }),
      () => admin.mutation("team.changeRole", { ...scope, memberId: memberB, role: "read_only" }),
      () => admin.mutation("team.remove", { ...scope, memberId: memberB }),
    ];
    for (const call of calls) {
      const response = await call();
      expect(response.status, JSON.stringify(response.body)).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/Beta KK|beta\.test|stack/);
    }
    const stillB = await apiB("GET", `/v1/webhook_endpoints/${endpointB}`);
    expect(stillB.body.status).toBe("enabled");
    const roleB = await c.stack.db.pool.query(`SELECT role FROM console.member WHERE id = $1`, [memberB]);
    expect(roleB.rows[0]?.role).toBe("admin");
  });

  it("refuses a read-only member every action (FORBIDDEN) and changes nothing", async () => {
    const viewer = trpcCaller(c.url, await c.signIn("viewer@kaede.test"));
    const scope = { partner: a.id, mode: "test" };
    const keys = await trpcCaller(c.url, await c.signIn("admin@kaede.test")).query("apiKeys.list", scope);
    const keyId = keys.body.result.data[0].id;
    for (const [path, input] of [
      ["webhooks.create", { ...scope, url: receiver.url("/x"), description: null, enabled_events: ["*"] }],
      ["webhooks.update", { ...scope, id: endpointId, status: "disabled" }],
      ["webhooks.rotateSecret", { ...scope, id: endpointId, expiresInSeconds: 0 }],
      ["webhooks.delete", { ...scope, id: endpointId }],
      ["webhooks.redeliver", { ...scope, endpointId, id: deliveryId }],
      ["apiKeys.roll", { ...scope, id: keyId, expiresInSeconds: 0 }],
      ["team.invite", { ...scope, email: "x@kaede.test", role: "admin" }],
      ["team.changeRole", { ...scope, memberId: "anything", role: "admin" }],
      ["team.remove", { ...scope, memberId: "anything" }],
      ["team.cancelInvitation", { ...scope, invitationId: "anything" }],
      ["cardDetails.reveal", { ...scope, id: cardId }],
    ] as const) {
      expect((await viewer.mutation(path, input)).status, path).toBe(403);
    }
    expect((await api("GET", `/v1/webhook_endpoints/${endpointId}`)).body.status).toBe("enabled");
  });
});

describe("an admin's destructive actions, each confirmed first", () => {
  it("cancels a pending invitation and removes a member", async () => {
    await page.goto(`${base}/team`);
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill("later@kaede.test");
    await form.getByRole("button", { name: "Send invitation" }).click();
    const pending = page.getByRole("table", { name: "Pending invitations" });
    await expect.poll(() => pending.textContent(), { timeout: 15_000 }).toContain("later@kaede.test");
    await pending.getByRole("button", { name: "Cancel…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel invitation" }).click();
    await page.getByText("No pending invitations").waitFor({ timeout: 15_000 });

    const members = page.getByRole("table", { name: "Members" });
    await members.locator("tr", { hasText: "newbie@kaede.test" }).getByRole("button", { name: "Remove…" }).click();
    await screenshot(page, "dev-15-remove-member-confirm");
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
    await expect.poll(() => members.textContent(), { timeout: 15_000 }).not.toContain("newbie@kaede.test");
    const audit = await auditText();
    expect(audit).toContain("team.cancel_invitation");
    expect(audit).toContain("team.remove newbie@kaede.test succeeded");
  });

  it("deletes the webhook endpoint", async () => {
    await page.goto(`${base}/developers/webhooks/${endpointId}`);
    await page.getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
    await page.waitForURL(`${base}/developers/webhooks`);
    await page.getByText("No webhook endpoints in this mode").waitFor({ timeout: 15_000 });
    expect((await api("GET", `/v1/webhook_endpoints/${endpointId}`)).status).toBe(404);
  });
});
