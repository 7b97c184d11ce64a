import { describe, expect, it } from "vitest";
import { check, ready } from "./readiness.js";

const obs720 = { videoWidth: 1280, videoHeight: 720, framerate: 30, videoBitrate: 2_500_000, keyframeIntervalSeconds: 2, audioSampleRate: 48000 };

describe("readiness", () => {
  it("passes OBS at 720p30, 2.5 Mbps, 2 s keyframes, 48 kHz", () => {
    const checks = check(obs720);
    expect(checks.map((c) => c.verdict)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(ready(checks)).toBe(true);
  });

  it("says what to fix, with the target", () => {
    const checks = check({ ...obs720, videoWidth: 3840, videoHeight: 2160, framerate: 120, keyframeIntervalSeconds: 10, audioSampleRate: 8000 });
    expect(checks.filter((c) => c.verdict === "fix").map((c) => [c.check, c.target])).toEqual([
      ["resolution", "1280×720 (or 720×1280 on a phone)"],
      ["framerate", "30 fps"],
      ["keyframe", "2 s"],
      ["audio", "AAC 48 kHz stereo"],
    ]);
    expect(ready(checks)).toBe(false);
  });

  it("accepts a portrait phone stream and judges bitrate by channel type", () => {
    expect(check({ ...obs720, videoWidth: 720, videoHeight: 1280 })[0]?.verdict).toBe("pass");
    expect(check(obs720, "BASIC").find((c) => c.check === "bitrate")).toMatchObject({ verdict: "fix", target: "0.8–1.5 Mbps" });
  });

  it("reports unknown (not a failure) for what the provider didn't measure — IVS doesn't report keyframes", () => {
    const checks = check({ videoWidth: 1920, videoHeight: 1080, framerate: 60, videoBitrate: 8_789_062, audioSampleRate: 48000 });
    expect(checks.find((c) => c.check === "keyframe")?.verdict).toBe("unknown");
    expect(checks.find((c) => c.check === "bitrate")?.verdict).toBe("fix");
    expect(check(undefined).every((c) => c.verdict === "unknown")).toBe(true);
  });
});
