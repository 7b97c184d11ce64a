import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:net";
import { join } from "node:path";
import type { IvsEvent, RecordingStateChange, RecordingStatus, StreamEventName, StreamStateChange } from "@zhubo/core/practice/events";
import type { Stream } from "@zhubo/core/stream";
import { IngestMeter } from "./ingest.js";
import { Context, logger, NodeRecordSession, NodeRtmpServer, type RecordSession, type RtmpSession, type SessionLike } from "./nms.js";
import { type LivePlayback, playbackServer } from "./playback.js";

export interface LocalIvsOptions {
  rtmpPort: number;
  httpPort: number;
  /** Holds rtmp-channels.json (channels and their current keys) and recordings/. */
  dataDir: string;
  /** Receives the IVS EventBridge events, one at a time in order; a throw is logged, not retried. */
  onEvent: (event: IvsEvent) => Promise<void> | void;
  region?: "local";
}

export interface LocalIvs {
  provider: Stream.Provider;
  /** Ingest base, like IVS's "rtmps://…/app/": append the stream key. */
  rtmpUrl: string;
  httpUrl: string;
  stop(): Promise<void>;
}

const ACCOUNT = "000000000000";
const INGEST_APP = "app";
/**
 * Recording events name this "bucket"; the prefix is `recordings/<channel-id>/<stream-id>`, the
 * file `<dataDir>/<prefix>.flv`, also served at `<httpUrl>/<prefix>.flv`.
 */
export const RECORDING_BUCKET = "local";
const SAFE_NAME = /^[A-Za-z0-9_-]+$/;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const randomAlnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join("");
const iso = (ms: number) => new Date(ms).toISOString();
/** EventBridge times carry whole seconds. */
const isoSeconds = (ms: number) => iso(ms).replace(/\.\d{3}Z$/, "Z");

interface Live {
  streamId: string;
  publisher: RtmpSession;
  meter: IngestMeter;
  connectedAt: number;
  startedAt?: number;
  recording?: { session: RecordSession; id: string; prefix: string; startedAt: number };
  viewers: Set<SessionLike>;
  ended: Promise<void>;
  finish(): void;
}

interface Channel {
  id: string;
  arn: string;
  key?: string;
  live?: Live;
  sessions: Map<string, Stream.Session>;
}

/** node-media-server keeps its state in module singletons, so one server per process. */
let running = false;

/** A local stand-in for IVS: RTMP ingest by stream key, HTTP-FLV playback by channel, FLV recording, IVS-shaped events. */
export async function startLocalIvs(opts: LocalIvsOptions): Promise<LocalIvs> {
  if (running) throw new Error("the local IVS is already running in this process (node-media-server state is global)");
  if (!opts.rtmpPort || !opts.httpPort) throw new Error("the local IVS needs explicit RTMP and HTTP ports");
  running = true;
  const region = opts.region ?? "local";
  const { dataDir } = opts;
  mkdirSync(dataDir, { recursive: true });
  const channelsFile = join(dataDir, "rtmp-channels.json");
  const channels = new Map<string, Channel>();
  const byKey = new Map<string, Channel>();
  const publishers = new Map<RtmpSession, Channel>();
  const pending = new Set<Promise<unknown>>();
  let queue = Promise.resolve();
  let stopping = false;

  const arnOf = (id: string) => `arn:aws:ivs:${region}:${ACCOUNT}:channel/${id}`;
  const addChannel = (id: string, key?: string) => {
    const channel: Channel = { id, arn: arnOf(id), key, sessions: new Map() };
    channels.set(channel.arn, channel);
    if (key) byKey.set(key, channel);
    return channel;
  };
  // Channels and keys survive a restart like IVS's do: a learner's leased key keeps working.
  if (existsSync(channelsFile)) {
    for (const c of JSON.parse(readFileSync(channelsFile, "utf8")) as { id: string; key?: string }[]) addChannel(c.id, c.key);
  }
  const save = () => {
    const list = [...channels.values()].map(({ id, key }) => ({ id, key }));
    writeFileSync(channelsFile, JSON.stringify(list, null, 2), { mode: 0o600 });
  };
  const channelOf = (arn: string) => {
    const channel = channels.get(arn);
    if (!channel) throw new Error(`no local channel ${arn}`);
    return channel;
  };

  /** Resolves once the event (and all before it) has been handled. */
  const emit = (event: IvsEvent) => {
    queue = queue.then(() => opts.onEvent(event)).catch((e) => console.error(`local IVS: the ${event["detail-type"]} handler failed:`, e));
    return queue;
  };
  const envelope = <T extends IvsEvent["detail-type"]>(detailType: T, channel: Channel) => ({
    version: "0" as const,
    id: randomUUID(),
    "detail-type": detailType,
    source: "aws.ivs" as const,
    account: ACCOUNT,
    time: isoSeconds(Date.now()),
    region,
    resources: [channel.arn],
  });
  const streamEvent = (channel: Channel, live: Live, name: StreamEventName): StreamStateChange => ({
    ...envelope("IVS Stream State Change", channel),
    detail: { event_name: name, channel_name: channel.id, stream_id: live.streamId },
  });
  const recordingEvent = (channel: Channel, live: Live, status: RecordingStatus, durationMs: number): RecordingStateChange => ({
    ...envelope("IVS Recording State Change", channel),
    detail: {
      channel_name: channel.id,
      stream_id: live.streamId,
      recording_status: status,
      recording_status_reason: "",
      recording_s3_bucket_name: RECORDING_BUCKET,
      recording_s3_key_prefix: live.recording?.prefix ?? "",
      recording_duration_ms: durationMs,
      recording_session_id: live.recording?.id ?? "",
      recording_session_stream_ids: [live.streamId],
    },
  });

  /** First coded media: viewers can watch, the recording starts (with the cached codec headers). */
  const goLive = (channel: Channel, live: Live) => {
    live.startedAt = Date.now();
    const prefix = `recordings/${channel.id}/${live.streamId}`;
    const session = new NodeRecordSession(live.publisher, join(dataDir, `${prefix}.flv`));
    session.run();
    live.recording = { session, id: randomAlnum(16), prefix, startedAt: live.startedAt };
    emit(streamEvent(channel, live, "Stream Start"));
    emit(recordingEvent(channel, live, "Recording Start", 0));
  };

  const onPrePublish = (session: RtmpSession) => {
    // No reconnect grace: node-media-server would hold the publish (and Stream End) for 30 s.
    session.broadcast.publishGraceMs = 0;
    const channel = session.streamApp === INGEST_APP ? byKey.get(session.streamName) : undefined;
    // The publish still runs through node-media-server after this; destroying the socket
    // stops its data, and donePublish below ignores sessions it never accepted.
    if (!channel || channel.live || stopping) return void session.socket.destroy();
    let finish = () => {};
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const live: Live = {
      streamId: `st-${randomAlnum(26)}`,
      publisher: session,
      meter: new IngestMeter(),
      connectedAt: Date.now(),
      viewers: new Set(),
      ended,
      finish,
    };
    channel.live = live;
    publishers.set(session, channel);
    const forward = session.rtmp.onPacketCallback;
    session.rtmp.onPacketCallback = (packet) => {
      if (live.meter.observe(packet) && live.startedAt === undefined) goLive(channel, live);
      forward(packet);
    };
    emit(streamEvent(channel, live, "Session Created"));
  };

  const onDonePublish = (session: RtmpSession) => {
    const channel = publishers.get(session);
    const live = channel?.live;
    if (!channel || !live) return;
    publishers.delete(session);
    channel.live = undefined;
    const endedAt = session.endTime || Date.now();
    for (const viewer of live.viewers) viewer.close();
    // Bounded: the ledger keeps what matters; this only answers recent look-ups.
    if (channel.sessions.size >= 500) channel.sessions.delete(channel.sessions.keys().next().value ?? "");
    channel.sessions.set(live.streamId, {
      streamId: live.streamId,
      startTime: iso(live.startedAt ?? live.connectedAt),
      endTime: iso(endedAt),
      ingest: live.meter.snapshot(session),
    });
    let delivered = emit(streamEvent(channel, live, "Session Ended"));
    if (live.startedAt !== undefined) delivered = emit(streamEvent(channel, live, "Stream End"));
    const recording = live.recording;
    if (recording) {
      recording.session.stop();
      // Recording End only once the file is complete on disk, as IVS sends it after the last segment.
      const file = recording.session.fileStream;
      const closed = file.closed ? Promise.resolve() : new Promise<void>((resolve) => file.once("close", resolve));
      delivered = closed.then(() => emit(recordingEvent(channel, live, "Recording End", endedAt - recording.startedAt)));
    }
    const task = delivered.then(live.finish);
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  // Playback is HTTP-FLV by channel only; RTMP play would expose the publish (key) path.
  const onPrePlay = (session: SessionLike) => {
    if (session.protocol === "rtmp") (session as RtmpSession).socket.destroy();
  };

  logger.level = "error";
  Context.config = { bind: "127.0.0.1", rtmp: { port: opts.rtmpPort }, store: { path: join(dataDir, "nms") }, webadmin: { enable: false } };
  const rtmp = new NodeRtmpServer();
  const tcp = rtmp.tcpServer as Server;
  const http = playbackServer({
    dataDir,
    live: (channelId): LivePlayback | undefined => {
      const live = channels.get(arnOf(channelId))?.live;
      return live?.startedAt === undefined ? undefined : { broadcast: live.publisher.broadcast, viewers: live.viewers };
    },
  });
  Context.eventEmitter.on("prePublish", onPrePublish);
  Context.eventEmitter.on("donePublish", onDonePublish);
  Context.eventEmitter.on("prePlay", onPrePlay);

  const endLive = async (live: Live | undefined) => {
    if (!live) return;
    live.publisher.socket.destroy();
    await Promise.race([live.ended, new Promise((r) => setTimeout(r, 5000).unref())]);
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([...channels.values()].map((c) => endLive(c.live)));
    const tcpClosed = tcp.listening ? once(tcp, "close") : Promise.resolve();
    rtmp.stop();
    http.closeAllConnections();
    await Promise.all([tcpClosed, new Promise((r) => http.close(r))]);
    Context.eventEmitter.off("prePublish", onPrePublish);
    Context.eventEmitter.off("donePublish", onDonePublish);
    Context.eventEmitter.off("prePlay", onPrePlay);
    await Promise.all(pending);
    await queue;
    running = false;
  };

  try {
    await listen(tcp, opts.rtmpPort);
    await listen(http, opts.httpPort);
  } catch (e) {
    await stop();
    throw e;
  }

  const provider: Stream.Provider = {
    kind: "local",
    async ensureChannel(poolID, index) {
      if (!SAFE_NAME.test(poolID) || !Number.isInteger(index) || index < 0) throw new Error(`bad channel name ${poolID}-${index}`);
      const id = `${poolID}-${index}`;
      if (!channels.has(arnOf(id))) {
        addChannel(id);
        save();
      }
      return { channelArn: arnOf(id), ingestEndpoint: `127.0.0.1:${opts.rtmpPort}`, playbackUrl: `http://127.0.0.1:${opts.httpPort}/live/${id}.flv` };
    },
    async rotateKey(channelArn) {
      const channel = channelOf(channelArn);
      if (channel.key) byKey.delete(channel.key);
      // 192 random bits; base64url stays inside node-media-server's stream-name alphabet.
      channel.key = `sk_local_${randomBytes(24).toString("base64url")}`;
      byKey.set(channel.key, channel);
      save();
      return { streamKey: channel.key, ingestUrl: `rtmp://127.0.0.1:${opts.rtmpPort}/${INGEST_APP}/` };
    },
    async stopStream(channelArn) {
      await endLive(channelOf(channelArn).live);
    },
    async playbackToken() {
      return undefined;
    },
    async streamSession(channelArn, streamId) {
      const channel = channels.get(channelArn);
      if (!channel) return undefined;
      const done = channel.sessions.get(streamId);
      if (done) return done;
      const live = channel.live;
      if (live?.streamId !== streamId) return undefined;
      return { streamId, startTime: iso(live.startedAt ?? live.connectedAt), ingest: live.meter.snapshot(live.publisher) };
    },
    async recordingUrl(bucket, prefix) {
      // Recordings are files under dataDir, served by the playback server (see RECORDING_BUCKET).
      return bucket === RECORDING_BUCKET ? `http://127.0.0.1:${opts.httpPort}/${prefix}.flv` : undefined;
    },
  };
  return { provider, rtmpUrl: `rtmp://127.0.0.1:${opts.rtmpPort}/${INGEST_APP}/`, httpUrl: `http://127.0.0.1:${opts.httpPort}`, stop };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}
