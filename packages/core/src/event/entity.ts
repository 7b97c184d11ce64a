import { Dynamo } from "../dynamo/index.js";

/**
 * "outbox events": one item per event, written in the same transaction as the change it reports
 * and never updated. The table's stream carries each INSERT onward (functions/src/stream/relay.ts
 * in AWS, the laptop stack's stream reader locally); the item expires after a week.
 * `body` is the envelope as JSON, so the relay reads one string attribute of the stream image.
 */
export const outboxEntity = Dynamo.entity({
  model: { entity: "event", version: "1", service: "zhubo" },
  attributes: {
    outboxID: { type: "string", required: true, readOnly: true },
    eventID: { type: "string", required: true, readOnly: true },
    type: { type: "string", required: true, readOnly: true },
    body: { type: "string", required: true, readOnly: true },
    expiresAt: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["outboxID"] }, sk: { field: "sk", composite: [] } },
  },
});

/** "subscriber receipts": a subscriber handled this event (by id); duplicates find it and stop. */
export const receiptEntity = Dynamo.entity({
  model: { entity: "eventReceipt", version: "1", service: "zhubo" },
  attributes: {
    subscriber: { type: "string", required: true, readOnly: true },
    eventID: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    expiresAt: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byEvent: { pk: { field: "pk", composite: ["subscriber", "eventID"] }, sk: { field: "sk", composite: [] } },
  },
});

/** "dead letters by status": events a subscriber failed on after every retry, for ops to see and replay. */
export const deadLetterEntity = Dynamo.entity({
  model: { entity: "deadLetter", version: "1", service: "zhubo" },
  attributes: {
    deadLetterID: { type: "string", required: true, readOnly: true },
    subscriber: { type: "string", required: true, readOnly: true },
    eventID: { type: "string", required: true, readOnly: true },
    type: { type: "string", required: true, readOnly: true },
    body: { type: "string", required: true, readOnly: true },
    error: { type: "string", required: true, readOnly: true },
    attempts: { type: "number", required: true, readOnly: true },
    failedAt: { type: "string", required: true, readOnly: true },
    status: { type: ["open", "replayed"] as const, required: true },
    replayedAt: { type: "string" },
    replayedBy: { type: "string" },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["deadLetterID"] }, sk: { field: "sk", composite: [] } },
    /** The ops page: open dead letters, newest first. */
    byStatus: { index: "gsi1", pk: { field: "gsi1pk", composite: ["status"] }, sk: { field: "gsi1sk", composite: ["failedAt", "deadLetterID"] } },
  },
});
