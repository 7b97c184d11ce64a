import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Practice } from "@zhubo/core/practice";
import type { IvsEvent } from "@zhubo/core/practice/events";
import { Stream } from "@zhubo/core/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../dynamo-local.js";
import { type Stack, startStack } from "../stack.js";
import { push } from "./ffmpeg.js";

/** The laptop stack end to end: a real RTMP push lands in the same session ledger the cloud's EventBridge rule feeds. */
const dataDir = mkdtempSync(join(tmpdir(), "zhubo-ledger-"));
let stack: Stack;
const events: IvsEvent[] = [];

beforeAll(async () => {
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

describe("pnpm dev's streaming", () => {
  it("records a pushed stream's session from its events, and nothing for a refused key", async () => {
    const provider = Stream.provider();
    const channel = await provider.ensureChannel("demo", 1);
    const { streamKey, ingestUrl } = await provider.rotateKey(channel.channelArn);
    expect(ingestUrl).toBe(stack.rtmpUrl);

    const refused = await push(`${ingestUrl}sk_local_not-the-key`, 2).exited;
    expect(refused.code).not.toBe(0);
    expect(events).toEqual([]);

    const pushed = await push(`${ingestUrl}${streamKey}`, 3).exited;
    expect(pushed.code).toBe(0);
    for (let i = 0; i < 100 && !events.some((e) => e["detail-type"] === "IVS Recording State Change" && e.detail.recording_status === "Recording End"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const streamId = events[0]?.detail.stream_id as string;
    const recorded = await Practice.session(channel.channelArn, streamId);
    expect(recorded?.eventIDs).toHaveLength(events.length);
    expect(recorded?.closedBy).toBe("event");
    expect(Practice.seconds(recorded as Practice.SessionState)).toBeGreaterThanOrEqual(2);
    expect(Practice.seconds(recorded as Practice.SessionState)).toBeLessThanOrEqual(5);
  }, 60_000);
});
