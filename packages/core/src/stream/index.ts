export * as Stream from "./index.js";

/**
 * The live-streaming provider behind practice streams: AWS IVS in the cloud (stream/ivs.ts),
 * a local RTMP server on a laptop (packages/local/src/rtmp). Chosen once at start-up.
 */

/** What a channel is, once created. */
export interface Channel {
  channelArn: string;
  /** Host only, e.g. "a1b2c3d4e5f6.global-contribute.live-video.net" or "127.0.0.1:1935". */
  ingestEndpoint: string;
  /** Where viewers play it (HLS for IVS, HTTP-FLV locally). */
  playbackUrl: string;
}

/** A fresh stream key for one lease: secret, shown only to the leasing learner. */
export interface Key {
  streamKey: string;
  /** Full ingest URL for OBS, without the key (e.g. "rtmps://…:443/app/"). */
  ingestUrl: string;
}

/** What the encoder actually sent, from the provider's stream-session look-up. */
export interface IngestConfig {
  videoWidth?: number;
  videoHeight?: number;
  /** Frames per second. */
  framerate?: number;
  /** Bits per second. */
  videoBitrate?: number;
  /** Seconds between keyframes, when the provider knows it (IVS does not report it). */
  keyframeIntervalSeconds?: number;
  videoCodec?: string;
  audioBitrate?: number;
  audioSampleRate?: number;
  audioChannels?: number;
}

export interface Session {
  streamId: string;
  /** ISO timestamps. */
  startTime: string;
  endTime?: string;
  ingest?: IngestConfig;
}

export interface Provider {
  /** The provider's name in logs and config: "ivs" or "local". */
  readonly kind: "ivs" | "local";
  /** Creates the pool's channel number `index` if it doesn't exist yet (idempotent by name). */
  ensureChannel(poolID: string, index: number): Promise<Channel>;
  /** Replaces the channel's stream key (IVS allows one: delete, then create). */
  rotateKey(channelArn: string): Promise<Key>;
  /** Ends whatever is streaming on the channel; no error when nothing is. */
  stopStream(channelArn: string): Promise<void>;
  /** A short-lived playback authorisation for a private channel (ES384 JWT on IVS); undefined when playback is open. */
  playbackToken(channelArn: string, viewerID: string, ttlSeconds: number): Promise<string | undefined>;
  /** The stream session's times and ingest configuration; undefined when the provider doesn't know it. */
  streamSession(channelArn: string, streamId: string): Promise<Session | undefined>;
  /** Where a reviewer plays a finished recording (from the Recording End event's bucket and prefix); undefined when it can't be played yet. */
  recordingUrl(bucket: string, prefix: string): Promise<string | undefined>;
}

let current: Provider | undefined;

export function use(provider: Provider): void {
  current = provider;
}

export function provider(): Provider {
  if (!current) throw new Error("no streaming provider configured (Stream.use at start-up)");
  return current;
}
