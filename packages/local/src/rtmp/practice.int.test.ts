import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Enrolment } from "@zhubo/core/enrolment";
import type { VisibleError } from "@zhubo/core/error";
import { Practice } from "@zhubo/core/practice";
import type { IvsEvent } from "@zhubo/core/practice/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, openCohort, people } from "../../../core/test/factory.js";
import { freePort } from "../dynamo-local.js";
import { type Stack, startStack } from "../stack.js";
import { push } from "./ffmpeg.js";

/**
 * A learner books a slot, gets a key for it, streams like OBS to the local ingest, and the
 * minutes appear on their progress — through the same event handler the cloud uses.
 */
const dataDir = mkdtempSync(join(tmpdir(), "zhubo-practice-"));
let stack: Stack;
const events: IvsEvent[] = [];
const QUARTER = 15 * 60_000;

beforeAll(async () => {
  process.env.PRACTICE_POOL_SIZE = "1";
  stack = await startStack({
    dynamoEndpoint: process.env.DYNAMO_ENDPOINT as string,
    table: process.env.TABLE_NAME,
    dataDir,
    apiPort: await freePort(),
    web: "none",
    seed: false,
    streaming: { rtmpPort: await freePort(), httpPort: await freePort(), tap: (e) => events.push(e) },
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );
const thisQuarter = () => new Date(Math.floor(Date.now() / QUARTER) * QUARTER).toISOString();

async function recordingEnded(count: number) {
  for (let i = 0; i < 100; i++) {
    if (events.filter((e) => e["detail-type"] === "IVS Recording State Change" && e.detail.recording_status === "Recording End").length >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no Recording End");
}

async function streamStarted() {
  for (let i = 0; i < 100; i++) {
    if (events.some((e) => e["detail-type"] === "IVS Stream State Change" && e.detail.event_name === "Stream Start")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no Stream Start");
}

/** Reads the start of a live HTTP-FLV response, then hangs up. */
async function firstBytes(url: string): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  const chunk = await reader?.read();
  abort.abort();
  return Buffer.from(chunk?.value ?? [])
    .subarray(0, 3)
    .toString();
}

describe("practice streaming on the laptop", () => {
  it("books a slot, streams with the leased key for a minute, finds the minutes on the learner's progress, and the instructor scores it", async () => {
    const { cohort, admin } = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const [learner, other] = (await people(2)) as [Actor.PersonActor, Actor.PersonActor];
    for (const l of [learner, other]) await as(l, () => Enrolment.enrol({ cohortID: cohort.cohortID }));

    const lease = await as(learner, () => Practice.book({ cohortID: cohort.cohortID, startsAt: thisQuarter(), minutes: 30 }));
    expect(lease).not.toHaveProperty("streamKey");
    // the pool has one channel: the same time is full for anyone else
    expect((await reject(as(other, () => Practice.book({ cohortID: cohort.cohortID, startsAt: thisQuarter(), minutes: 15 })))).code).toBe("practice.pool_full");
    expect((await reject(as(other, () => Practice.open({ leaseID: lease.leaseID })))).kind).toBe("not_found");

    const { streamKey, ingestUrl } = await as(learner, () => Practice.open({ leaseID: lease.leaseID }));
    expect(streamKey).toMatch(/^sk_local_/);
    expect((await as(learner, () => Practice.mine({}))).items.map((l) => JSON.stringify(l)).join("")).not.toContain(streamKey as string);

    // a booked, opened slot with nobody streaming yet is not "live now"
    expect((await as(admin.actor, () => Practice.live({ cohortID: cohort.cohortID }))).items).toEqual([]);
    const pushing = push(`${ingestUrl}${streamKey}`, 62, "320x240");
    // while it is live, the cohort's instructors see it under "live now" and can watch it (no key in sight)
    await streamStarted();
    const live = await as(admin.actor, () => Practice.live({ cohortID: cohort.cohortID }));
    expect(live.items).toEqual([expect.objectContaining({ leaseID: lease.leaseID, learnerID: learner.personID, learnerName: expect.any(String) })]);
    expect(JSON.stringify(live)).not.toContain(streamKey as string);
    expect(await firstBytes(live.items[0]?.watchUrl as string)).toBe("FLV");
    expect((await reject(as(other, () => Practice.live({ cohortID: cohort.cohortID })))).kind).toBe("not_found");
    const pushed = await pushing.exited;
    expect(pushed.code).toBe(0);
    await recordingEnded(1);
    await new Promise((r) => setTimeout(r, 300));
    // the stream ended inside the slot's time: nobody is live any more
    await expect
      .poll(async () => (await as(admin.actor, () => Practice.live({ cohortID: cohort.cohortID }))).items, { timeout: 15_000, interval: 100 })
      .toEqual([]);
    // a one-minute push is kept and shown, but is too short to count (the course's minimum: 10 minutes by default)
    const page = await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }));
    expect([page.progress.practiceMinutes, page.progress.practiceSessions]).toEqual([0, 0]);
    const practised = await as(learner, () => Practice.mySessions({ cohortID: cohort.cohortID }));
    expect(practised.minSessionMinutes).toBe(10);
    expect(practised.items).toEqual([expect.objectContaining({ leaseID: lease.leaseID, tooShort: true, reviewed: false })]);
    expect(practised.items[0]?.seconds).toBeGreaterThanOrEqual(58);
    // the learner's own sessions only
    expect((await as(other, () => Practice.mySessions({ cohortID: cohort.cohortID }))).items).toEqual([]);

    // the readiness check read the ingest the server measured: 240p is too small, the rest is right
    const readiness = await as(learner, () => Practice.readiness({ leaseID: lease.leaseID }));
    expect(Object.fromEntries(readiness.checks.map((c) => [c.check, c.verdict]))).toEqual({
      resolution: "fix",
      framerate: "pass",
      bitrate: "pass",
      keyframe: "pass",
      audio: "pass",
    });
    expect(readiness.ready).toBe(false);

    // the agency reviews it: watches the recording, scores every criterion with timestamped comments
    const queue = await as(admin.actor, () => Practice.sessions({ cohortID: cohort.cohortID }));
    const [session] = queue.items;
    expect(session).toMatchObject({ learnerID: learner.personID, reviewed: false, tooShort: true });
    const recording = await fetch(session?.recordingUrl as string);
    expect(recording.status).toBe(200);
    expect(
      Buffer.from(await recording.arrayBuffer())
        .subarray(0, 3)
        .toString(),
    ).toBe("FLV");
    const criteria = page.enrolment.rubric.map((c) => c.criterionID);
    const partial = await reject(
      as(admin.actor, () =>
        Practice.review({
          cohortID: cohort.cohortID,
          learnerID: learner.personID,
          streamId: session?.streamId as string,
          scores: { [criteria[0] as string]: 3 },
          comments: [],
        }),
      ),
    );
    expect(Object.keys(partial.fields ?? {})).toContain(`scores.${criteria[1]}`);
    await as(admin.actor, () =>
      Practice.review({
        cohortID: cohort.cohortID,
        learnerID: learner.personID,
        streamId: session?.streamId as string,
        scores: Object.fromEntries(criteria.map((id, i) => [id, i % 5])),
        comments: [{ atSeconds: 12, text: "开场太慢，先报福利" }],
      }),
    );
    const [mine] = await as(learner, () => Practice.myReviews({ cohortID: cohort.cohortID }));
    expect(mine?.comments).toEqual([{ atSeconds: 12, text: "开场太慢，先报福利" }]);
    expect((await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }))).enrolment.latestScores).toEqual(
      Object.fromEntries(criteria.map((id, i) => [id, i % 5])),
    );
    expect((await reject(as(other, () => Practice.sessions({ cohortID: cohort.cohortID })))).kind).toBe("not_found");

    // when the lease is over, its key is retired: the same push is refused and records nothing
    Clock.use(Clock.fixed(Date.parse(lease.endsAt) + 1000));
    try {
      expect(await Practice.expireDue()).toBe(1);
    } finally {
      Clock.reset();
    }
    const before = events.length;
    const expired = await push(`${ingestUrl}${streamKey}`, 2, "320x240").exited;
    expect(expired.code).not.toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(events.length).toBe(before);
    expect((await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }))).progress.practiceMinutes).toBe(0);
  }, 120_000);

  it("closes a session whose end event was lost at the lease end, when the expiry job runs", async () => {
    const { cohort } = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const [learner] = (await people(1)) as [Actor.PersonActor];
    await as(learner, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const startsAt = new Date(Math.floor(Date.now() / QUARTER) * QUARTER + 2 * QUARTER).toISOString();
    const lease = await as(learner, () => Practice.book({ cohortID: cohort.cohortID, startsAt, minutes: 15 }));
    // IVS delivered the start but never the end
    const start = new Date(Date.parse(startsAt) + 5 * 60_000).toISOString().replace(".000", "");
    Clock.use(Clock.fixed(Date.parse(start) + 2000));
    await Practice.record({
      version: "0",
      id: "lost-end-1",
      "detail-type": "IVS Stream State Change",
      source: "aws.ivs",
      account: "000000000000",
      time: start,
      region: "local",
      resources: [lease.channelArn],
      detail: { event_name: "Stream Start", channel_name: "c", stream_id: "st-lostendlostendlostendlost" },
    });
    Clock.use(Clock.fixed(Date.parse(lease.endsAt) + 60_000));
    try {
      expect(await Practice.expireDue()).toBe(1);
    } finally {
      Clock.reset();
    }
    const closed = await Practice.session(lease.channelArn, "st-lostendlostendlostendlost");
    expect(closed?.closedBy).toBe("lease_end");
    const page = await as(learner, () => Enrolment.progress({ cohortID: cohort.cohortID }));
    expect([page.progress.practiceMinutes, page.progress.practiceSessions]).toEqual([10, 1]);
  }, 60_000);

  it("credits the stream's time when Recording End comes a minute after Stream End, and a session whose start events were lost", async () => {
    const { cohort } = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const [late, headless, afterJob] = (await people(3)) as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    for (const l of [late, headless, afterJob]) await as(l, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const slot = (quarters: number) => new Date(Math.floor(Date.now() / QUARTER) * QUARTER + quarters * QUARTER).toISOString();
    const [one, two, three] = [
      await as(late, () => Practice.book({ cohortID: cohort.cohortID, startsAt: slot(8), minutes: 30 })),
      await as(headless, () => Practice.book({ cohortID: cohort.cohortID, startsAt: slot(10), minutes: 30 })),
      await as(afterJob, () => Practice.book({ cohortID: cohort.cohortID, startsAt: slot(12), minutes: 30 })),
    ] as [Practice.Lease, Practice.Lease, Practice.Lease];
    const minute = (lease: Practice.Lease, m: number) => new Date(Date.parse(lease.startsAt) + m * 60_000).toISOString().replace(".000", "");
    let n = 0;
    const ivs = (lease: Practice.Lease, streamId: string, time: string, detail: Record<string, unknown>): IvsEvent =>
      ({
        version: "0",
        id: `h6a-${++n}`,
        "detail-type": "recording_status" in detail ? "IVS Recording State Change" : "IVS Stream State Change",
        source: "aws.ivs",
        account: "000000000000",
        time,
        region: "local",
        resources: [lease.channelArn],
        detail: { channel_name: "c", stream_id: streamId, ...detail },
      }) as IvsEvent;
    const recordingEnd = (ms: number) => ({
      recording_status: "Recording End",
      recording_status_reason: "",
      recording_s3_bucket_name: "b",
      recording_s3_key_prefix: "",
      recording_duration_ms: ms,
      recording_session_id: "r",
    });
    // events are recorded when they arrive: a few seconds after they happened
    const deliver = async (event: IvsEvent) => {
      Clock.use(Clock.fixed(Date.parse(event.time) + 3000));
      try {
        await Practice.record(event);
      } finally {
        Clock.reset();
      }
    };
    const progress = async (who: Actor.PersonActor) => {
      const p = (await as(who, () => Enrolment.progress({ cohortID: cohort.cohortID }))).progress;
      return [p.practiceMinutes, p.practiceSessions];
    };

    // 20 minutes streamed; Recording End a minute after Stream End (the reconnect window) must not add that minute
    await deliver(ivs(one, "st-latelatelatelatelatelat", minute(one, 1), { event_name: "Stream Start" }));
    await deliver(ivs(one, "st-latelatelatelatelatelat", minute(one, 21), { event_name: "Stream End" }));
    await deliver(ivs(one, "st-latelatelatelatelatelat", minute(one, 22), recordingEnd(20 * 60_000)));
    expect(await progress(late)).toEqual([20, 1]);

    // start events lost: only Stream End came; the expiry job credits it from the lease start
    await deliver(ivs(two, "st-headlessheadlessheadles", minute(two, 25), { event_name: "Stream End" }));
    expect(await progress(headless)).toEqual([0, 0]);
    Clock.use(Clock.fixed(Date.parse(two.endsAt) + 60_000));
    try {
      await Practice.expireDue();
    } finally {
      Clock.reset();
    }
    expect(await progress(headless)).toEqual([25, 1]);

    // streamed to the end of the slot, start events lost, and its end arrived only after the job closed the lease
    Clock.use(Clock.fixed(Date.parse(three.endsAt) + 60_000));
    try {
      await Practice.expireDue();
    } finally {
      Clock.reset();
    }
    await deliver(ivs(three, "st-afterjobafterjobafterjo", minute(three, 30), { event_name: "Stream End" }));
    expect(await progress(afterJob)).toEqual([0, 0]);
    Clock.use(Clock.fixed(Date.parse(three.endsAt) + 6 * 60_000));
    try {
      await Practice.expireDue();
    } finally {
      Clock.reset();
    }
    expect(await progress(afterJob)).toEqual([30, 1]);
    expect((await Practice.session(three.channelArn, "st-afterjobafterjobafterjo"))?.startedAt).toBe(new Date(three.startsAt).toISOString());
  }, 60_000);

  it("frees the channel's time when a learner cancels a slot that hasn't started", async () => {
    const { cohort } = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const [first, second] = (await people(2)) as [Actor.PersonActor, Actor.PersonActor];
    for (const l of [first, second]) await as(l, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const startsAt = new Date(Math.floor(Date.now() / QUARTER) * QUARTER + 4 * QUARTER).toISOString();
    const lease = await as(first, () => Practice.book({ cohortID: cohort.cohortID, startsAt, minutes: 30 }));
    expect((await reject(as(second, () => Practice.book({ cohortID: cohort.cohortID, startsAt, minutes: 15 })))).code).toBe("practice.pool_full");
    expect((await reject(as(second, () => Practice.cancel({ leaseID: lease.leaseID })))).kind).toBe("not_found");
    expect((await as(first, () => Practice.cancel({ leaseID: lease.leaseID }))).status).toBe("cancelled");
    expect((await as(second, () => Practice.book({ cohortID: cohort.cohortID, startsAt, minutes: 15 }))).status).toBe("booked");
    expect((await reject(as(first, () => Practice.cancel({ leaseID: lease.leaseID })))).code).toBe("practice.not_cancellable");
  }, 60_000);
});
