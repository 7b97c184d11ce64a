import { Enrolment } from "@zhubo/core/enrolment";
import { Stream } from "@zhubo/core/stream";
import { beforeAll, describe, expect, it } from "vitest";
import { as, openCohort, signUp } from "../../../packages/core/test/factory.js";
import { app } from "./app.js";

const HOUR = 3_600_000;

/** Channels that exist and nothing live: booking needs no more of the provider. */
beforeAll(() => {
  Stream.use({
    kind: "local",
    ensureChannel: async (poolID, index) => ({
      channelArn: `arn:test:channel/${poolID}-${index}`,
      ingestEndpoint: "127.0.0.1:1935",
      playbackUrl: "http://127.0.0.1/x.flv",
    }),
    rotateKey: async () => ({ streamKey: "sk_test", ingestUrl: "rtmp://127.0.0.1:1935/app/" }),
    stopStream: async () => undefined,
    playbackToken: async () => undefined,
    streamSession: async () => undefined,
    recordingUrl: async () => undefined,
  });
});

describe("practice booking over HTTP", () => {
  it("one batched request of six books for the same hour gives the learner one lease and five overlaps", async () => {
    const { cohort } = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
    const learner = await signUp("练习学员");
    await as(learner.actor, () => Enrolment.enrol({ cohortID: cohort.cohortID }));
    const input = { cohortID: cohort.cohortID, startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + HOUR).toISOString(), minutes: 60 };
    const calls = Array.from({ length: 6 }, () => "practice.book");
    const res = await app.request(`/trpc/${calls.join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${learner.accessToken}` },
      body: JSON.stringify(Object.fromEntries(calls.map((_, i) => [i, input]))),
    });
    const results = (await res.json()) as ({ result: { data: { leaseID: string } } } | { error: { data: { code: string } } })[];
    expect(results).toHaveLength(6);
    expect(results.filter((r) => "result" in r)).toHaveLength(1);
    expect(results.flatMap((r) => ("error" in r ? [r.error.data.code] : []))).toEqual(Array(5).fill("practice.overlap"));
  }, 60_000);
});
