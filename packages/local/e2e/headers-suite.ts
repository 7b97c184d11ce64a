import type { Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import type { phoneStack } from "./harness";
import { until } from "./harness";

/**
 * The security-header checks, run inside another browser test file's stack (one stack and seed fewer per
 * run); the stack must stream, since the CSP names the playback origin.
 */
export function securityHeadersSuite(e2e: ReturnType<typeof phoneStack>): void {
  /** Every Content-Security-Policy violation the page reports, in any document it loads. */
  async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
    const seen: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(`console: ${m.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`Refused to load (securitypolicyviolation): ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    return async () => seen;
  }

  function expectSecurityHeaders(res: Response | null) {
    const headers = res?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("script-src 'self';");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain(`media-src 'self' blob: ${new URL(e2e.stack.playbackUrl as string).origin}`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["permissions-policy"]).toContain("camera=()");
  }

  describe("the web app under its security headers", () => {
    it("sends the headers with every page, and sign-in, a learner's home, the practice page, a certificate's QR and the verify page work with no CSP violation", async () => {
      const page = await e2e.phone();
      const violations = await watchViolations(page);

      const signIn = await page.goto(`${e2e.stack.webUrl}/sign-in`);
      expectSecurityHeaders(signIn);
      await e2e.signIn(page, DEMO_ACCOUNTS.hostSuqian.login, DEMO_PASSWORD);
      await page.getByTestId("home-learner").waitFor();

      await page.getByTestId("continue-learning").first().click();
      await page.getByTestId("learn-page").waitFor();
      await page.getByTestId("practice-link").click();
      await page.waitForURL(/\/learn\/[^/]+\/practice$/);
      await page.getByTestId("practice-book").waitFor();

      const home = await page.goto(`${e2e.stack.webUrl}/`);
      expectSecurityHeaders(home);
      await page.getByTestId("my-certificates").getByTestId("open-certificates").click();
      await page.getByTestId("certificate-item").first().getByTestId("certificate-link").click();
      await page.getByTestId("certificate-page").waitFor();
      const qr = page.getByTestId("verify-qr");
      await until(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const href = (await page.getByTestId("verify-link").getAttribute("href")) as string;

      const visitor = await e2e.phone();
      const visitorViolations = await watchViolations(visitor);
      const verify = await visitor.goto(href);
      expectSecurityHeaders(verify);
      await visitor.getByTestId("verify-card").waitFor();
      await until(() => visitor.getByTestId("verify-status").textContent()).toContain("有效");

      expect(await violations()).toEqual([]);
      expect(await visitorViolations()).toEqual([]);
    }, 120_000);

    it("reports a violation when something breaks the policy, so the silence above means something", async () => {
      const page = await e2e.phone();
      const violations = await watchViolations(page);
      await page.goto(`${e2e.stack.webUrl}/sign-in`);
      await page.getByTestId("sign-in-form").waitFor();
      await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true";
        document.body.append(script);
      });
      await until(async () => (await violations()).length).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    });
  });
}
