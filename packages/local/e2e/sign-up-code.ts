import type { Page } from "playwright-core";
import { until } from "./harness";

/**
 * The newest sign-up code the local stack "sent" to a login, read the way a developer reads it: from
 * the dev web app's sent-messages page (/dev/messages), opened in another tab of the same browser.
 */
export async function codeFromDevPage(page: Page, webUrl: string, login: string, template = "verify_login"): Promise<string> {
  const compact = login.replace(/[\s-]/g, "");
  const to = /^(\+?86)?1\d{10}$/.test(compact) ? `+86${compact.slice(-11)}` : login.trim().toLowerCase();
  const tab = await page.context().newPage();
  try {
    await tab.goto(`${webUrl}/dev/messages`);
    const code = tab.locator(`[data-testid="dev-message"][data-to="${to}"][data-template="${template}"]`).first().getByTestId("dev-message-code");
    // the list loads after the page: wait until the message's code is shown
    await until(async () => ((await code.textContent()) ?? "").trim()).toMatch(/^\d{6}$/);
    return ((await code.textContent()) ?? "").trim();
  } finally {
    await tab.close();
  }
}

/** The step after the sign-up form: wait for the code page, enter the code from /dev/messages, verify. */
export async function enterSignUpCode(page: Page, webUrl: string, login: string): Promise<void> {
  const form = page.getByTestId("verify-form");
  await form.waitFor();
  const code = await codeFromDevPage(page, webUrl, login);
  await form.getByLabel("验证码", { exact: true }).fill(code);
  await form.getByRole("button", { name: "验证", exact: true }).click();
}
