/**
 * The EventBridge events Amazon IVS (low-latency channels) sends, as the local RTMP server
 * emits them too, so one handler serves both. Shapes follow the IVS user guide
 * ("Using Amazon EventBridge with IVS Low-Latency Streaming"). No imports: the local
 * stand-in (packages/local/src/rtmp) emits these very types.
 */

import type { LedgerEvent } from "./ledger.js";

interface Envelope<DetailType extends string, Detail> {
  version: "0";
  id: string;
  "detail-type": DetailType;
  source: "aws.ivs";
  account: string;
  /** ISO 8601, whole seconds like EventBridge ("2024-09-09T16:17:26Z"). */
  time: string;
  region: string;
  /** The channel ARN. */
  resources: string[];
  detail: Detail;
}

export type StreamEventName = "Session Created" | "Session Ended" | "Stream Start" | "Stream End" | "Stream Failure" | "Stream Takeover";

export interface StreamStateDetail {
  event_name: StreamEventName;
  channel_name: string;
  stream_id: string;
  /** Session Ended / takeover failures only. */
  code?: string;
  /** Stream Failure only. */
  reason?: string;
}

export type RecordingStatus = "Recording Start" | "Recording End" | "Recording Start Failure" | "Recording End Failure";

export interface RecordingStateDetail {
  channel_name: string;
  stream_id: string;
  recording_status: RecordingStatus;
  recording_status_reason: string;
  recording_s3_bucket_name: string;
  /** IVS: "ivs/v1/<account>/<channel-id>/<y>/<m>/<d>/<h>/<min>/<recording-id>". Locally: see rtmp/server.ts. */
  recording_s3_key_prefix: string;
  recording_duration_ms: number;
  recording_session_id: string;
  /** The streams merged into this recording (IVS reconnect window); sent with Recording End. */
  recording_session_stream_ids?: string[];
}

export type StreamStateChange = Envelope<"IVS Stream State Change", StreamStateDetail>;
export type RecordingStateChange = Envelope<"IVS Recording State Change", RecordingStateDetail>;
export type IvsEvent = StreamStateChange | RecordingStateChange;

/**
 * The ledger's view of an IVS event, or undefined for events that say nothing about when a
 * stream ran (failures, takeovers) or aren't IVS events at all.
 */
export function toLedgerEvent(raw: unknown): LedgerEvent | undefined {
  const e = raw as Partial<IvsEvent> | undefined;
  if (e?.source !== "aws.ivs" || typeof e.id !== "string" || typeof e.time !== "string" || Number.isNaN(Date.parse(e.time))) return undefined;
  const channelArn = e.resources?.[0];
  const detail = e.detail as Partial<StreamStateDetail & RecordingStateDetail> | undefined;
  if (!channelArn || !detail?.stream_id) return undefined;
  const base = { id: e.id, time: new Date(e.time).toISOString(), channelArn, streamId: detail.stream_id };
  if (e["detail-type"] === "IVS Stream State Change") {
    const kind = (
      { "Session Created": "session_created", "Stream Start": "stream_start", "Stream End": "stream_end", "Session Ended": "session_ended" } as const
    )[detail.event_name as "Session Created"];
    return kind ? { ...base, kind } : undefined;
  }
  if (e["detail-type"] === "IVS Recording State Change") {
    const where = detail.recording_s3_key_prefix ? { recordingBucket: detail.recording_s3_bucket_name, recordingPrefix: detail.recording_s3_key_prefix } : {};
    if (detail.recording_status === "Recording Start") return { ...base, kind: "recording_start", ...where };
    if (detail.recording_status === "Recording End") {
      const ms = Number(detail.recording_duration_ms);
      // With a reconnect window, one recording merges several streams: its duration is then no one stream's own.
      const merged = detail.recording_session_stream_ids;
      const own = !Array.isArray(merged) || merged.every((id) => id === detail.stream_id);
      return { ...base, kind: "recording_end", ...where, ...(own && Number.isFinite(ms) && ms > 0 ? { recordingDurationMs: ms } : {}) };
    }
  }
  return undefined;
}
