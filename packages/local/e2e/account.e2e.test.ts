import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { phoneStack, until } from "./harness";
import { securityHeadersSuite } from "./headers-suite";
import { codeFromDevPage } from "./sign-up-code";

const STEP = 90_000;
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

const e2e = phoneStack("account", { streaming: true });

securityHeadersSuite(e2e);

async function fillSignUp(page: Awaited<ReturnType<typeof e2e.phone>>, login: string, password: string, name: string) {
  await page.goto(`${e2e.stack.webUrl}/sign-up`);
  const form = page.getByTestId("sign-up-form");
  await form.getByLabel("手机号或邮箱").fill(login);
  await form.getByLabel("密码", { exact: true }).fill(password);
  await form.getByLabel("昵称").fill(name);
  await form.getByTestId("sign-up-agree").getByRole("checkbox").check();
  await form.getByRole("button", { name: "注册" }).click();
}

describe("accounts on a phone", () => {
  it(
    "a sign-up on a registered number looks like any other: the code step, and the owner's notice on /dev/messages",
    async () => {
      const page = await e2e.phone();
      const taken = DEMO_ACCOUNTS.hostSuqian.login;
      await fillSignUp(page, taken, "someone-else-1", "冒名者");
      await page.getByTestId("verify-form").waitFor();
      await page.getByTestId("verify-taken-hint").waitFor();
      await until(() => page.getByText(`我们已把 6 位验证码发送到 ${taken}`).count()).toBe(1);

      const tab = await page.context().newPage();
      await tab.goto(`${e2e.stack.webUrl}/dev/messages`);
      const notice = tab.locator(`[data-testid="dev-message"][data-to="+86${taken}"]`).first();
      await until(() => notice.getAttribute("data-template")).toBe("sign_up_attempt");
      await until(() => notice.getByTestId("dev-message-code").count()).toBe(0);
      await tab.close();
      // the stack's own record agrees, and no code went to the owner
      expect(e2e.stack.messages.latest({ kind: "phone", value: `+86${taken}` })?.template).toBe("sign_up_attempt");
    },
    STEP,
  );

  it(
    "an unverified person who left the code step signs in, sees the banner, enters the code and the banner goes",
    async () => {
      const page = await e2e.phone();
      const login = mobile();
      await fillSignUp(page, login, "later-verify-1", "晚验证");
      await page.getByTestId("verify-form").waitFor();

      await e2e.signIn(page, login, "later-verify-1");
      const banner = page.getByTestId("unverified-banner");
      await banner.waitFor();
      await banner.getByRole("link", { name: "去验证" }).click();
      const form = page.getByTestId("verify-form");
      await form.waitFor();
      await form.getByLabel("验证码", { exact: true }).fill(await codeFromDevPage(page, e2e.stack.webUrl as string, login));
      await form.getByRole("button", { name: "验证", exact: true }).click();
      await page.getByTestId("home-learner").waitFor();
      await banner.waitFor({ state: "detached" });
    },
    STEP,
  );

  it(
    "resets a forgotten password from the sign-in page with the code from /dev/messages, and signs in with it",
    async () => {
      const page = await e2e.phone();
      await page.goto(`${e2e.stack.webUrl}/sign-in`);
      await page.getByTestId("forgot-link").click();
      const ask = page.getByTestId("forgot-form");
      await ask.getByLabel("手机号或邮箱").fill(DEMO_ACCOUNTS.brand.login);
      await ask.getByRole("button", { name: "发送验证码" }).click();
      const reset = page.getByTestId("reset-form");
      await reset.waitFor();
      const code = await codeFromDevPage(page, e2e.stack.webUrl as string, DEMO_ACCOUNTS.brand.login, "reset_password");
      await reset.getByLabel("验证码", { exact: true }).fill(code);
      await reset.getByLabel("新密码", { exact: true }).fill("brand-new-pw-2026");
      await reset.getByRole("button", { name: "重设密码并登录" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      await page.getByTestId("greeting").waitFor();

      const other = await e2e.phone();
      await e2e.signIn(other, DEMO_ACCOUNTS.brand.login, DEMO_PASSWORD);
      await other.getByTestId("form-error").waitFor();
      await e2e.signIn(other, DEMO_ACCOUNTS.brand.login, "brand-new-pw-2026");
      await other.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    },
    STEP,
  );
});
