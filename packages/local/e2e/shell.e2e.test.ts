import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../src/dynamo-local";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { repoRoot, type Stack, startStack } from "../src/stack";
import { demoCopy } from "../test/demo-template";
import { CHROMIUM, PHONE, seriousA11y, until } from "./harness";
import { enterSignUpCode } from "./sign-up-code";

const STEP = 120_000;
const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const host = { login: mobile, password: "zhibo-host-2026", name: "宋小满" };
const agencyName = `宿迁小满直播工作室${mobile.slice(-4)}`;

let stack: Stack;
let context: BrowserContext;
let page: Page;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const testID = (id: string) => page.getByTestId(id);
const visible = (id: string) => testID(id).waitFor({ state: "visible" });

async function signIn(login: string, password: string) {
  await page.goto(`${stack.webUrl}/sign-in`);
  const form = testID("sign-in-form");
  await form.getByLabel("手机号或邮箱").fill(login);
  await form.getByLabel("密码", { exact: true }).fill(password);
  await form.getByRole("button", { name: "登录" }).click();
}

/** Well-formed but signed by nobody: the API answers auth.token_invalid. */
const REFUSED_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwcnNfeCJ9.c2lnbmF0dXJl";
const SESSION_KEY = "zhubo.session";

async function storedSession(): Promise<Record<string, unknown>> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

async function patchSession(patch: Record<string, unknown>) {
  const next = JSON.stringify({ ...(await storedSession()), ...patch });
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SESSION_KEY, next] as const);
}

async function signOut() {
  await testID("user-menu").click();
  await testID("sign-out").click();
  await visible("sign-in-form");
}

// Like phoneStack's: the first browser test file of a run seeds the demo template, which a loaded CI machine is slow at.
beforeAll(async () => {
  const demo = await demoCopy("zhubo-e2e-data-");
  dirs.push(demo.dataDir);
  stack = await startStack({
    dynamoEndpoint: process.env.DYNAMO_ENDPOINT as string,
    table: process.env.TABLE_NAME,
    dataDir: demo.dataDir,
    apiPort: await freePort(),
    webPort: await freePort(),
    web: "preview",
    seed: demo.seed,
  });
  context = await chromium.launchPersistentContext(tempDir("zhubo-e2e-chromium-"), {
    ...CHROMIUM,
    ...PHONE,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the web shell on a phone", () => {
  it(
    "shows a visitor the landing page; from it they sign up a host by mobile number, agreeing to the terms, verify the code from /dev/messages and land on the learner home",
    async () => {
      await page.goto(`${stack.webUrl}/`);
      await visible("landing");
      for (const part of ["landing-learners", "landing-agencies", "landing-brands", "header-verify", "header-sign-in"]) await visible(part);
      await until(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
      await page.screenshot({ path: join(repoRoot, ".artifacts/e2e/landing.png"), fullPage: true });
      expect(await seriousA11y(page), "landing").toEqual([]);

      await testID("landing-sign-up").click();
      const form = testID("sign-up-form");
      await form.getByLabel("手机号或邮箱").fill(host.login);
      await form.getByLabel("密码", { exact: true }).fill(host.password);
      await form.getByLabel("昵称").fill(host.name);
      await form.getByLabel("所在城市").selectOption("suqian");
      // no account without consent to the user agreement and privacy policy (PIPL)
      await form.getByRole("button", { name: "注册" }).click();
      await form.getByText("请先阅读并同意用户协议和隐私政策").waitFor();
      expect(new URL(page.url()).pathname).toBe("/sign-up");
      expect(await seriousA11y(page), "sign-up with an error").toEqual([]);
      await form.getByTestId("sign-up-agree").getByRole("checkbox").check();
      await form.getByRole("button", { name: "注册" }).click();
      await enterSignUpCode(page, stack.webUrl as string, host.login);

      await visible("home-learner");
      await page.getByTestId("my-learning-empty").getByText("还没有报名课程").waitFor();
      await expect.poll(() => testID("greeting").textContent(), { timeout: 15_000 }).toBe(`你好，${host.name}`);
      await until(() => testID("register-org").isVisible()).toBe(true);
      expect(await seriousA11y(page), "learner home").toEqual([]);
      await page.screenshot({ path: join(repoRoot, ".artifacts/e2e/home-learner.png"), fullPage: true });
    },
    STEP,
  );

  it(
    "signs out, then signs back in to the same home",
    async () => {
      await signOut();
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.goto(`${stack.webUrl}/`);
      await visible("landing");
      await testID("header-sign-in").click();
      await visible("sign-in-form");

      await signIn(`+86 ${host.login}`, host.password);
      await visible("home-learner");
      await expect.poll(() => testID("greeting").textContent(), { timeout: 15_000 }).toBe(`你好，${host.name}`);
      mkdirSync(join(repoRoot, ".artifacts/e2e"), { recursive: true });
      await page.screenshot({ path: join(repoRoot, ".artifacts/e2e/home.png"), fullPage: true });
    },
    STEP,
  );

  it(
    "refreshes once when the API refuses the access token, and sends an ended session to sign-in",
    async () => {
      const before = await storedSession();
      await patchSession({ accessToken: REFUSED_TOKEN, localExpiresAt: Date.now() + 300_000 });
      await page.reload();
      await visible("home-learner");
      await page.getByText(`你好，${host.name}`).waitFor();
      const after = await storedSession();
      expect(after.accessToken).not.toBe(REFUSED_TOKEN);
      expect(after.refreshToken).not.toBe(before.refreshToken);

      await patchSession({ accessToken: REFUSED_TOKEN, refreshToken: "ses_gone.secret" });
      await page.reload();
      await visible("sign-in-form");
      await page.getByText("登录已过期，请重新登录").waitFor();
      await signIn(host.login, host.password);
      await visible("home-learner");
    },
    STEP,
  );

  it(
    "switches the whole shell to English and back, and remembers the choice",
    async () => {
      await testID("lang-switch").click();
      await page.getByText("My learning").waitFor();
      await until(() => page.locator("html").getAttribute("lang")).toBe("en");
      await expect.poll(() => testID("greeting").textContent(), { timeout: 15_000 }).toBe(`Hi, ${host.name}`);
      await page.reload();
      await page.getByText("No courses yet").waitFor();
      expect(await seriousA11y(page), "learner home in English").toEqual([]);
      await page.goto(`${stack.webUrl}/inbox`);
      await testID("inbox-page").getByText("Inbox").first().waitFor();
      expect(await seriousA11y(page), "inbox in English").toEqual([]);
      await page.goto(`${stack.webUrl}/`);
      await page.getByText("No courses yet").waitFor();

      await testID("lang-switch").click();
      await page.getByText("我的学习").waitFor();
      await until(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    },
    STEP,
  );

  it(
    "registers an agency that waits for platform approval",
    async () => {
      await testID("register-org").click();
      const form = testID("org-new-form");
      await form.getByLabel("名称").fill(agencyName);
      await until(() => form.getByLabel("所在城市").inputValue()).toBe("suqian");
      await testID("org-new-submit").click();

      await visible("org-page");
      await page.getByText(agencyName).first().waitFor();
      await until(() => testID("org-status").first().textContent()).toBe("审核中");
      await visible("invite");

      await page.goto(`${stack.webUrl}/`);
      await visible("home-agency-admin");
      await until(() => testID("tab-learner").isVisible()).toBe(true);
    },
    STEP,
  );

  it(
    "shows field errors next to their inputs and the form error for a wrong password",
    async () => {
      await signOut();
      const form = testID("sign-in-form");
      await form.getByRole("button", { name: "登录" }).click();
      const login = form.getByLabel("手机号或邮箱");
      await until(() => login.getAttribute("aria-invalid")).toBe("true");
      await until(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("login");
      const errorID = (await login.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
      await until(() => page.locator(`[id="${errorID}"]`).textContent()).toBe("请填写此项");

      await login.fill("12345");
      await form.getByLabel("密码", { exact: true }).fill("whatever1");
      await form.getByRole("button", { name: "登录" }).click();
      await form.getByText("请输入有效的中国大陆手机号或邮箱").waitFor();

      await login.fill(host.login);
      await form.getByLabel("密码", { exact: true }).fill("not-my-password");
      await form.getByRole("button", { name: "登录" }).click();
      await testID("form-error").getByText("手机号/邮箱或密码不正确").waitFor();
      expect(new URL(page.url()).pathname).toBe("/sign-in");
    },
    STEP,
  );

  it(
    "shows platform ops the approval queues with the seeded organisations, and approves the new agency",
    async () => {
      await signIn(DEMO_ACCOUNTS.ops.login, DEMO_PASSWORD);
      await visible("home-ops");
      const queue = testID("ops-list");
      await queue.getByText(agencyName).waitFor();

      await testID("ops-status-active").click();
      await queue.getByText("苏州星播直播电商学院").waitFor();
      await testID("ops-kind-brand").click();
      await queue.getByText("徐州老城牛肉月饼").waitFor();

      await testID("ops-kind-agency").click();
      await testID("ops-status-pending").click();
      const item = testID("queue-item").filter({ hasText: agencyName });
      await item.getByLabel("审核备注（可选）").fill("资料齐全");
      await item.getByTestId("approve").click();
      await page.getByText(`已通过「${agencyName}」`).waitFor();
      await item.waitFor({ state: "detached" });

      await signOut();
    },
    STEP,
  );
});
