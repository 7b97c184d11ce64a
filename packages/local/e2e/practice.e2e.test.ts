import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { currentQuarter, dayOptions, firstSlot, QUARTER_MS } from "../../../web/src/practice/slots";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { phoneStack, shots, until } from "./harness";

const STEP = 60_000;

const e2e = phoneStack("practice", { streaming: true });

describe("live practice on a phone", () => {
  it(
    "an enrolled learner books a slot in the current quarter hour, sees it listed, and gets the server and a hidden key to go live",
    async () => {
      const page = await e2e.phone();
      await e2e.signIn(page, DEMO_ACCOUNTS.hostSuqian.login, DEMO_PASSWORD);

      await page.getByTestId("continue-learning").first().click();
      await page.getByTestId("learn-page").waitFor();
      await page.getByTestId("practice-link").click();
      await page.waitForURL(/\/learn\/[^/]+\/practice$/);
      // The seeded learner's practice so far: past slots, and sessions that counted (each longer than the 10-minute minimum).
      await page.getByTestId("practice-behind").getByTestId("practice-slot").first().waitFor();
      const practised = page.getByTestId("practice-sessions").getByTestId("practice-session");
      await practised.first().waitFor();
      await until(() => page.getByTestId("practice-sessions").locator('[data-counted="no"]').count()).toBe(0);
      await until(() => practised.first().getByTestId("practice-session-status").textContent()).toBe("已计入");

      // Don't book across a quarter-hour boundary: the current quarter must still be current when the API checks.
      await until(() => currentQuarter(Date.now()) + QUARTER_MS - Date.now(), 30_000).toBeGreaterThanOrEqual(20_000);
      const slot = firstSlot(Date.now());
      const book = page.getByTestId("practice-book");
      await book.getByTestId("practice-day").selectOption(slot.day);
      await book.getByTestId("practice-time").selectOption(slot.time);
      await book.getByTestId("practice-minutes").selectOption("30");
      await book.getByTestId("practice-book-submit").click();

      const listed = page.getByTestId("practice-ahead").getByTestId("practice-slot");
      await listed.filter({ hasText: slot.time }).waitFor();
      await until(() => listed.count()).toBe(1);
      await until(() => listed.first().getAttribute("data-phase")).toBe("live");
      await until(() => listed.first().textContent()).toContain("可开播");

      // The same time again overlaps the learner's own slot: a form message, nothing booked.
      await book.getByTestId("practice-time").selectOption(slot.time);
      await book.getByTestId("practice-book-submit").click();
      await book.getByTestId("form-error").getByText("已经有练习时段").waitFor();
      await until(() => listed.count()).toBe(1);

      const live = page.getByTestId("go-live");
      await live.getByTestId("go-live-ends").waitFor();
      await live.getByTestId("go-live-open").click();
      const ingest = live.getByTestId("ingest-url");
      await ingest.waitFor();
      await until(async () => (await ingest.textContent())?.trim()).toBe(`rtmp://127.0.0.1:${e2e.rtmpPort}/app/`);
      const key = live.getByTestId("stream-key");
      await until(() => key.textContent()).not.toContain("sk_local_");
      await live.getByTestId("stream-key-toggle").click();
      await until(async () => (await key.textContent())?.trim()).toMatch(/^sk_local_/);
      await live.getByText("关键帧间隔 2 秒").waitFor();

      // The key lives in the page's memory only.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored).not.toContain("sk_local_");
      await until(() => page.getByTestId("practice-mine").textContent()).not.toContain("sk_local_");
      // nothing streamed yet: the readiness check says so instead of judging
      await live.getByTestId("readiness-check").click();
      await live.getByTestId("readiness").getByText("还没收到你的推流").waitFor();

      await page.locator(".toast").first().waitFor({ state: "detached" });
      await page.screenshot({ path: join(shots, "practice.png"), fullPage: true });
    },
    STEP,
  );

  it(
    "the learner books a slot for tomorrow, thinks better of it, and cancels it: the slot moves to the past list as cancelled",
    async () => {
      const page = await e2e.phone();
      await e2e.signIn(page, DEMO_ACCOUNTS.hostSuqian.login, DEMO_PASSWORD);
      await page.getByTestId("continue-learning").first().click();
      await page.getByTestId("practice-link").click();
      await page.waitForURL(/\/learn\/[^/]+\/practice$/);

      const tomorrow = dayOptions(Date.now())[1] as string;
      const book = page.getByTestId("practice-book");
      await book.getByTestId("practice-day").selectOption(tomorrow);
      await book.getByTestId("practice-time").selectOption("10:00");
      await book.getByTestId("practice-minutes").selectOption("45");
      await book.getByTestId("practice-book-submit").click();

      const ahead = page.getByTestId("practice-ahead").getByTestId("practice-slot").filter({ hasText: "10:00–10:45" });
      await ahead.waitFor();
      await until(() => ahead.getAttribute("data-phase")).toBe("upcoming");
      // The slot booked for now is open already: it can't be given back from here.
      await until(() => page.getByTestId("practice-ahead").getByTestId("practice-cancel").count()).toBe(1);

      // Changing one's mind at the "are you sure" keeps the slot.
      await ahead.getByRole("button", { name: /^取消预约/ }).click();
      const ask = ahead.getByTestId("practice-cancel-ask");
      await ask.waitFor();
      await until(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("practice-cancel-keep");
      await ask.getByRole("button", { name: "保留" }).click();
      await ask.waitFor({ state: "detached" });

      await ahead.getByTestId("practice-cancel").click();
      await page.locator(".toast").first().waitFor({ state: "detached" });
      await page.getByTestId("practice-mine").screenshot({ path: join(shots, "practice-cancel.png") });
      await ahead.getByTestId("practice-cancel-confirm").click();
      await page.locator(".toast").filter({ hasText: "已取消" }).waitFor();
      await ahead.waitFor({ state: "detached" });
      const gone = page.getByTestId("practice-behind").getByTestId("practice-slot").filter({ hasText: "10:00–10:45" });
      await until(() => gone.getAttribute("data-phase")).toBe("cancelled");
      await until(() => gone.textContent()).toContain("已取消");
      await until(() => gone.getByTestId("practice-cancel").count()).toBe(0);
    },
    STEP,
  );
});
