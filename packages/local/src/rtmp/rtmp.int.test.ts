import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IvsEvent } from "@zhubo/core/practice/events";
import type { Stream } from "@zhubo/core/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../dynamo-local.js";
import { push } from "./ffmpeg.js";
import { type LocalIvs, startLocalIvs } from "./server.js";

async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const nameOf = (e: IvsEvent) => (e["detail-type"] === "IVS Stream State Change" ? e.detail.event_name : e.detail.recording_status);

/** The first bytes of a live HTTP-FLV response, then hang up. */
async function firstBytes(url: string): Promise<{ status: number; head: string }> {
  const res = await fetch(url);
  if (!res.body) return { status: res.status, head: "" };
  const reader = res.body.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return {
    status: res.status,
    head: Buffer.from(value ?? [])
      .subarray(0, 3)
      .toString("latin1"),
  };
}

describe("local IVS (node-media-server)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "zhubo-rtmp-"));
  const events: IvsEvent[] = [];
  let ivs: LocalIvs;
  let channel: Stream.Channel;
  let key: Stream.Key;
  let oldKey: Stream.Key;

  beforeAll(async () => {
    ivs = await startLocalIvs({ rtmpPort: await freePort(), httpPort: await freePort(), dataDir, onEvent: (e) => void events.push(e) });
    channel = await ivs.provider.ensureChannel("pool1", 0);
    oldKey = await ivs.provider.rotateKey(channel.channelArn);
    key = await ivs.provider.rotateKey(channel.channelArn);
  });

  afterAll(async () => {
    await ivs?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("describes the channel like IVS, with a key-free playback URL", async () => {
    expect(channel.channelArn).toBe("arn:aws:ivs:local:000000000000:channel/pool1-0");
    expect(channel.ingestEndpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(channel.playbackUrl).toBe(`${ivs.httpUrl}/live/pool1-0.flv`);
    expect(key.ingestUrl).toBe(`rtmp://${channel.ingestEndpoint}/app/`);
    expect(key.streamKey).toMatch(/^sk_local_[A-Za-z0-9_-]{32}$/);
    expect(key.streamKey).not.toBe(oldKey.streamKey);
    expect(await ivs.provider.ensureChannel("pool1", 0)).toEqual(channel);
    expect(await ivs.provider.playbackToken(channel.channelArn, "viewer", 60)).toBeUndefined();
  });

  it("refuses a wrong key and a rotated one, recording nothing", async () => {
    const wrong = push(`${key.ingestUrl}sk_local_${"x".repeat(32)}`, 2);
    const rotated = push(`${key.ingestUrl}${oldKey.streamKey}`, 2);
    const results = await Promise.all([wrong.exited, rotated.exited]);
    for (const r of results) expect(r.code).not.toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(events).toEqual([]);
    expect(existsSync(join(dataDir, "recordings"))).toBe(false);
  });

  it("accepts the current key: IVS events, playback while live, a recording and the ingest it measured", async () => {
    const started = Date.now();
    const stream = push(`${key.ingestUrl}${key.streamKey}`, 4);
    await waitFor("Stream Start", () => events.some((e) => nameOf(e) === "Stream Start"));
    const live = await firstBytes(channel.playbackUrl);
    expect(live).toEqual({ status: 200, head: "FLV" });
    expect((await fetch(`${ivs.httpUrl}/app/${key.streamKey}.flv`)).status).toBe(404);

    expect((await stream.exited).code).toBe(0);
    await waitFor("Recording End", () => events.some((e) => nameOf(e) === "Recording End"));
    const elapsed = Date.now() - started;

    expect(events.map(nameOf)).toEqual(["Session Created", "Stream Start", "Recording Start", "Session Ended", "Stream End", "Recording End"]);
    const streamId = events[0]?.detail.stream_id ?? "";
    expect(streamId).toMatch(/^st-[A-Za-z0-9]{26}$/);
    for (const e of events) {
      expect(e).toMatchObject({ version: "0", source: "aws.ivs", account: "000000000000", region: "local", resources: [channel.channelArn] });
      expect(e.detail).toMatchObject({ channel_name: "pool1-0", stream_id: streamId });
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const end = events.at(-1);
    if (end?.["detail-type"] !== "IVS Recording State Change") throw new Error("last event is not a recording event");
    expect(end.detail).toMatchObject({ recording_s3_bucket_name: "local", recording_s3_key_prefix: `recordings/pool1-0/${streamId}` });
    expect(end.detail.recording_duration_ms).toBeGreaterThan(3000);
    expect(end.detail.recording_duration_ms).toBeLessThan(6000);
    const file = join(dataDir, `${end.detail.recording_s3_key_prefix}.flv`);
    expect(readFileSync(file).subarray(0, 3).toString("latin1")).toBe("FLV");
    expect(await firstBytes(`${ivs.httpUrl}/${end.detail.recording_s3_key_prefix}.flv`)).toEqual({ status: 200, head: "FLV" });

    const session = await ivs.provider.streamSession(channel.channelArn, streamId);
    if (!session?.endTime) throw new Error("no finished stream session");
    const seconds = (Date.parse(session.endTime) - Date.parse(session.startTime)) / 1000;
    expect(seconds).toBeGreaterThan(3.5);
    expect(seconds).toBeLessThan(5.5);
    const ingest = session.ingest ?? {};
    expect(ingest).toMatchObject({ videoWidth: 1280, videoHeight: 720, audioSampleRate: 48000, audioChannels: 1 });
    expect(ingest.videoCodec).toMatch(/^avc1\.[0-9A-F]{6}$/);
    expect(ingest.framerate).toBeCloseTo(30, 0);
    expect(ingest.keyframeIntervalSeconds).toBeCloseTo(2, 1);
    expect(ingest.videoBitrate).toBeGreaterThan(1_000_000);
    expect(ingest.videoBitrate).toBeLessThan(4_000_000);
    console.info(`stream session ${seconds.toFixed(2)} s (push ${(elapsed / 1000).toFixed(2)} s to Recording End)`, JSON.stringify(ingest));

    expect((await fetch(channel.playbackUrl)).status).toBe(404);
  });

  it("stopStream ends a live publish", async () => {
    events.length = 0;
    const stream = push(`${key.ingestUrl}${key.streamKey}`, 20);
    await waitFor("Stream Start", () => events.some((e) => nameOf(e) === "Stream Start"));
    const before = Date.now();
    await ivs.provider.stopStream(channel.channelArn);
    expect(events.map(nameOf).slice(-3)).toEqual(["Session Ended", "Stream End", "Recording End"]);
    expect((await stream.exited).code).not.toBe(0);
    expect(Date.now() - before).toBeLessThan(3000);
    await ivs.provider.stopStream(channel.channelArn);
  });

  it("keeps channels and the current key across a restart", async () => {
    await ivs.stop();
    events.length = 0;
    ivs = await startLocalIvs({ rtmpPort: await freePort(), httpPort: await freePort(), dataDir, onEvent: (e) => void events.push(e) });
    const restarted = await ivs.provider.ensureChannel("pool1", 0);
    expect(restarted.channelArn).toBe(channel.channelArn);
    const stream = push(`${ivs.rtmpUrl}${key.streamKey}`, 1);
    await waitFor("Stream Start", () => events.some((e) => nameOf(e) === "Stream Start"));
    expect((await stream.exited).code).toBe(0);
  });
});
