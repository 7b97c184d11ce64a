import type { Stream } from "../stream/index.js";

/**
 * Is the learner's encoder set up the way IVS recommends? Compared with IVS's guidance for
 * low-latency channels: up to 1080p and 60 fps, a keyframe every 2 seconds, a video bitrate the
 * channel type accepts, AAC audio at 44.1 or 48 kHz. Each check is pass, fix (with the target)
 * or unknown when the provider didn't report it.
 */
export type Verdict = "pass" | "fix" | "unknown";

export interface Check {
  check: "resolution" | "framerate" | "bitrate" | "keyframe" | "audio";
  verdict: Verdict;
  /** What was measured, for the screen ("1280×720", "30 fps", "2.5 Mbps", "2 s", "48 kHz"). */
  actual?: string;
  /** What to set, when it needs fixing. */
  target?: string;
}

/** Kilobits per second each channel type takes (IVS: STANDARD up to 8.5 Mbps, BASIC up to 1.5 Mbps). */
export const MAX_KBPS = { STANDARD: 8500, BASIC: 1500 } as const;
const MIN_KBPS = 800;

export function check(ingest: Stream.IngestConfig | undefined, channelType: keyof typeof MAX_KBPS = "STANDARD"): Check[] {
  const i = ingest ?? {};
  const out: Check[] = [];
  if (i.videoWidth && i.videoHeight) {
    const short = Math.min(i.videoWidth, i.videoHeight);
    const long = Math.max(i.videoWidth, i.videoHeight);
    const ok = short >= 480 && short <= 1080 && long <= 1920;
    out.push({
      check: "resolution",
      verdict: ok ? "pass" : "fix",
      actual: `${i.videoWidth}×${i.videoHeight}`,
      target: ok ? undefined : "1280×720 (or 720×1280 on a phone)",
    });
  } else out.push({ check: "resolution", verdict: "unknown" });

  if (i.framerate) {
    const ok = i.framerate >= 24 && i.framerate <= 60;
    out.push({ check: "framerate", verdict: ok ? "pass" : "fix", actual: `${Math.round(i.framerate)} fps`, target: ok ? undefined : "30 fps" });
  } else out.push({ check: "framerate", verdict: "unknown" });

  if (i.videoBitrate) {
    const kbps = Math.round(i.videoBitrate / 1000);
    const max = MAX_KBPS[channelType];
    const ok = kbps >= MIN_KBPS && kbps <= max;
    out.push({
      check: "bitrate",
      verdict: ok ? "pass" : "fix",
      actual: `${(kbps / 1000).toFixed(1)} Mbps`,
      target: ok ? undefined : `${(MIN_KBPS / 1000).toFixed(1)}–${(max / 1000).toFixed(1)} Mbps`,
    });
  } else out.push({ check: "bitrate", verdict: "unknown" });

  if (i.keyframeIntervalSeconds) {
    const ok = i.keyframeIntervalSeconds <= 2.05;
    out.push({ check: "keyframe", verdict: ok ? "pass" : "fix", actual: `${i.keyframeIntervalSeconds.toFixed(1)} s`, target: ok ? undefined : "2 s" });
  } else out.push({ check: "keyframe", verdict: "unknown" });

  if (i.audioSampleRate) {
    const ok = i.audioSampleRate === 44100 || i.audioSampleRate === 48000;
    out.push({ check: "audio", verdict: ok ? "pass" : "fix", actual: `${i.audioSampleRate / 1000} kHz`, target: ok ? undefined : "AAC 48 kHz stereo" });
  } else out.push({ check: "audio", verdict: "unknown" });
  return out;
}

/** Ready when nothing needs fixing (unknowns don't block a practice session). */
export function ready(checks: Check[]): boolean {
  return checks.every((c) => c.verdict !== "fix");
}
