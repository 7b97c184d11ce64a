import { generateKeyPairSync } from "node:crypto";
import { Stream } from "@zhubo/core/stream";
import { describe, expect, it } from "vitest";
import { useIvsFromEnv } from "./streaming.js";

const pem = (k: import("node:crypto").KeyObject) => k.export({ type: "pkcs8", format: "pem" }).toString();
const base = { IVS_CHANNEL_PREFIX: "zhubo-test", IVS_STAGE: "test", IVS_RECORDINGS_BASE_URL: "https://d1.cloudfront.net" };

describe("useIvsFromEnv", () => {
  it("signs recording URLs and live playback with the bound keys", async () => {
    useIvsFromEnv({
      ...base,
      RECORDINGS_KEY_PAIR_ID: "K2JCJMDEHXQW5F",
      RECORDINGS_PRIVATE_KEY: pem(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey),
      IVS_PLAYBACK_PRIVATE_KEY: pem(generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey),
    });
    const ivs = Stream.provider();
    expect(ivs.kind).toBe("ivs");
    expect(await ivs.recordingUrl("b", "ivs/v1/st1")).toMatch(
      /^https:\/\/d1\.cloudfront\.net\/ivs\/v1\/st1\/media\/hls\/master\.m3u8\?Policy=.+&Signature=.+&Key-Pair-Id=K2JCJMDEHXQW5F$/,
    );
    expect(await ivs.playbackToken("arn:aws:ivs:ap-northeast-1:123456789012:channel/abc", "prs_1", 600)).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("without the keys, recording URLs are plain and channels get no token", async () => {
    useIvsFromEnv(base);
    expect(await Stream.provider().recordingUrl("b", "ivs/v1/st1")).toBe("https://d1.cloudfront.net/ivs/v1/st1/media/hls/master.m3u8");
    expect(await Stream.provider().playbackToken("arn:aws:ivs:ap-northeast-1:123456789012:channel/abc", "prs_1", 600)).toBeUndefined();
  });

  it("leaves the provider alone where no channel prefix is configured (the laptop sets its own)", () => {
    const before = Stream.provider();
    useIvsFromEnv({});
    expect(Stream.provider()).toBe(before);
  });
});
