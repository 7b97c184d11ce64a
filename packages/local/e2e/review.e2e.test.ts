import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { currentQuarter, QUARTER_MS } from "../../../web/src/practice/slots";
import { push } from "../src/rtmp/ffmpeg";
import { DEMO_ACCOUNTS } from "../src/seed";
import { phoneStack, seriousA11y, shots, until } from "./harness";

const e2e = phoneStack("review", { streaming: true });

/** Long enough for the instructor to sign in, open "live now" and see the stream play. */
const LIVE_SECONDS = 20;

/** The learner's channel answers playback: ffmpeg has connected and the first frames are in. */
async function waitUntilStreaming(api: Awaited<ReturnType<typeof e2e.client>>["api"], cohortID: string, learnerID: string) {
  await until(async () => {
    const slot = (await api.practice.live.query({ cohortID })).items.find((s) => s.learnerID === learnerID);
    return Boolean(slot && (await fetch(slot.watchUrl, { method: "HEAD" })).ok);
  }).toBe(true);
}

describe("reviewing a practice session on a phone", () => {
  it("a learner streams, the instructor watches it live, then scores it with a comment at 00:03 from the roster, and the learner reads the review", async () => {
    const learner = await e2e.client(DEMO_ACCOUNTS.hostSuqian.login);
    const instructor = await e2e.client(DEMO_ACCOUNTS.instructor.login);

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
    await until(() => currentQuarter(Date.now()) + QUARTER_MS - Date.now()).toBeGreaterThanOrEqual(5_000);
    const lease = await learner.api.practice.book.mutate({ cohortID, startsAt: new Date(currentQuarter(Date.now())).toISOString(), minutes: 30 });
    const { ingestUrl, streamKey } = await learner.api.practice.open.mutate({ leaseID: lease.leaseID });
    const pushing = push(`${ingestUrl}${streamKey}`, LIVE_SECONDS, "320x240");

    // While it's live the instructor watches it from the teaching page's "live now".
    const teach = await e2e.phone();
    await e2e.signInDemo(teach, DEMO_ACCOUNTS.instructor.login);
    await waitUntilStreaming(instructor.api, cohortID, learner.personID);
    await teach.goto(`${e2e.stack.webUrl}/teach/${cohortID}`);
    const liveRow = teach.getByTestId("live-now").getByTestId("live-item").filter({ hasText: DEMO_ACCOUNTS.hostSuqian.name });
    await liveRow.getByTestId("live-watch").click();
    const liveVideo = liveRow.getByTestId("live-video");
    await expect.poll(() => liveVideo.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => liveVideo.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0);
    await teach.getByTestId("live-now").screenshot({ path: join(shots, "live-now.png") });

    const pushed = await pushing.exited;
    expect(pushed.code, pushed.stderr).toBe(0);

    // the session reaches the review queue once its end events are in
    // (the seeded learner has demo sessions in the queue already: this one is the lease's)
    let streamId = "";
    await until(async () => {
      streamId = (await instructor.api.practice.sessions.query({ cohortID })).items.find((s) => s.leaseID === lease.leaseID)?.streamId ?? "";
      return streamId !== "";
    }, 20_000).toBe(true);

    // The instructor: roster → practice to review → score every criterion, a comment at 00:03, save.
    await teach.goto(`${e2e.stack.webUrl}/teach/${cohortID}`);
    // the stream is over though the slot still runs: nobody is "live now"
    await teach.getByTestId("live-now").getByTestId("live-empty").waitFor();
    const thisStream = teach.locator(`a[href$="/${streamId}"]`);
    const row = teach.getByTestId("review-queue").getByTestId("review-session").filter({ has: thisStream });
    await until(() => row.getByTestId("review-status").textContent()).toBe("待点评");
    await row.getByTestId("review-open").click();
    await teach.getByTestId("review-form").waitFor();
    // Locally the recording is FLV: an honest link plus a manual playback time, no broken player.
    await until(() => teach.getByTestId("recording-link").getAttribute("href")).toMatch(/\.flv$/);
    // the FLV recording plays in the page (mpegts.js over Media Source Extensions); seek to 00:03
    const video = teach.getByTestId("recording-video");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 3.2;
    });

    // Saving with nothing scored marks every criterion.
    await teach.getByTestId("review-save").click();
    const picks = teach.getByTestId("score-pick");
    await until(() => picks.count()).toBeGreaterThan(1);
    const criteria = await picks.count();
    await until(() => teach.locator(".score-pick .field-error").count()).toBe(criteria);

    for (let i = 0; i < criteria; i++)
      await picks
        .nth(i)
        .getByRole("radio", { name: String((i % 4) + 1), exact: true })
        .check();
    await until(() => video.evaluate((v: HTMLVideoElement) => Math.floor(v.currentTime))).toBe(3);
    await teach.getByTestId("comment-add").click();
    const comment = teach.getByTestId("comment-row").first();
    await until(() => comment.getByTestId("comment-at").inputValue()).toBe("00:03");
    await comment.getByTestId("comment-text").fill("开场先报福利，再讲产品");
    await teach.evaluate(() => window.scrollTo(0, 0));
    await teach.screenshot({ path: join(shots, "review-form.png"), fullPage: true });
    expect(await seriousA11y(teach), "review page").toEqual([]);
    await teach.getByTestId("review-save").click();

    await teach.waitForURL(new RegExp(`/teach/${cohortID}$`));
    const reviewed = teach.getByTestId("review-session").filter({ has: teach.locator(`a[href$="/${streamId}"]`) });
    await reviewed.getByText("已点评").waitFor();
    await until(() => reviewed.getAttribute("data-reviewed")).toBe("yes");
    await teach.getByTestId("review-queue").screenshot({ path: join(shots, "review-queue.png") });

    // The learner sees the review on the course page: instructor, scores by name, average, the comment at 00:03.
    const learn = await e2e.phone();
    await e2e.signInDemo(learn, DEMO_ACCOUNTS.hostSuqian.login);
    await learn.goto(`${e2e.stack.webUrl}/learn/${cohortID}`);
    const card = learn.getByTestId("my-reviews").getByTestId("my-review").first();
    await card.waitFor();
    for (const words of [DEMO_ACCOUNTS.instructor.name, "00:03", "开场先报福利，再讲产品", "加权平均"]) await until(() => card.textContent()).toContain(words);
    await until(() => card.getByTestId("review-scores").locator("li").count()).toBe(criteria);
    await learn
      .locator(".toast")
      .first()
      .waitFor({ state: "detached" })
      .catch(() => {});
    await learn.getByTestId("my-reviews").scrollIntoViewIfNeeded();
    await learn.getByTestId("my-reviews").screenshot({ path: join(shots, "review.png") });
  }, 90_000);
});
