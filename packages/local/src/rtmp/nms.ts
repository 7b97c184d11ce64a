import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type { Server, Socket } from "node:net";

/**
 * The parts of node-media-server 4.4.3 the local IVS uses, typed. We take its RTMP server,
 * broadcast hub and FLV recorder, not its NodeMediaServer facade: that one opens a JSON
 * store which installs SIGINT/SIGTERM handlers re-raising the signal (killing the laptop
 * stack before it can stop cleanly) and exits the process when a port is taken.
 */

/** One demuxed RTMP message. flags: 0 audio header, 1 audio, 2 video header, 3 keyframe, 4 inter frame, 5 metadata. */
export interface AVPacket {
  codec_id: number;
  /** 8 audio, 9 video, 18 script. */
  codec_type: number;
  flags: number;
  /** Milliseconds. */
  dts: number;
  pts: number;
  size: number;
  data: Buffer;
}

/** Fields every node-media-server session has; our HTTP viewers implement them too. */
export interface SessionLike {
  id: string;
  ip: string;
  protocol: string;
  streamPath: string;
  endTime: number;
  sendBuffer(buffer: Buffer): void;
  close(): void;
}

export interface Broadcast {
  streamPath: string;
  publisher: SessionLike | null;
  /** How long a dropped publisher may reconnect into the same publish (default 30 s). */
  publishGraceMs: number;
  postPlay(session: SessionLike): string | null;
  donePlay(session: SessionLike): void;
}

export interface RtmpSession extends SessionLike {
  socket: Socket;
  streamApp: string;
  streamName: string;
  isPublisher: boolean;
  broadcast: Broadcast;
  rtmp: { onPacketCallback: (packet: AVPacket) => void };
  /** From the publisher's onMetaData (set by the broadcast hub). */
  videoWidth: number;
  videoHeight: number;
  videoFramerate: number;
  /** kbit/s as the encoder declared it. */
  videoDatarate: number;
  audioDatarate: number;
  audioSamplerate: number;
  audioChannels: number;
}

export interface RecordSession extends SessionLike {
  fileStream: { once(event: "close", listener: () => void): void; closed: boolean };
  run(): void;
  stop(): void;
}

interface NmsConfig {
  bind: string;
  rtmp: { port: number };
  store: { path: string };
  webadmin: { enable: boolean };
}

const requireNms = createRequire(import.meta.url);
const src = "node-media-server/src";

export const Context: {
  config: NmsConfig | Record<string, never>;
  broadcasts: Map<string, Broadcast>;
  sessions: Map<string, SessionLike>;
  eventEmitter: EventEmitter;
} = requireNms(`${src}/core/context.js`);

export const logger: { level: string } = requireNms(`${src}/core/logger.js`);

export const NodeRtmpServer: new () => { tcpServer?: Server; stop(): void } = requireNms(`${src}/server/rtmp_server.js`);

export const NodeRecordSession: new (publisher: RtmpSession, filePath: string) => RecordSession = requireNms(`${src}/session/record_session.js`);

export const { parseH264Sps }: { parseH264Sps(sps: Buffer): { width: number; height: number } | null } = requireNms(`${src}/protocol/sps_info.js`);
