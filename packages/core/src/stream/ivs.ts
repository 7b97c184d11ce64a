import type {
  AudioConfiguration,
  ChannelLatencyMode,
  ChannelType,
  Channel as IvsChannel,
  IvsClient,
  StreamSession,
  VideoConfiguration,
} from "@aws-sdk/client-ivs";
import { Clock } from "../clock/index.js";
import { loadSigningKey, RECORDING_URL_SECONDS, type RecordingsSigner, signUrl } from "./cloudfront.js";
import type { Stream } from "./index.js";
import { errorName, failure, type RetryOptions, withRetry } from "./ivs-call.js";
import { loadPlaybackKey, type PlaybackKey, signPlaybackToken } from "./ivs-token.js";

/*
 * The AWS SDK is imported on first use, not at module load: a Lambda that never touches a
 * stream doesn't pay for evaluating it during a cold start (same as dynamo/index.ts).
 */
type Sdk = typeof import("@aws-sdk/client-ivs");
const sdk = (): Promise<Sdk> => import("@aws-sdk/client-ivs");

export interface IvsOptions {
  region?: string;
  /** An existing client (tests); otherwise one is created on first use. */
  client?: IvsClient;
  channelType: ChannelType;
  latencyMode: ChannelLatencyMode;
  recordingConfigurationArn?: string;
  /** Channels are named `${namePrefix}-${poolID}-${index}`, e.g. "zhubo-prod-coh_01…-3". */
  namePrefix: string;
  /** Private playback: viewers need a token signed with `playbackKey` (default true). */
  authorized?: boolean;
  playbackKey?: PlaybackKey;
  /** `aws:access-control-allow-origin` of playback tokens, e.g. "https://app.example.com" (default "*"). */
  allowedOrigin?: string;
  /** The deployment's stage: tagged on channels and keys, so one stage's role can't touch another's channels. */
  stage?: string;
  /** Origin serving the recordings bucket (e.g. a CloudFront distribution); without it recordings aren't playable in the app. */
  recordingsBaseUrl?: string;
  /** Signs recording URLs when the distribution only serves signed requests (infra/streams.ts does). */
  recordingsSigner?: RecordingsSigner;
  /** Our own retry of throttled calls, on top of the SDK's (see ivs-call.ts). */
  retry?: RetryOptions;
}

/** Tries per call in the SDK's standard retry strategy (throttling, 5xx, network). */
export const MAX_ATTEMPTS = 5;

/** IVS channel names: letters, digits, "-" and "_", at most 128 characters. */
const NAME = /^[a-zA-Z0-9_-]{1,128}$/;

export async function createIvsClient(region?: string): Promise<IvsClient> {
  const { IvsClient } = await sdk();
  return new IvsClient({ ...(region ? { region } : {}), maxAttempts: MAX_ATTEMPTS });
}

export function createIvsProvider(options: IvsOptions): Stream.Provider {
  let client: Promise<IvsClient> | undefined = options.client ? Promise.resolve(options.client) : undefined;
  const authorized = options.authorized ?? true;
  const playbackKey = options.playbackKey ? loadPlaybackKey(options.playbackKey) : undefined;
  const signingKey = options.recordingsSigner ? loadSigningKey(options.recordingsSigner) : undefined;
  const stageTag: Record<string, string> = options.stage ? { stage: options.stage } : {};

  async function attempt<T>(fn: (c: IvsClient, s: Sdk) => Promise<T>, read: boolean): Promise<T> {
    client ??= createIvsClient(options.region);
    const [c, s] = await Promise.all([client, sdk()]);
    return withRetry(() => fn(c, s), read, options.retry);
  }

  /** One IVS operation; `read` also retries ServiceQuotaExceeded. Errors come out as plain Errors. */
  async function call<T>(op: string, fn: (c: IvsClient, s: Sdk) => Promise<T>, read = false): Promise<T> {
    try {
      return await attempt(fn, read);
    } catch (e) {
      throw failure(op, e);
    }
  }

  /** Like `call`, but the named service errors mean "nothing to do": undefined. */
  async function callUnless<T>(op: string, ok: string[], fn: (c: IvsClient, s: Sdk) => Promise<T>, read = false): Promise<T | undefined> {
    try {
      return await attempt(fn, read);
    } catch (e) {
      if (ok.includes(errorName(e) ?? "")) return undefined;
      throw failure(op, e);
    }
  }

  /** ARNs of the channels named exactly `name`, sorted. filterByName matches more than the exact name. */
  async function channelsNamed(name: string): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call("ListChannels", (c, s) => c.send(new s.ListChannelsCommand({ filterByName: name, maxResults: 100, nextToken })), true);
      for (const ch of page.channels ?? []) if (ch.name === name && ch.arn) arns.push(ch.arn);
      nextToken = page.nextToken;
    } while (nextToken);
    return arns.sort();
  }

  async function getChannel(arn: string): Promise<Stream.Channel> {
    const out = await call("GetChannel", (c, s) => c.send(new s.GetChannelCommand({ arn })), true);
    return toChannel(out.channel);
  }

  async function streamKeyArns(channelArn: string): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call("ListStreamKeys", (c, s) => c.send(new s.ListStreamKeysCommand({ channelArn, nextToken })), true);
      for (const k of page.streamKeys ?? []) if (k.arn) arns.push(k.arn);
      nextToken = page.nextToken;
    } while (nextToken);
    return arns;
  }

  return {
    kind: "ivs",

    async ensureChannel(poolID, index) {
      const name = `${options.namePrefix}-${poolID}-${index}`;
      if (!NAME.test(name)) throw new Error(`IVS channel name not allowed (letters, digits, - and _, up to 128): ${name}`);
      const [existing] = await channelsNamed(name);
      if (existing) return getChannel(existing);

      const created = await callUnless("CreateChannel", ["ConflictException"], (c, s) =>
        c.send(
          new s.CreateChannelCommand({
            name,
            type: options.channelType,
            latencyMode: options.latencyMode,
            authorized,
            ...(options.recordingConfigurationArn ? { recordingConfigurationArn: options.recordingConfigurationArn } : {}),
            tags: { app: "zhubo", pool: poolID, ...stageTag },
          }),
        ),
      );
      const mine = created?.channel;
      // IVS names aren't unique: two racing creates make two channels. Every racer looks again and
      // keeps the lowest ARN, so they all agree; a loser deletes the channel it made.
      const arns = await channelsNamed(name);
      if (mine?.arn && !arns.includes(mine.arn)) arns.push(mine.arn);
      const [winner] = arns.sort();
      if (!winner) throw new Error(`IVS CreateChannel failed: conflict, and no channel named ${name} found`);
      if (mine?.arn === winner) return toChannel(mine);
      if (mine?.arn) {
        const arn = mine.arn;
        await callUnless("DeleteChannel", ["ResourceNotFoundException"], (c, s) => c.send(new s.DeleteChannelCommand({ arn })));
      }
      return getChannel(winner);
    },

    async rotateKey(channelArn) {
      const { ingestEndpoint } = await getChannel(channelArn);
      for (let round = 1; ; round++) {
        for (const arn of await streamKeyArns(channelArn)) {
          await callUnless("DeleteStreamKey", ["ResourceNotFoundException"], (c, s) => c.send(new s.DeleteStreamKeyCommand({ arn })));
        }
        // A quota error here means another rotation created a key since we listed: clear it and go again.
        const out = await callUnless("CreateStreamKey", round < 3 ? ["ServiceQuotaExceededException"] : [], (c, s) =>
          c.send(new s.CreateStreamKeyCommand({ channelArn, tags: { app: "zhubo", ...stageTag } })),
        );
        if (!out) continue;
        const streamKey = out.streamKey?.value;
        if (!streamKey) throw new Error(`IVS CreateStreamKey failed: no key returned for ${channelArn}`);
        return { streamKey, ingestUrl: `rtmps://${ingestEndpoint}:443/app/` };
      }
    },

    async stopStream(channelArn) {
      await callUnless("StopStream", ["ChannelNotBroadcasting", "ResourceNotFoundException"], (c, s) => c.send(new s.StopStreamCommand({ channelArn })));
    },

    async playbackToken(channelArn, viewerID, ttlSeconds) {
      if (!authorized || !playbackKey) return undefined;
      return signPlaybackToken(playbackKey, {
        channelArn,
        viewerID,
        allowedOrigin: options.allowedOrigin ?? "*",
        nowSeconds: Math.floor(Clock.now() / 1000),
        ttlSeconds,
      });
    },

    async streamSession(channelArn, streamId) {
      const out = await callUnless(
        "GetStreamSession",
        ["ResourceNotFoundException"],
        (c, s) => c.send(new s.GetStreamSessionCommand({ channelArn, streamId })),
        true,
      );
      return toSession(out?.streamSession);
    },

    async recordingUrl(_bucket, prefix) {
      // IVS writes HLS under <prefix>/media/hls/; it is played through the CDN in front of the recordings bucket.
      if (!options.recordingsBaseUrl) return undefined;
      const folder = `${options.recordingsBaseUrl.replace(/\/$/, "")}/${prefix.replace(/^\/|\/$/g, "")}`;
      const url = `${folder}/media/hls/master.m3u8`;
      if (!signingKey || !options.recordingsSigner) return url;
      const expiresAt = Math.floor(Clock.now() / 1000) + RECORDING_URL_SECONDS;
      return signUrl(url, `${folder}/*`, expiresAt, signingKey, options.recordingsSigner.keyPairId);
    },
  };
}

function toChannel(ch: IvsChannel | undefined): Stream.Channel {
  if (!ch?.arn || !ch.ingestEndpoint || !ch.playbackUrl) throw new Error(`IVS channel ${ch?.arn ?? "(no arn)"} has no ingest endpoint or playback URL`);
  return { channelArn: ch.arn, ingestEndpoint: ch.ingestEndpoint, playbackUrl: ch.playbackUrl };
}

/** The SDK gives Dates; anything else (a replayed JSON response) is parsed. */
function iso(t: Date | string | undefined): string | undefined {
  if (t === undefined) return undefined;
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** With multitrack, Track0 is the top rendition, the one the readiness check is about. */
function track<T extends { track?: string }>(list: T[] | undefined): T | undefined {
  return list?.find((t) => t.track === "Track0") ?? list?.[0];
}

function toSession(s: StreamSession | undefined): Stream.Session | undefined {
  const startTime = iso(s?.startTime);
  if (!s?.streamId || !startTime) return undefined;
  // `ingestConfiguration` is deprecated in favour of `ingestConfigurations`; older sessions may have only it.
  const video: VideoConfiguration | undefined = track(s.ingestConfigurations?.videoConfigurations) ?? s.ingestConfiguration?.video;
  const audio: AudioConfiguration | undefined = track(s.ingestConfigurations?.audioConfigurations) ?? s.ingestConfiguration?.audio;
  const endTime = iso(s.endTime);
  const ingest = defined({
    videoWidth: video?.videoWidth,
    videoHeight: video?.videoHeight,
    framerate: video?.targetFramerate,
    videoBitrate: video?.targetBitrate,
    videoCodec: video?.codec,
    audioBitrate: audio?.targetBitrate,
    audioSampleRate: audio?.sampleRate,
    audioChannels: audio?.channels,
  });
  return {
    streamId: s.streamId,
    startTime,
    ...(endTime ? { endTime } : {}),
    ...(Object.keys(ingest).length ? { ingest } : {}),
  };
}

/** Drops undefined fields (DynamoDB marshalling rejects them). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
