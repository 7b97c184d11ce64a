import type { IvsEvent } from "@zhubo/core/practice/events";
import type { Stream } from "@zhubo/core/stream";

/**
 * A streaming provider for tests that book practice slots without streaming: channels exist,
 * nothing is live, the provider knows no stream session (events are recorded directly).
 */
export function quietStreams(): Stream.Provider {
  return {
    kind: "local",
    ensureChannel: async (poolID, index) => ({
      channelArn: `arn:aws:ivs:ap-northeast-1:123456789012:channel/${poolID.replace(/[^A-Za-z0-9]/g, "")}${index}`,
      ingestEndpoint: "127.0.0.1:1935",
      playbackUrl: "http://127.0.0.1/live.flv",
    }),
    rotateKey: async () => ({ streamKey: "sk_local_test", ingestUrl: "rtmp://127.0.0.1:1935/live/" }),
    stopStream: async () => {},
    playbackToken: async () => undefined,
    streamSession: async () => undefined,
    recordingUrl: async () => undefined,
  };
}

let n = 0;
/** A Stream Start and a Stream End `fromSeconds`/`toSeconds` into a slot, as IVS sends them through EventBridge. */
export function streamed(lease: { channelArn: string; startsAt: string }, fromSeconds: number, toSeconds: number): { streamId: string; events: IvsEvent[] } {
  const streamId = `st-test${++n}${Math.random().toString(36).slice(2, 10)}`.replace(/[^A-Za-z0-9-]/g, "");
  const at = (s: number) => new Date(Date.parse(lease.startsAt) + s * 1000).toISOString().replace(".000", "");
  const event = (name: "Stream Start" | "Stream End", s: number): IvsEvent => ({
    version: "0",
    id: `${streamId}-${name.replace(" ", "-")}`,
    "detail-type": "IVS Stream State Change",
    source: "aws.ivs",
    account: "123456789012",
    time: at(s),
    region: "ap-northeast-1",
    resources: [lease.channelArn],
    detail: { event_name: name, channel_name: "c", stream_id: streamId },
  });
  return { streamId, events: [event("Stream Start", fromSeconds), event("Stream End", toSeconds)] };
}
