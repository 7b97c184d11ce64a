import { Clock } from "@zhubo/core/clock";
import { Practice } from "@zhubo/core/practice";
import type { IvsEvent } from "@zhubo/core/practice/events";
import { describe, expect, it } from "vitest";

let n = 0;
const channel = () => `arn:aws:ivs:ap-northeast-1:123456789012:channel/test${++n}`;
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 25, 12, minute, second)).toISOString().replace(".000", "");

function stream(
  channelArn: string,
  id: string,
  name: "Session Created" | "Stream Start" | "Stream End" | "Session Ended",
  time: string,
  streamId = "st-aaaaaaaaaaaaaaaaaaaaaaaaaa",
): IvsEvent {
  return {
    version: "0",
    id,
    "detail-type": "IVS Stream State Change",
    source: "aws.ivs",
    account: "123456789012",
    time,
    region: "ap-northeast-1",
    resources: [channelArn],
    detail: { event_name: name, channel_name: "c", stream_id: streamId },
  };
}

function recording(channelArn: string, id: string, status: "Recording Start" | "Recording End", time: string, durationMs = 0): IvsEvent {
  return {
    version: "0",
    id,
    "detail-type": "IVS Recording State Change",
    source: "aws.ivs",
    account: "123456789012",
    time,
    region: "ap-northeast-1",
    resources: [channelArn],
    detail: {
      channel_name: "c",
      stream_id: "st-aaaaaaaaaaaaaaaaaaaaaaaaaa",
      recording_status: status,
      recording_status_reason: "",
      recording_s3_bucket_name: "b",
      recording_s3_key_prefix: "p",
      recording_duration_ms: durationMs,
      recording_session_id: "r",
    },
  };
}

const session = (arn: string) => [
  stream(arn, "e1", "Session Created", at(0, 0)),
  stream(arn, "e2", "Stream Start", at(0, 1)),
  recording(arn, "e3", "Recording Start", at(0, 2)),
  stream(arn, "e4", "Stream End", at(20, 0)),
  stream(arn, "e5", "Session Ended", at(20, 1)),
  // a minute after Stream End: the recording's reconnect window
  recording(arn, "e6", "Recording End", at(21, 3), 1_198_000),
];

describe("the practice-session ledger in DynamoDB", () => {
  it("records each event once however often and in whatever order it arrives, even all at once", async () => {
    const arn = channel();
    const events = session(arn);
    const deliveries = [...events, ...events, events[3], events[0], events[5]].reverse();
    await Promise.all(deliveries.map((e) => Practice.record(e)));
    const stored = await Practice.session(arn, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(stored?.eventIDs).toEqual(["e1", "e2", "e3", "e4", "e5", "e6"]);
    // the stream's time (Stream Start → Stream End), not stretched to the late Recording End
    expect(Practice.seconds(stored as Practice.SessionState)).toBe(20 * 60 - 1);
    expect(stored?.recordingMs).toBe(1_198_000);
  });

  it("gives the same totals for sessions replayed in different orders with duplicates", async () => {
    const minutes: number[] = [];
    for (const order of [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [3, 0, 5, 1, 4, 2, 3, 3],
    ]) {
      const arn = channel();
      const events = session(arn);
      for (const i of order) await Practice.record(events[i]);
      const s = (await Practice.session(arn, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa")) as Practice.SessionState;
      minutes.push(Practice.totals([{ seconds: Practice.seconds(s) ?? 0 }]).minutes);
    }
    expect(minutes).toEqual([19, 19, 19]);
  });

  it("leaves a session without an end open until reconciliation closes it from the provider's look-up or the lease end", async () => {
    const arn = channel();
    for (const e of session(arn).slice(0, 3)) await Practice.record(e);
    expect(Practice.seconds((await Practice.session(arn, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa")) as Practice.SessionState)).toBeUndefined();
    Clock.use(Clock.fixed(Date.parse(at(45))));
    try {
      const lease = { startsAt: at(0), endsAt: at(30) };
      const closed = await Practice.reconcile(arn, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa", { startTime: at(0, 0), endTime: at(12, 30) }, lease);
      expect([closed.closedBy, Practice.seconds(closed)]).toEqual(["lookup", 12 * 60 + 29]);
      const other = channel();
      for (const e of session(other).slice(0, 2)) await Practice.record(e);
      const byLease = await Practice.reconcile(other, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa", undefined, lease);
      expect([byLease.closedBy, Practice.seconds(byLease)]).toEqual(["lease_end", 30 * 60 - 1]);
      // a session whose start events were lost: its Stream End and Recording End alone place it
      const headless = channel();
      for (const e of session(headless).slice(3)) await Practice.record(e);
      const stored = (await Practice.session(headless, "st-aaaaaaaaaaaaaaaaaaaaaaaaaa")) as Practice.SessionState;
      expect([stored.startedAt, Practice.seconds(stored)]).toEqual([new Date(Date.parse(at(20, 0)) - 1_198_000).toISOString(), 1198]);
    } finally {
      Clock.reset();
    }
  });

  it("ignores what isn't an IVS stream event", async () => {
    expect(await Practice.record({ source: "aws.s3", id: "x" })).toBeUndefined();
    const failure = { ...stream(channel(), "f1", "Stream Start", at(1)), detail: { event_name: "Stream Failure", channel_name: "c", stream_id: "st-x" } };
    expect(await Practice.record(failure)).toBeUndefined();
  });
});
