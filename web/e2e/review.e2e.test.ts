import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../packages/local/src/dynamo-local";
import { push } from "../../packages/local/src/rtmp/ffmpeg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../packages/local/src/seed";
import { repoRoot, type Stack, startStack } from "../../packages/local/src/stack";
import { currentQuarter, QUARTER_MS } from "../src/practice/slots";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

const shots = join(repoRoot, ".artifacts/e2e");

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let dataDir: string;

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signIn(page: Page, login: string) {
  await page.goto(`${stack.webUrl}/sign-in`);
  const form = page.getByTestId("sign-in-form");
  await form.getByLabel("手机号或邮箱").fill(login);
  await form.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

/** A signed-in API client in the test process, the way the web app calls the API. */
async function client(login: string) {
  const anon = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${stack.apiUrl}/trpc` })] });
  const tokens = await anon.auth.signIn.mutate({ login, password: DEMO_PASSWORD });
  const api = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${stack.apiUrl}/trpc`, headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }) })],
  });
  return { api, personID: tokens.personID };
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "zhubo-e2e-review-"));
  stack = await startStack({
    dynamoEndpoint: inject("dynamoEndpoint"),
    table: process.env.TABLE_NAME,
    dataDir,
    apiPort: await freePort(),
    webPort: await freePort(),
    web: "preview",
    seed: true,
    streaming: { rtmpPort: await freePort(), httpPort: await freePort() },
  });
  browser = await chromium.launch({
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
  });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("reviewing a practice session on a phone", () => {
  it("a learner streams, the instructor scores it with a comment at 00:03 from the roster, and the learner reads the review", async () => {
    const learner = await client(DEMO_ACCOUNTS.hostSuqian.login);
    const instructor = await client(DEMO_ACCOUNTS.instructor.login);

    // The seeded running cohort: the learner is enrolled and the instructor teaches it.
    const mine = await learner.api.enrolment.mine.query({});
    let cohortID: string | undefined;
    for (const item of mine.items.filter((i) => i.enrolment.status === "enrolled")) {
      const taught = await instructor.api.practice.sessions.query({ cohortID: item.cohort.cohortID }).then(
        () => true,
        () => false,
      );
      if (taught) cohortID = item.cohort.cohortID;
      if (cohortID) break;
    }
    if (!cohortID) throw new Error("no seeded cohort the instructor teaches");

    // Book the current quarter hour (not across a boundary), open the key and push a short real stream.
    const untilNext = currentQuarter(Date.now()) + QUARTER_MS - Date.now();
    if (untilNext < 5_000) await new Promise((r) => setTimeout(r, untilNext + 500));
    const lease = await learner.api.practice.book.mutate({ cohortID, startsAt: new Date(currentQuarter(Date.now())).toISOString(), minutes: 30 });
    const { ingestUrl, streamKey } = await learner.api.practice.open.mutate({ leaseID: lease.leaseID });
    const pushed = await push(`${ingestUrl}${streamKey}`, 4, "320x240").exited;
    expect(pushed.code, pushed.stderr).toBe(0);

    let streamId: string | undefined;
    for (let i = 0; i < 100 && !streamId; i++) {
      const queue = await instructor.api.practice.sessions.query({ cohortID });
      streamId = queue.items.find((s) => s.learnerID === learner.personID)?.streamId;
      if (!streamId) await new Promise((r) => setTimeout(r, 200));
    }
    expect(streamId).toBeTruthy();

    // The instructor: roster → practice to review → score every criterion, a comment at 00:03, save.
    const teach = await phone();
    await signIn(teach, DEMO_ACCOUNTS.instructor.login);
    await teach.goto(`${stack.webUrl}/teach/${cohortID}`);
    const row = teach.getByTestId("review-queue").getByTestId("review-session").filter({ hasText: DEMO_ACCOUNTS.hostSuqian.name });
    expect(await row.getByTestId("review-status").textContent()).toBe("待点评");
    await row.getByTestId("review-open").click();
    await teach.getByTestId("review-form").waitFor();
    // Locally the recording is FLV: an honest link plus a manual playback time, no broken player.
    expect(await teach.getByTestId("recording-link").getAttribute("href")).toMatch(/\.flv$/);
    // the FLV recording plays in the page (mpegts.js over Media Source Extensions); seek to 00:03
    const video = teach.getByTestId("recording-video");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 3.2;
    });

    // Saving with nothing scored marks every criterion.
    await teach.getByTestId("review-save").click();
    const picks = teach.getByTestId("score-pick");
    const criteria = await picks.count();
    expect(criteria).toBeGreaterThan(1);
    expect(await teach.locator(".score-pick .field-error").count()).toBe(criteria);

    for (let i = 0; i < criteria; i++)
      await picks
        .nth(i)
        .getByRole("radio", { name: String((i % 4) + 1), exact: true })
        .check();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.floor(v.currentTime))).toBe(3);
    await teach.getByTestId("comment-add").click();
    const comment = teach.getByTestId("comment-row").first();
    expect(await comment.getByTestId("comment-at").inputValue()).toBe("00:03");
    await comment.getByTestId("comment-text").fill("开场先报福利，再讲产品");
    await teach.evaluate(() => window.scrollTo(0, 0));
    await teach.screenshot({ path: join(shots, "review-form.png"), fullPage: true });
    await teach.getByTestId("review-save").click();

    await teach.waitForURL(new RegExp(`/teach/${cohortID}$`));
    const reviewed = teach.getByTestId("review-session").filter({ hasText: DEMO_ACCOUNTS.hostSuqian.name });
    await reviewed.getByText("已点评").waitFor();
    expect(await reviewed.getAttribute("data-reviewed")).toBe("yes");
    await teach.getByTestId("review-queue").screenshot({ path: join(shots, "review-queue.png") });

    // The learner sees the review on the course page: instructor, scores by name, average, the comment at 00:03.
    const learn = await phone();
    await signIn(learn, DEMO_ACCOUNTS.hostSuqian.login);
    await learn.goto(`${stack.webUrl}/learn/${cohortID}`);
    const card = learn.getByTestId("my-reviews").getByTestId("my-review").first();
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(DEMO_ACCOUNTS.instructor.name);
    expect(text).toContain("00:03");
    expect(text).toContain("开场先报福利，再讲产品");
    expect(text).toContain("加权平均");
    expect(await card.getByTestId("review-scores").locator("li").count()).toBe(criteria);
    await learn
      .locator(".toast")
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
    await learn.getByTestId("my-reviews").scrollIntoViewIfNeeded();
    await learn.getByTestId("my-reviews").screenshot({ path: join(shots, "review.png") });
  }, 60_000);
});
