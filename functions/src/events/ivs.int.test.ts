import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Practice } from "@zhubo/core/practice";
import type { StreamEventName, StreamStateChange } from "@zhubo/core/practice/events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildLambda } from "../../bundle.js";
import { handler } from "./ivs.js";

const CHANNEL = "arn:aws:ivs:ap-northeast-1:123456789012:channel/AbCdEfGh1234";
const STREAM = "st-1AbCdEfGhIjKlMnOpQrStUv";

/** An "IVS Stream State Change" as EventBridge delivers it (user guide shape, see practice/events.ts). */
function streamEvent(id: string, name: StreamEventName, time: string, streamId = STREAM, extra: Record<string, unknown> = {}): StreamStateChange {
  return {
    version: "0",
    id,
    "detail-type": "IVS Stream State Change",
    source: "aws.ivs",
    account: "123456789012",
    time,
    region: "ap-northeast-1",
    resources: [CHANNEL],
    detail: { event_name: name, channel_name: "zhubo-dev-coh_01-0", stream_id: streamId, ...extra },
  };
}

function logged(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the IVS EventBridge handler", () => {
  it("records a Stream Start / Stream End pair delivered twice and out of order as one exact session", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const start = streamEvent("7f1c8f1e-0000-4000-8000-000000000001", "Stream Start", "2026-11-25T12:00:05Z");
    const end = streamEvent("7f1c8f1e-0000-4000-8000-000000000002", "Stream End", "2026-11-25T12:27:46Z");

    // The end first, then the start, then both again (EventBridge delivers at least once, in any order).
    for (const event of [end, start, end, start]) await handler(event);
    // And a concurrent burst of the same two, as parallel retries would arrive.
    await Promise.all([start, end, end, start].map((event) => handler(event)));

    const stored = await Practice.session(CHANNEL, STREAM);
    expect(stored).toMatchObject({ channelArn: CHANNEL, streamId: STREAM, startedAt: "2026-11-25T12:00:05.000Z", endedAt: "2026-11-25T12:27:46.000Z" });
    expect(stored?.eventIDs).toEqual([start.id, end.id]);
    expect(Practice.seconds(stored as Practice.SessionState)).toBe(27 * 60 + 41);

    const lines = logged(log);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toEqual({
      level: "info",
      message: "ivs event recorded",
      id: end.id,
      detailType: "IVS Stream State Change",
      channel: CHANNEL,
      streamId: STREAM,
      change: "Stream End",
    });
  });

  it("ignores events the ledger has no use for, and logs only identifiers", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const failure = streamEvent("7f1c8f1e-0000-4000-8000-000000000003", "Stream Failure", "2026-11-25T13:00:00Z", "st-2AbCdEfGhIjKlMnOpQrStUv", {
      reason: "Bitrate exceeded",
      // Not an IVS field: proof that a stray secret in an event never reaches the logs.
      stream_key: "sk_ap-northeast-1_NOT_A_REAL_KEY",
    });
    await handler(failure);
    await handler({ source: "aws.s3", "detail-type": "Object Created", id: "x" });
    await handler(undefined);

    expect(await Practice.session(CHANNEL, failure.detail.stream_id)).toBeUndefined();
    const lines = logged(log);
    expect(lines.map((l) => l.message)).toEqual(["ivs event ignored", "ivs event ignored", "ivs event ignored"]);
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(["change", "channel", "detailType", "id", "level", "message", "streamId"]);
    const all = log.mock.calls.flat().join("\n");
    expect(all).not.toContain("sk_");
    expect(all).not.toContain("Bitrate");
  });

  it("logs the failure by name and rethrows, so Lambda retries and then dead-letters the event", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const start = streamEvent("7f1c8f1e-0000-4000-8000-000000000004", "Stream Start", "2026-11-25T14:00:00Z", "st-3AbCdEfGhIjKlMnOpQrStUv");
    // A table that doesn't exist: the write fails the way a missing grant or an outage would.
    const table = process.env.TABLE_NAME;
    process.env.TABLE_NAME = `${table}_missing`;
    try {
      await expect(handler(start)).rejects.toThrow();
    } finally {
      process.env.TABLE_NAME = table;
    }
    expect(logged(error)).toEqual([
      {
        level: "error",
        message: "ivs event failed",
        id: start.id,
        detailType: "IVS Stream State Change",
        channel: CHANNEL,
        streamId: start.detail.stream_id,
        change: "Stream Start",
        error: "ResourceNotFoundException",
      },
    ]);

    // The retry, once the table answers again, records it.
    await handler(start);
    expect((await Practice.session(CHANNEL, start.detail.stream_id))?.startedAt).toBe("2026-11-25T14:00:00.000Z");
  });

  it("works as the bundled artefact SST deploys: a fresh Node process records the pair", async () => {
    const out = mkdtempSync(join(tmpdir(), "zhubo-ivs-events-"));
    try {
      const { entry } = await buildLambda(fileURLToPath(new URL("./ivs.ts", import.meta.url)), out);
      const streamId = "st-4AbCdEfGhIjKlMnOpQrStUv";
      const events = [
        streamEvent("7f1c8f1e-0000-4000-8000-000000000006", "Stream End", "2026-11-25T15:10:30Z", streamId),
        streamEvent("7f1c8f1e-0000-4000-8000-000000000005", "Stream Start", "2026-11-25T15:00:00Z", streamId),
      ];
      const script = `const { handler } = await import(${JSON.stringify(entry)}); for (const e of ${JSON.stringify(events)}) await handler(e);`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, NODE_NO_WARNINGS: "1" }, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(
        run.stdout
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l).message),
      ).toEqual(["ivs event recorded", "ivs event recorded"]);
      const stored = await Practice.session(CHANNEL, streamId);
      expect(Practice.seconds(stored as Practice.SessionState)).toBe(10 * 60 + 30);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
