import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { freePort } from "../src/dynamo-local";
import { DEMO_PASSWORD } from "../src/seed";
import { repoRoot, type Stack, startStack } from "../src/stack";
import { demoCopy } from "../test/demo-template";

/**
 * Waits for the page to reach a state: `read` is polled until the matcher passes (or 15 s, the
 * pages' own default timeout). Browser tests read what the page shows only through this (or a
 * locator's waitFor), never once right after an action: data loads and effects run when they do.
 */
/**
 * axe-core (the accessibility engine behind Lighthouse and Chrome's audits) on the page as it is
 * now: the serious and critical violations of WCAG 2.1 A/AA, each as "rule: selector" — the test
 * expects none.
 */
export async function seriousA11y(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline script tag
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(source);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  });
  return found;
}

export const until = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });

/** Where browser tests keep their screenshots (a test artefact, gitignored). */
export const shots = join(repoRoot, ".artifacts/e2e");

/** Debian's Chromium, headless, with nothing phoning home (the machine's network is closed). */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/** A phone in China: what every browser test signs in on. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
};

/**
 * The local stack (seeded, web served from the build) and a browser for one test file, started
 * in beforeAll and stopped in afterAll. `streaming` also runs the local IVS stand-in. The demo data
 * is the run's seeded template, copied into this file's own table and data folder (test/demo-template.ts).
 */
export function phoneStack(name: string, opts: { streaming?: boolean } = {}) {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  let rtmpPort = 0;
  const contexts: BrowserContext[] = [];

  // Starting the stack (and seeding the run's demo template, for the first file) is what a loaded
  // CI machine is slowest at: allow it five minutes. The browser starts meanwhile.
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const launching = chromium.launch(CHROMIUM);
    const starting = (async () => {
      const demo = await demoCopy(`zhubo-e2e-${name}-`);
      dataDir = demo.dataDir;
      rtmpPort = opts.streaming ? await freePort() : 0;
      return startStack({
        dynamoEndpoint: process.env.DYNAMO_ENDPOINT as string,
        table: process.env.TABLE_NAME,
        dataDir,
        apiPort: await freePort(),
        webPort: await freePort(),
        web: "preview",
        seed: demo.seed,
        ...(opts.streaming ? { streaming: { rtmpPort, httpPort: await freePort() } } : {}),
      });
    })();
    const [launched, started] = await Promise.allSettled([launching, starting]);
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "fulfilled") stack = started.value;
    for (const r of [launched, started]) if (r.status === "rejected") throw r.reason;
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get stack(): Stack {
      if (!stack) throw new Error("the stack starts in beforeAll");
      return stack;
    },
    get rtmpPort() {
      return rtmpPort;
    },
    /** A fresh phone-sized browser profile: each role signs in on its own device. */
    async phone(): Promise<Page> {
      if (!browser) throw new Error("the browser starts in beforeAll");
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async signIn(page: Page, login: string, password: string) {
      await page.goto(`${this.stack.webUrl}/sign-in`);
      const form = page.getByTestId("sign-in-form");
      await form.getByLabel("手机号或邮箱").fill(login);
      await form.getByLabel("密码", { exact: true }).fill(password);
      await form.getByRole("button", { name: "登录" }).click();
    },
    /** Signs a seeded demo account in and waits until the app has left the sign-in page. */
    async signInDemo(page: Page, login: string) {
      await this.signIn(page, login, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    },
    /** A seeded demo account's API client in the test process, signed in the way the web app is. */
    async client(login: string) {
      const url = `${this.stack.apiUrl}/trpc`;
      const tokens = await createTRPCClient<AppRouter>({ links: [httpBatchLink({ url })] }).auth.signIn.mutate({ login, password: DEMO_PASSWORD });
      // At most as many calls per request as the API takes (functions/src/api/limits.ts).
      const api = createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url, maxItems: 10, headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }) })],
      });
      return { api, personID: tokens.personID };
    },
  };
}
