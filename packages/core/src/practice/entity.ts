import { Dynamo } from "../dynamo/index.js";

/** One stream session of one channel: the ledger state built from its events (practice/ledger.ts). */
export const streamSessionEntity = Dynamo.entity({
  model: { entity: "streamSession", version: "1", service: "zhubo" },
  attributes: {
    channelArn: { type: "string", required: true, readOnly: true },
    streamId: { type: "string", required: true, readOnly: true },
    /** Every event id applied: the idempotency record. Bounded (a session has ~6 events). */
    eventIDs: { type: "list", items: { type: "string" }, required: true },
    startedAt: { type: "string" },
    endedAt: { type: "string" },
    recordingMs: { type: "number" },
    closedBy: { type: ["event", "lookup", "lease_end"] as const },
    /** Optimistic concurrency: every write expects the version it read. */
    version: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    /** "session by channel + stream id": where an IVS event lands. */
    byStream: { pk: { field: "pk", composite: ["channelArn", "streamId"] }, sk: { field: "sk", composite: [] } },
  },
});
