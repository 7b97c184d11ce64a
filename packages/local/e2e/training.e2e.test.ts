import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { phoneStack, shots, until } from "./harness";
import { enterSignUpCode } from "./sign-up-code";

const STEP = 60_000;
const suffix = String(Math.floor(Math.random() * 1e4)).padStart(4, "0");
const courseTitle = `生鲜直播带货实战 ${suffix}`;
const cohortTitle = `周末线下班 ${suffix}`;
const lessonTitle = "开场三十秒留人话术";
const learner = { login: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`, password: "zhibo-learner-2026", name: "夏同学" };

const e2e = phoneStack("training");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

describe("training on a phone", () => {
  it(
    "an agency admin writes a course with a lesson, publishes it and opens a cohort taught by the seeded instructor",
    async () => {
      const page = await e2e.phone();
      await e2e.signIn(page, DEMO_ACCOUNTS.agencyAdmin.login, DEMO_PASSWORD);
      await page.getByTestId("agency-courses").waitFor();
      await page.getByTestId("course-new").click();

      const editor = page.getByTestId("course-editor");
      await editor.getByTestId("course-title").fill(courseTitle);
      await editor.getByTestId("course-category").selectOption("fresh_produce");
      await editor.getByTestId("module-title-0").fill("第一单元 开播准备");
      await editor.getByTestId("lesson-title-0-0").fill(lessonTitle);
      await editor.getByTestId("lesson-minutes-0-0").fill("30");
      await editor.getByTestId("lesson-body-0-0").fill("## 开场三步\n\n1. 福利预告\n2. **痛点提问**\n3. 产品亮相\n\n<b>不是标签</b>");
      await until(() => editor.getByTestId("rubric-total").textContent()).toContain("权重合计 100 / 100");

      await editor.getByTestId("criterion-weight-0").fill("30");
      await editor.getByTestId("course-save").click();
      await editor.getByTestId("rubric-total").getByText("合计必须等于 100").waitFor();
      expect(new URL(page.url()).pathname).toBe("/manage/courses/new");
      await editor.getByTestId("criterion-weight-0").fill("25");
      await shot(page, "training-editor");

      await editor.getByTestId("course-save").click();
      await page.waitForURL(/\/manage\/courses\/crs_/);
      await page.getByTestId("course-heading").getByText(courseTitle).waitFor();
      await page.getByTestId("course-publish").click();
      await page.getByTestId("course-status").getByText("已发布").waitFor();

      await page.getByTestId("tab-cohorts").click();
      await page.getByTestId("cohort-new").click();
      const form = page.getByTestId("cohort-form");
      await form.getByTestId("cohort-title").fill(cohortTitle);
      await form.getByTestId("cohort-capacity").fill("20");
      await form.getByTestId("instructor-picker").getByText(DEMO_ACCOUNTS.instructor.name).click();
      await form.getByTestId("add-class").click();
      await form.getByTestId("class-title-0").fill("开班直播：选品与布光");
      await until(() => form.getByTestId("cohort-city").inputValue()).toBe("suzhou");
      await form.getByTestId("cohort-submit").click();

      const row = page.getByTestId("admin-cohort").filter({ hasText: cohortTitle });
      await row.waitFor();
      await row.getByText(`讲师：${DEMO_ACCOUNTS.instructor.name}`).waitFor();
      await shot(page, "training-cohorts");
    },
    STEP,
  );

  it(
    "a new learner finds the cohort, enrols, completes the lesson and sees progress",
    async () => {
      const page = await e2e.phone();
      await page.goto(`${e2e.stack.webUrl}/sign-up`);
      const form = page.getByTestId("sign-up-form");
      await form.getByLabel("手机号或邮箱").fill(learner.login);
      await form.getByLabel("密码", { exact: true }).fill(learner.password);
      await form.getByLabel("昵称").fill(learner.name);
      await form.getByLabel("所在城市").selectOption("suzhou");
      await form.getByTestId("sign-up-agree").getByRole("checkbox").check();
      await form.getByRole("button", { name: "注册" }).click();
      await enterSignUpCode(page, e2e.stack.webUrl as string, learner.login);

      await page.getByTestId("my-learning-empty").waitFor();
      await page.getByTestId("browse-courses").click();
      await page.getByTestId("browse-page").waitFor();
      await page.getByTestId("filter-category").selectOption("fresh_produce");
      await page.getByTestId("filter-city").selectOption("suzhou");
      const card = page.getByTestId("browse-cohort").filter({ hasText: cohortTitle });
      await card.getByText(courseTitle).waitFor();
      await shot(page, "training-browse");
      await card.click();

      await page.getByTestId("cohort-page").waitFor();
      await page.getByTestId("cohort-course-title").getByText(courseTitle).waitFor();
      await page.getByTestId("cohort-instructors").getByText("王老师").waitFor();
      await page.getByTestId("enrol").click();
      await page.getByTestId("enrol-state").getByText("你已报名这个班级").waitFor();
      await shot(page, "training-cohort");
      await page.getByTestId("open-course").click();

      await page.getByTestId("learn-page").waitFor();
      await until(() => page.getByTestId("stat-lessons").textContent()).toContain("0 / 1");
      const lesson = page.getByTestId("lesson").filter({ hasText: lessonTitle });
      await lesson.getByText(lessonTitle).click();
      const body = lesson.getByTestId("lesson-body");
      await until(() => body.locator("strong").textContent()).toBe("痛点提问");
      await until(() => body.locator("ol li").count()).toBe(3);
      await until(() => body.locator("b").count()).toBe(0);
      await body.getByText("<b>不是标签</b>").waitFor();

      await lesson.getByTestId("complete-lesson").click();
      await page.getByTestId("stat-lessons").getByText("1 / 1").waitFor();
      await until(() => page.getByTestId("stat-minutes").textContent()).toContain("0 / 600 分钟");
      await until(() => page.getByTestId("progress-ring").getAttribute("aria-label")).toMatch(/^已完成 \d+%$/);
      await shot(page, "training-learn");

      await page.goto(`${e2e.stack.webUrl}/`);
      const item = page.getByTestId("learning-item").filter({ hasText: cohortTitle });
      await item.getByText("课时 1/1").waitFor();
      await shot(page, "training-learner-home");
    },
    STEP,
  );

  it(
    "the instructor opens the roster and sees the learner with one lesson done",
    async () => {
      const page = await e2e.phone();
      await e2e.signIn(page, DEMO_ACCOUNTS.instructor.login, DEMO_PASSWORD);
      await page.getByTestId("home-instructor").waitFor();
      const cohort = page.getByTestId("teaching-cohort").filter({ hasText: cohortTitle });
      await cohort.getByTestId("open-roster").click();

      await page.getByTestId("roster-page").waitFor();
      const row = page.getByTestId("roster-row").filter({ hasText: learner.name });
      await until(() => row.getByTestId("roster-lessons").textContent()).toBe("1 / 1");
      await until(() => row.getByTestId("behind").count()).toBe(0);
      await until(() => page.getByTestId("roster-summary").textContent()).toBe("已报名 1/20 · 0 人落后");
      await page.getByTestId("roster").scrollIntoViewIfNeeded();
      await shot(page, "training");
    },
    STEP,
  );
});
