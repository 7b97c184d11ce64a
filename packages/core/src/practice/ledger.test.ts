import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LedgerEvent, reconcile, replay, seconds, totals } from "./ledger.js";

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

const full = [
  event("e1", "session_created", at(0, 0)),
  event("e2", "stream_start", at(0, 2)),
  event("e3", "recording_start", at(0, 3)),
  event("e4", "stream_end", at(25, 2)),
  event("e5", "recording_end", at(25, 4), { recordingDurationMs: 1_501_000 }),
];

describe("practice ledger", () => {
  it("counts a clean session from its first start to its last end", () => {
    const session = replay(arn, stream, full);
    expect(seconds(session)).toBe(25 * 60 + 4);
    expect(session.closedBy).toBe("event");
    expect(session.recordingMs).toBe(1_501_000);
  });

  it("gives the same session for any order and any duplication of the same events", () => {
    const expected = replay(arn, stream, full);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(full, { minLength: full.length, maxLength: full.length }),
        fc.array(fc.constantFrom(...full), { maxLength: 10 }),
        (order, dupes) => {
          const session = replay(arn, stream, [...order, ...dupes]);
          expect(session).toEqual(expected);
        },
      ),
    );
  });

  it("ignores events of another stream on the same channel", () => {
    const other = event("x1", "stream_end", at(59), { streamId: "st-other" });
    expect(seconds(replay(arn, stream, [...full, other]))).toBe(25 * 60 + 4);
  });

  it("stays open without an end event, and the provider's look-up closes it", () => {
    const open = replay(arn, stream, full.slice(0, 3));
    expect(seconds(open)).toBeUndefined();
    const closed = reconcile(open, { startTime: at(0, 0), endTime: at(18, 30) }, at(30), Date.parse(at(40)));
    expect(closed.closedBy).toBe("lookup");
    expect(seconds(closed)).toBe(18 * 60 + 30);
  });

  it("closes at the lease end when nobody knows the end, and not before the lease is over", () => {
    const open = replay(arn, stream, full.slice(0, 2));
    expect(reconcile(open, undefined, at(30), Date.parse(at(29))).endedAt).toBeUndefined();
    const closed = reconcile(open, undefined, at(30), Date.parse(at(31)));
    expect(closed.closedBy).toBe("lease_end");
    expect(seconds(closed)).toBe(30 * 60);
  });

  it("keeps an end once known, and credits only the time inside the lease", () => {
    const late = replay(arn, stream, [...full.slice(0, 2), event("late", "stream_end", at(31))]);
    expect(reconcile(late, { endTime: at(10) }, at(30), Date.parse(at(40))).endedAt).toBe(at(31));
    expect(seconds(late)).toBe(31 * 60);
    expect(seconds(late, { startsAt: at(0), endsAt: at(30) })).toBe(30 * 60);
    expect(seconds(late, { startsAt: at(40), endsAt: at(50) })).toBe(0);
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
});
