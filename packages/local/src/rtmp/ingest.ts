import type { Stream } from "@zhubo/core/stream";
import { type AVPacket, parseH264Sps, type RtmpSession } from "./nms.js";

const AAC_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const FLV_AUDIO_AAC = 10;
const FLV_VIDEO_AVC = 7;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * What the encoder actually sends, measured from the packets rather than trusted from its
 * onMetaData: the readiness check compares it with IVS's recommendations, and an encoder
 * misconfigured in the ways that matter (keyframe interval, real bitrate) declares nothing
 * useful about them.
 */
export class IngestMeter {
  private firstVideoDts?: number;
  private lastVideoDts = 0;
  private videoFrames = 0;
  private videoBytes = 0;
  private keyframes: number[] = [];
  private firstAudioDts?: number;
  private lastAudioDts = 0;
  private audioBytes = 0;
  private width?: number;
  private height?: number;
  private codec?: string;
  private sampleRate?: number;
  private channels?: number;

  /** True once the packet is coded media (not a header or metadata): the stream is live. */
  observe(p: AVPacket): boolean {
    if (p.codec_type === 9) {
      if (p.flags === 2) this.videoHeader(p);
      if ((p.flags !== 3 && p.flags !== 4) || this.isAvcEndOfSequence(p)) return false;
      this.firstVideoDts ??= p.dts;
      this.lastVideoDts = p.dts;
      this.videoFrames += 1;
      this.videoBytes += p.size;
      if (p.flags === 3) this.keyframes.push(p.dts);
      return true;
    }
    if (p.codec_type === 8) {
      if (p.flags === 0) this.audioHeader(p);
      if (p.flags !== 1) return false;
      this.firstAudioDts ??= p.dts;
      this.lastAudioDts = p.dts;
      this.audioBytes += p.size;
      return true;
    }
    return false;
  }

  /** Encoders close with an AVC end-of-sequence tag flagged as a keyframe; it carries no picture. */
  private isAvcEndOfSequence(p: AVPacket): boolean {
    const d = p.data;
    return !((d[0] ?? 0) & 0x80) && ((d[0] ?? 0) & 0x0f) === FLV_VIDEO_AVC && d[1] !== 1;
  }

  /** AVCDecoderConfigurationRecord after the 5-byte FLV video tag header: profile/level and the first SPS. */
  private videoHeader(p: AVPacket): void {
    const d = p.data;
    if ((d[0] ?? 0) & 0x80 || ((d[0] ?? 0) & 0x0f) !== FLV_VIDEO_AVC || d.length < 16) return;
    this.codec = `avc1.${d.subarray(6, 9).toString("hex").toUpperCase()}`;
    const spsLength = d.readUInt16BE(11);
    const size = parseH264Sps(d.subarray(13, 13 + spsLength));
    if (size) {
      this.width = size.width;
      this.height = size.height;
    }
  }

  /** AudioSpecificConfig after the 2-byte FLV AAC tag header. */
  private audioHeader(p: AVPacket): void {
    const d = p.data;
    if ((d[0] ?? 0) >> 4 !== FLV_AUDIO_AAC || d.length < 4) return;
    const config = d.readUInt16BE(2);
    this.sampleRate = AAC_SAMPLE_RATES[(config >> 7) & 0x0f];
    this.channels = (config >> 3) & 0x0f || undefined;
  }

  /** The ingest so far; measured figures need at least a second of media, else the declared ones. */
  snapshot(publisher: RtmpSession): Stream.IngestConfig {
    const videoSeconds = this.firstVideoDts === undefined ? 0 : (this.lastVideoDts - this.firstVideoDts) / 1000;
    const audioSeconds = this.firstAudioDts === undefined ? 0 : (this.lastAudioDts - this.firstAudioDts) / 1000;
    const gaps = this.keyframes.slice(1).map((t, i) => t - (this.keyframes[i] ?? t));
    const ingest: Stream.IngestConfig = {
      videoWidth: this.width ?? (publisher.videoWidth || undefined),
      videoHeight: this.height ?? (publisher.videoHeight || undefined),
      framerate: videoSeconds >= 1 ? round((this.videoFrames - 1) / videoSeconds, 2) : publisher.videoFramerate || undefined,
      videoBitrate: videoSeconds >= 1 ? Math.round((this.videoBytes * 8) / videoSeconds) : Math.round(publisher.videoDatarate * 1000) || undefined,
      keyframeIntervalSeconds: gaps.length ? round(gaps.reduce((a, b) => a + b, 0) / gaps.length / 1000, 2) : undefined,
      videoCodec: this.codec,
      audioBitrate: audioSeconds >= 1 ? Math.round((this.audioBytes * 8) / audioSeconds) : Math.round(publisher.audioDatarate * 1000) || undefined,
      audioSampleRate: this.sampleRate ?? (publisher.audioSamplerate || undefined),
      audioChannels: this.channels ?? (publisher.audioChannels || undefined),
    };
    return Object.fromEntries(Object.entries(ingest).filter(([, v]) => v !== undefined));
  }
}
