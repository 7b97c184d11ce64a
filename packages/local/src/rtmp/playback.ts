import { randomUUID } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { Broadcast, SessionLike } from "./nms.js";

const LIVE = /^\/live\/([A-Za-z0-9_-]+)\.flv$/;
const RECORDING = /^\/(recordings\/[A-Za-z0-9_-]+\/st-[A-Za-z0-9]+)\.flv$/;

/** A live channel as playback sees it: the broadcast to attach to and the viewers to end with it. */
export interface LivePlayback {
  broadcast: Broadcast;
  viewers: Set<SessionLike>;
}

/**
 * HTTP-FLV by channel, not by key. node-media-server serves `/<app>/<name>.flv` from the
 * publish path, which is the stream key here; serving it would hand the key to every viewer
 * (and a viewer waiting on a rotated key's path would wait forever). So this server owns the
 * URL space: `/live/<channel-id>.flv` attaches to whatever broadcast the channel's current
 * publish feeds, and `/<recording prefix>.flv` serves finished recordings from dataDir.
 */
export function playbackServer(opts: { dataDir: string; live: (channelId: string) => LivePlayback | undefined }): Server {
  return createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    const path = new URL(req.url ?? "/", "http://local").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") return end(res, 405);
    const live = LIVE.exec(path);
    if (live?.[1]) return play(req, res, opts.live(live[1]));
    const recording = RECORDING.exec(path);
    if (recording?.[1]) return sendFile(req, res, join(opts.dataDir, `${recording[1]}.flv`));
    end(res, 404);
  });
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 404 ? "not found" : "method not allowed");
}

function play(req: IncomingMessage, res: ServerResponse, live: LivePlayback | undefined): void {
  // Offline is a 404, like IVS playback of a channel that isn't live.
  if (!live) {
    end(res, 404);
    return;
  }
  res.writeHead(200, { "Content-Type": "video/x-flv", "Cache-Control": "no-cache" });
  if (req.method === "HEAD") return void res.end();
  const viewer: SessionLike = {
    id: randomUUID(),
    ip: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
    protocol: "flv",
    streamPath: live.broadcast.streamPath,
    endTime: 0,
    sendBuffer: (buffer) => {
      if (!res.writableEnded) res.write(buffer);
    },
    close: () => res.end(),
  };
  live.viewers.add(viewer);
  // Sends the FLV header, metadata, codec headers and the current GOP, then every new tag.
  live.broadcast.postPlay(viewer);
  res.once("close", () => {
    live.viewers.delete(viewer);
    live.broadcast.donePlay(viewer);
  });
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    end(res, 404);
    return;
  }
  res.writeHead(200, { "Content-Type": "video/x-flv", "Content-Length": size });
  if (req.method === "HEAD") return void res.end();
  createReadStream(file).pipe(res);
}
