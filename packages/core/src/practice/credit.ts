import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { Course } from "../course/index.js";
import { Dynamo } from "../dynamo/index.js";
import { Enrolment } from "../enrolment/index.js";
import { conflict, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { channelBlockEntity, creditEntity, leaseEntity } from "./entity.js";
import { BLOCK_MINUTES, blocks, EARLY_MINUTES, type Lease, sessionsSinceOpen } from "./lease.js";
import { counts, incomplete, type SessionState, seconds, totals } from "./ledger.js";

/**
 * A stream on a channel may end a little after its lease (the expiry job stops it within minutes),
 * so a session whose start is unknown belongs to the lease its end falls in, give or take this.
 */
const END_GRACE_MS = EARLY_MINUTES * 60_000;
/** IVS delivers events up to hours late: the expiry job keeps completing sessions of leases that ended this recently. */
export const LATE_MINUTES = 180;

/** The lease a session that started at `startedAt` on the channel fell in (a learner may open their key EARLY_MINUTES before it). */
async function leaseAt(channelArn: string, startedAt: string): Promise<Lease | undefined> {
  const latestStart = new Date(Date.parse(startedAt) + EARLY_MINUTES * 60_000).toISOString();
  const found = await (await leaseEntity()).query.leasesOfChannel({ channelArn }).lte({ startsAt: latestStart }).go({ limit: 1, order: "desc" });
  const lease = found.data[0] as Lease | undefined;
  if (!lease || lease.status === "cancelled" || Date.parse(lease.endsAt) <= Date.parse(startedAt)) return undefined;
  return lease;
}

/**
 * Credits a closed session to the learner whose lease it fell in (time outside the lease
 * doesn't count) and sets their totals from every credit of theirs in the cohort. A session
 * shorter than the learner's requirement's minimum is credited as too short: kept, shown, not
 * counted. Idempotent: the credit is keyed by stream.
 */
export async function settle(state: SessionState): Promise<void> {
  if (!state.startedAt || !state.endedAt) return;
  const lease = await leaseAt(state.channelArn, state.startedAt);
  if (!lease) return;
  const credited = seconds(state, lease) ?? 0;
  const credits = await creditEntity();
  const [seat, existing] = await Promise.all([
    Enrolment.of(lease.cohortID, lease.learnerID),
    credits.get({ cohortID: lease.cohortID, learnerID: lease.learnerID, streamId: state.streamId }).go(),
  ]);
  const minSeconds = Course.minSessionSeconds(seat?.requirement);
  await credits
    .put({
      cohortID: lease.cohortID,
      learnerID: lease.learnerID,
      learnerName: seat?.learnerName ?? "",
      streamId: state.streamId,
      channelArn: state.channelArn,
      leaseID: lease.leaseID,
      startedAt: state.startedAt,
      seconds: credited,
      recordingBucket: state.recordingBucket,
      recordingPrefix: state.recordingPrefix,
      reviewed: existing.data?.reviewed ?? false,
      tooShort: !counts(credited, minSeconds),
    })
    .go();
  const all = await credits.query.byLearner({ cohortID: lease.cohortID, learnerID: lease.learnerID }).go({ pages: "all" });
  await Enrolment.setPractice(lease.cohortID, lease.learnerID, totals(all.data, minSeconds));
}

/**
 * The sessions on a lease's channel that belong to it and are still incomplete: open (no end
 * yet) or headless (only end events arrived). A session belongs to the lease its known start —
 * or, headless, its known end — falls in.
 */
export async function incompleteSessionsOf(lease: Lease): Promise<SessionState[]> {
  const { opens, sessions } = await sessionsSinceOpen(lease);
  return sessions.filter((s) => {
    if (!incomplete(s)) return false;
    if (s.startedAt) return Date.parse(s.startedAt) >= opens && Date.parse(s.startedAt) < Date.parse(lease.endsAt);
    return s.endedAt !== undefined && Date.parse(s.endedAt) > opens && Date.parse(s.endedAt) <= Date.parse(lease.endsAt) + END_GRACE_MS;
  });
}

/** Leases that ended within the last LATE_MINUTES, newest first: their sessions' late events may still be arriving. */
export async function recentlyEnded(): Promise<Lease[]> {
  const now = Clock.now();
  const found = await (await leaseEntity()).query
    .openLeases({ status: "ended" })
    .between({ endsAt: new Date(now - LATE_MINUTES * 60_000).toISOString() }, { endsAt: new Date(now).toISOString() })
    .go({ limit: 100, order: "desc" });
  return found.data as Lease[];
}

/** The learner's own practice sessions in a cohort, newest first, each with whether it was long enough to count. */
export const mySessions = fn(z.object({ cohortID: Cohort.cohortID }), async ({ cohortID }) => {
  const actor = Actor.person();
  const seat = await Enrolment.of(cohortID, actor.personID);
  if (!seat || seat.status === "withdrawn") throw notFound("enrolment.not_found");
  const found = await (await creditEntity()).query.byLearner({ cohortID, learnerID: actor.personID }).go({ pages: "all" });
  const minSeconds = Course.minSessionSeconds(seat.requirement);
  const items = found.data
    .map((c) => ({
      streamId: c.streamId,
      leaseID: c.leaseID,
      startedAt: c.startedAt,
      seconds: c.seconds,
      reviewed: c.reviewed,
      tooShort: !counts(c.seconds, minSeconds),
    }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return { items, minSessionMinutes: minSeconds / 60 };
});

/**
 * A practice session that happened without this platform seeing it live (the local demo data;
 * sessions brought over from before): an ended lease on the given channel, taking the channel's
 * blocks atomically so imported sessions never overlap, and the IVS events its stream would
 * have sent. Practice.importSession records those through the same ledger path as every other
 * session, so the learner's totals are always the sum of the credits behind them.
 */
export async function importedLease(input: { cohortID: string; learnerID: string; channelArn: string; startsAt: string; minutes: number }): Promise<unknown[]> {
  const start = Date.parse(input.startsAt);
  const slotMs = Math.ceil(input.minutes / BLOCK_MINUTES) * BLOCK_MINUTES * 60_000;
  const lease: Lease = {
    leaseID: Id.create("lease"),
    cohortID: input.cohortID,
    learnerID: input.learnerID,
    channelArn: input.channelArn,
    playbackUrl: "",
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + slotMs).toISOString(),
    status: "ended",
    createdAt: Clock.iso(),
  };
  const [leases, locks] = await Promise.all([leaseEntity(), channelBlockEntity()]);
  const rejected = await Dynamo.transact(leases, [
    Dynamo.commit(leases.create(lease)),
    ...blocks(start, start + slotMs).map((block) => Dynamo.commit(locks.create({ channelArn: input.channelArn, block, leaseID: lease.leaseID }))),
  ]);
  if (rejected !== -1) throw conflict("practice.overlap", "That channel already has a session then");
  const streamId = `st-${lease.leaseID.replace(/[^A-Za-z0-9]/g, "").slice(-23)}`;
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const event = (id: string, ms: number, name: "Stream Start" | "Stream End") => ({
    version: "0",
    id: `${lease.leaseID}-${id}`,
    "detail-type": "IVS Stream State Change",
    source: "aws.ivs",
    account: "000000000000",
    time: at(ms),
    region: "local",
    resources: [input.channelArn],
    detail: { event_name: name, channel_name: "imported", stream_id: streamId },
  });
  return [event("start", start, "Stream Start"), event("end", start + input.minutes * 60_000, "Stream End")];
}
