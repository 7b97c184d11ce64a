import { Auth } from "@zhubo/core/auth";
import { Enrolment } from "@zhubo/core/enrolment";
import { Practice } from "@zhubo/core/practice";
import { Stream } from "@zhubo/core/stream";
import { describe, expect, it } from "vitest";
import { actorOf, as } from "../../core/test/factory.js";
import { quietStreams, streamed } from "../../core/test/streams.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoSessions, seed } from "./seed.js";

const QUARTER = 15 * 60_000;

describe("demo practice", () => {
  it("is real credits behind the seeded totals, so a learner's next session adds to them", async () => {
    expect(await seed()).toBe(true);
    Stream.use(quietStreams());
    const learner = actorOf(await Auth.signIn({ login: DEMO_ACCOUNTS.hostNanjing.login, password: DEMO_PASSWORD }));
    const [seat] = (await as(learner, () => Enrolment.mine({}))).items;
    const cohortID = seat?.cohort.cohortID as string;
    const seeded = seat?.progress as Enrolment.Progress;
    expect([seeded.practiceMinutes, seeded.practiceSessions]).toEqual([150, 3]);
    const credits = await as(learner, () => Practice.mySessions({ cohortID }));
    expect(credits.items).toHaveLength(3);
    expect(credits.items.reduce((n, s) => n + s.seconds, 0)).toBe(150 * 60);

    // one more session, streamed through the ledger like any other: 20 minutes
    const startsAt = new Date(Math.floor(Date.now() / QUARTER) * QUARTER + QUARTER).toISOString();
    const lease = await as(learner, () => Practice.book({ cohortID, startsAt, minutes: 30 }));
    for (const e of streamed(lease, 60, 21 * 60).events) await Practice.record(e);

    const after = (await as(learner, () => Enrolment.progress({ cohortID }))).progress;
    expect([after.practiceMinutes, after.practiceSessions]).toEqual([170, 4]);
  }, 300_000);

  it("splits a learner's minutes over their sessions, the last the day before", () => {
    const at = Date.parse("2026-12-01T12:07:00Z");
    const sessions = demoSessions(260, 4, at);
    expect(sessions.map((s) => s.minutes)).toEqual([65, 65, 65, 65]);
    expect(sessions.at(-1)?.startsAt).toBe("2026-11-30T12:00:00.000Z");
    expect(demoSessions(10, 3, at).map((s) => s.minutes)).toEqual([4, 3, 3]);
    expect(demoSessions(0, 0, at)).toEqual([]);
  });
});
