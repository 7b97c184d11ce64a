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
    recordingBucket: { type: "string" },
    recordingPrefix: { type: "string" },
    closedBy: { type: ["event", "lookup", "lease_end"] as const },
    /** The evidence the times above are derived from (practice/ledger.ts): per event kind, the provider's look-up, the lease. */
    marks: {
      type: "map",
      properties: {
        session_created: { type: "string" },
        stream_start: { type: "string" },
        stream_end: { type: "string" },
        session_ended: { type: "string" },
        recording_start: { type: "string" },
        recording_end: { type: "string" },
      },
    },
    lookupStart: { type: "string" },
    lookupEnd: { type: "string" },
    leaseStart: { type: "string" },
    leaseEnd: { type: "string" },
    /** Optimistic concurrency: every write expects the version it read. */
    version: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    /** "session by channel + stream id": where an IVS event lands. */
    byStream: { pk: { field: "pk", composite: ["channelArn", "streamId"] }, sk: { field: "sk", composite: [] } },
    /** "sessions of a channel, latest first": the leasing learner's readiness check finds their stream. */
    byChannel: { index: "gsi1", pk: { field: "gsi1pk", composite: ["channelArn"] }, sk: { field: "gsi1sk", composite: ["updatedAt", "streamId"] } },
  },
});

/** A learner's booked practice slot on one channel of the cohort's pool. */
export const leaseEntity = Dynamo.entity({
  model: { entity: "lease", version: "1", service: "zhubo" },
  attributes: {
    leaseID: { type: "string", required: true, readOnly: true },
    cohortID: { type: "string", required: true, readOnly: true },
    learnerID: { type: "string", required: true, readOnly: true },
    channelArn: { type: "string", required: true, readOnly: true },
    playbackUrl: { type: "string", required: true },
    startsAt: { type: "string", required: true, readOnly: true },
    endsAt: { type: "string", required: true, readOnly: true },
    status: { type: ["booked", "ended", "cancelled"] as const, required: true },
    /** Shown to the cohort's instructors in "live now"; absent on leases booked before it existed. */
    learnerName: { type: "string" },
    /** Secret: returned only to the leasing learner during the lease, never in lists or logs. */
    streamKey: { type: "string" },
    ingestUrl: { type: "string" },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["leaseID"] }, sk: { field: "sk", composite: [] } },
    /** "leases of a channel by time": which learner a stream on that channel belongs to. */
    leasesOfChannel: { index: "gsi1", pk: { field: "gsi1pk", composite: ["channelArn"] }, sk: { field: "gsi1sk", composite: ["startsAt", "leaseID"] } },
    /** "practice slots of a learner by time": the learner's bookings. */
    leasesOfLearner: { index: "gsi2", pk: { field: "gsi2pk", composite: ["learnerID"] }, sk: { field: "gsi2sk", composite: ["startsAt", "leaseID"] } },
    /** "open leases by end": what the expiry job closes (stop the stream, retire the key). */
    openLeases: { index: "gsi3", pk: { field: "gsi3pk", composite: ["status"] }, sk: { field: "gsi3sk", composite: ["endsAt", "leaseID"] } },
    /** "practice slots of a cohort by time": who is live now, for the cohort's instructors. */
    leasesOfCohort: { index: "gsi4", pk: { field: "gsi4pk", composite: ["cohortID"] }, sk: { field: "gsi4sk", composite: ["startsAt", "leaseID"] } },
  },
});

/** One 15-minute block of one channel, held by one lease: overlapping bookings fail on these. */
export const channelBlockEntity = Dynamo.entity({
  model: { entity: "channelBlock", version: "1", service: "zhubo" },
  attributes: {
    channelArn: { type: "string", required: true, readOnly: true },
    block: { type: "string", required: true, readOnly: true },
    leaseID: { type: "string", required: true },
  },
  indexes: {
    byBlock: { pk: { field: "pk", composite: ["channelArn", "block"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * One 15-minute block of one learner's own calendar, held by one lease: a learner's overlapping
 * bookings (in any cohort) fail on these, so one learner never holds two channels at once.
 */
export const learnerBlockEntity = Dynamo.entity({
  model: { entity: "learnerBlock", version: "1", service: "zhubo" },
  attributes: {
    learnerID: { type: "string", required: true, readOnly: true },
    block: { type: "string", required: true, readOnly: true },
    leaseID: { type: "string", required: true },
    /** Epoch seconds (the table's TTL): a past block guards nothing, so DynamoDB drops it a day after. */
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byBlock: { pk: { field: "pk", composite: ["learnerID", "block"] }, sk: { field: "sk", composite: [] } },
  },
});

/** Practice credited to a learner in a cohort, one row per stream session (the totals' source). */
export const creditEntity = Dynamo.entity({
  model: { entity: "practiceCredit", version: "1", service: "zhubo" },
  attributes: {
    cohortID: { type: "string", required: true, readOnly: true },
    learnerID: { type: "string", required: true, readOnly: true },
    streamId: { type: "string", required: true, readOnly: true },
    channelArn: { type: "string", required: true },
    leaseID: { type: "string", required: true },
    learnerName: { type: "string", required: true },
    startedAt: { type: "string", required: true },
    seconds: { type: "number", required: true },
    recordingBucket: { type: "string" },
    recordingPrefix: { type: "string" },
    reviewed: { type: "boolean", required: true, default: false },
    /** Shorter than the learner's requirement's minimum: kept and shown, counted for neither minutes nor sessions. */
    tooShort: { type: "boolean" },
  },
  indexes: {
    /** "sessions of a learner" in a cohort. */
    byLearner: { pk: { field: "pk", composite: ["cohortID", "learnerID"] }, sk: { field: "sk", composite: ["streamId"] } },
    /** "sessions of a cohort by time": the instructor's review queue. */
    byCohort: { index: "gsi1", pk: { field: "gsi1pk", composite: ["cohortID"] }, sk: { field: "gsi1sk", composite: ["startedAt", "streamId"] } },
  },
});

/** An instructor's scores and timestamped comments on one practice session ("reviews of a session"). */
export const reviewEntity = Dynamo.entity({
  model: { entity: "review", version: "1", service: "zhubo" },
  attributes: {
    cohortID: { type: "string", required: true, readOnly: true },
    learnerID: { type: "string", required: true, readOnly: true },
    streamId: { type: "string", required: true, readOnly: true },
    instructorID: { type: "string", required: true },
    instructorName: { type: "string", required: true },
    /** criterionID → 0..4, every criterion of the learner's rubric. */
    scores: { type: "any", required: true },
    /** [{ atSeconds, text }] into the recording. */
    comments: { type: "any", required: true },
    reviewedAt: { type: "string", required: true },
  },
  indexes: {
    byLearner: { pk: { field: "pk", composite: ["cohortID", "learnerID"] }, sk: { field: "sk", composite: ["streamId"] } },
  },
});
