import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toLedgerEvent } from "./events.js";
import { apply, type LedgerEvent, reconcile, replay, seconds, totals } from "./ledger.js";

const arn = "arn:aws:ivs:ap-northeast-1:123456789012:channel/abc";
const stream = "st-1A2b3c4D5e6F78ab91Cd2EFgHIjKLMn";
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 25, 12, minute, second)).toISOString();
const event = (id: string, kind: LedgerEvent["kind"], time: string, extra: Partial<LedgerEvent> = {}): LedgerEvent => ({
  id,
  kind,
  time,
  channelArn: arn,
  streamId: stream,
  ...extra,
});

/**
 * A 25-minute stream (12:00:02 → 12:25:02) as IVS delivers it with a recording reconnect window:
 * Recording End comes a minute after Stream End, carrying the recording's own duration.
 */
const STREAMED = 25 * 60;
const full = [
  event("e1", "session_created", at(0, 0)),
  event("e2", "stream_start", at(0, 2)),
  event("e3", "recording_start", at(0, 3)),
  event("e4", "stream_end", at(25, 2)),
  event("e5", "session_ended", at(25, 3)),
  event("e6", "recording_end", at(26, 5), { recordingDurationMs: STREAMED * 1000 }),
];
const lease = { startsAt: at(0), endsAt: at(30) };

describe("practice ledger", () => {
  it("credits the stream's time from Stream Start to Stream End, not the late Recording End", () => {
    const session = replay(arn, stream, full);
    expect(seconds(session)).toBe(STREAMED);
    expect(session.closedBy).toBe("event");
    expect(session.recordingMs).toBe(STREAMED * 1000);
  });

  it("without a Stream End, credits the recording's own duration rather than when Recording End arrived", () => {
    const session = replay(arn, stream, [full[1], full[2], full[5]] as LedgerEvent[]);
    expect(session.endedAt).toBe(at(25, 3));
    expect(seconds(session)).toBe(STREAMED + 1);
    // Session Ended is the next best end when the recording says nothing of its length
    expect(seconds(replay(arn, stream, [full[1], full[4]] as LedgerEvent[]))).toBe(STREAMED + 1);
  });

  it("ignores a merged recording's duration: with the reconnect window it spans several streams", () => {
    const ivs = (streamIDs: string[]) =>
      toLedgerEvent({
        version: "0",
        id: "r-end",
        "detail-type": "IVS Recording State Change",
        source: "aws.ivs",
        account: "123456789012",
        time: "2026-11-25T12:26:05Z",
        region: "ap-northeast-1",
        resources: [arn],
        detail: {
          channel_name: "c",
          stream_id: stream,
          recording_status: "Recording End",
          recording_status_reason: "",
          recording_s3_bucket_name: "b",
          recording_s3_key_prefix: "p",
          recording_duration_ms: 3_000_000,
          recording_session_id: "r",
          recording_session_stream_ids: streamIDs,
        },
      });
    expect(ivs([stream])?.recordingDurationMs).toBe(3_000_000);
    expect(ivs(["st-earlier", stream])?.recordingDurationMs).toBeUndefined();
  });

  it("gives the same session and minutes for any order and any duplication of any subset of the events", () => {
    fc.assert(
      fc.property(
        fc
          .subarray(full, { minLength: 1 })
          .chain((subset) =>
            fc.tuple(
              fc.constant(subset),
              fc.shuffledSubarray(subset, { minLength: subset.length, maxLength: subset.length }),
              fc.array(fc.constantFrom(...subset), { maxLength: 8 }),
            ),
          ),
        ([subset, order, dupes]) => {
          const expected = replay(arn, stream, subset);
          const session = replay(arn, stream, [...dupes, ...order, ...dupes]);
          expect(session).toEqual(expected);
          expect(totals([{ seconds: seconds(session, lease) ?? 0 }]).minutes).toBe(totals([{ seconds: seconds(expected, lease) ?? 0 }]).minutes);
        },
      ),
    );
  });

  it("never stretches a session by the recording's reconnect window, whatever events arrived", () => {
    fc.assert(
      fc.property(fc.subarray(full, { minLength: 1 }), (subset) => {
        const credited = seconds(replay(arn, stream, subset));
        // Session Created/Ended bracket the stream by a second or two; the reconnect window is a minute.
        if (credited !== undefined) expect(Math.abs(credited - STREAMED)).toBeLessThanOrEqual(5);
      }),
    );
  });

  it("ignores events of another stream on the same channel", () => {
    const other = event("x1", "stream_end", at(59), { streamId: "st-other" });
    expect(seconds(replay(arn, stream, [...full, other]))).toBe(STREAMED);
  });

  it("stays open without an end event, and the provider's look-up closes it", () => {
    const open = replay(arn, stream, full.slice(0, 3));
    expect(seconds(open)).toBeUndefined();
    const closed = reconcile(open, { startTime: at(0, 0), endTime: at(18, 30) }, lease, Date.parse(at(40)));
    expect(closed.closedBy).toBe("lookup");
    expect(seconds(closed)).toBe(18 * 60 + 28);
  });

  it("closes at the lease end when nobody knows the end, and not before the lease is over", () => {
    const open = replay(arn, stream, full.slice(0, 2));
    expect(reconcile(open, undefined, lease, Date.parse(at(29))).endedAt).toBeUndefined();
    const closed = reconcile(open, undefined, lease, Date.parse(at(31)));
    expect(closed.closedBy).toBe("lease_end");
    expect(seconds(closed)).toBe(30 * 60 - 2);
    // an end event that arrives hours later still wins over the lease end
    expect(seconds(apply(closed, full[3] as LedgerEvent))).toBe(STREAMED);
  });

  it("keeps an end event over the look-up, and credits only the time inside the lease", () => {
    const late = replay(arn, stream, [...full.slice(0, 2), event("late", "stream_end", at(31))]);
    expect(reconcile(late, { endTime: at(10) }, lease, Date.parse(at(40))).endedAt).toBe(at(31));
    expect(seconds(late)).toBe(31 * 60 - 2);
    expect(seconds(late, lease)).toBe(30 * 60 - 2);
    expect(seconds(late, { startsAt: at(40), endsAt: at(50) })).toBe(0);
  });

  it("credits a session whose start events were lost from its end less the recording's own duration", () => {
    const headless = replay(arn, stream, [full[3], full[5]] as LedgerEvent[]);
    expect(headless.startedAt).toBe(at(0, 2));
    expect(seconds(headless)).toBe(STREAMED);
    // only Recording End: its duration is still the stream's length (placed a reconnect window late)
    expect(seconds(replay(arn, stream, [full[5]] as LedgerEvent[]))).toBe(STREAMED);
  });

  it("completes a session with only a Stream End from the look-up's start, else the lease start once the lease is over", () => {
    const headless = replay(arn, stream, [full[3]] as LedgerEvent[]);
    expect(seconds(headless)).toBeUndefined();
    expect(seconds(reconcile(headless, undefined, lease, Date.parse(at(29))))).toBeUndefined();
    expect(seconds(reconcile(headless, { startTime: "2026-11-25T12:00:05+00:00" }, lease, Date.parse(at(29))))).toBe(STREAMED - 3);
    const byLease = reconcile(headless, undefined, lease, Date.parse(at(31)));
    expect([byLease.startedAt, byLease.closedBy, seconds(byLease, lease)]).toEqual([at(0), "event", STREAMED + 2]);
    // a start event that arrives later replaces the lease's guess
    expect(seconds(apply(byLease, full[1] as LedgerEvent))).toBe(STREAMED);
  });

  it("totals whole minutes of the summed seconds and counts only sessions that streamed", () => {
    expect(totals([{ seconds: 90 }, { seconds: 90 }, { seconds: 0 }])).toEqual({ minutes: 3, sessions: 2 });
    expect(totals([])).toEqual({ minutes: 0, sessions: 0 });
    // the latest session that streamed is when the learner last practised (renews certificates)
    expect(
      totals([
        { seconds: 90, startedAt: "2026-11-02T10:00:00Z" },
        { seconds: 60, startedAt: "2026-11-20T10:00:00Z" },
        { seconds: 0, startedAt: "2026-11-24T10:00:00Z" },
      ]),
    ).toEqual({ minutes: 2, sessions: 2, lastAt: "2026-11-20T10:00:00Z" });
  });

  it("counts a session only from the minimum length, for neither sessions nor minutes below it", () => {
    const tenMinutes = 600;
    // five ten-second pushes don't make five sessions
    expect(
      totals(
        Array.from({ length: 5 }, () => ({ seconds: 10 })),
        tenMinutes,
      ),
    ).toEqual({ minutes: 0, sessions: 0 });
    expect(
      totals(
        [
          { seconds: 599, startedAt: "2026-11-24T10:00:00Z" },
          { seconds: 600, startedAt: "2026-11-20T10:00:00Z" },
          { seconds: 1260, startedAt: "2026-11-02T10:00:00Z" },
        ],
        tenMinutes,
      ),
    ).toEqual({ minutes: 31, sessions: 2, lastAt: "2026-11-20T10:00:00Z" });
  });
});
