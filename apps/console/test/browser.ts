import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Screenshots of the main pages, for a reviewer; the folder is ignored by git. */
export const screenshotDir = fileURLToPath(new URL("../test-output/screenshots/", import.meta.url));

/** Debian's chromium, headless: the real browser the console is tested in. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

export async function signInAs(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Says the one-time secret is copied, and waits until the page has let go of it. */
export async function dismissSecret(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: "I have copied it" });
  await button.click();
  await button.waitFor({ state: "detached" });
}
