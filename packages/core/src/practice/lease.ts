import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Calendar } from "../calendar/index.js";
import { Clock } from "../clock/index.js";
import { Cohort } from "../cohort/index.js";
import { Dynamo } from "../dynamo/index.js";
import { Enrolment } from "../enrolment/index.js";
import { conflict, isConditionFailure, notFound } from "../error/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Stream } from "../stream/index.js";
import { channelBlockEntity, learnerBlockEntity, leaseEntity, streamSessionEntity } from "./entity.js";
import type { SessionState } from "./ledger.js";
import { check, ready } from "./readiness.js";

/** Slots are whole 15-minute blocks; a learner may open their key this long before the slot. */
export const BLOCK_MINUTES = 15;
export const EARLY_MINUTES = 10;
const BLOCK_MS = BLOCK_MINUTES * 60_000;
export const MAX_AHEAD_DAYS = 14;

export function poolSize(): number {
  const n = Number(process.env.PRACTICE_POOL_SIZE ?? 3);
  return Number.isInteger(n) && n > 0 ? n : 3;
}

export interface Lease {
  leaseID: string;
  cohortID: string;
  learnerID: string;
  channelArn: string;
  playbackUrl: string;
  startsAt: string;
  endsAt: string;
  status: "booked" | "ended" | "cancelled";
  learnerName?: string;
  streamKey?: string;
  ingestUrl?: string;
  createdAt: string;
}

/** Lists and other people never see the key. */
const publicView = ({ streamKey: _key, ingestUrl: _url, ...lease }: Lease) => lease;

export function blocks(startsAt: number, endsAt: number): string[] {
  const out: string[] = [];
  for (let t = startsAt; t < endsAt; t += BLOCK_MS) out.push(new Date(t).toISOString());
  return out;
}

export const BookSchema = z.object({
  cohortID: Cohort.cohortID,
  startsAt: Calendar.Instant.check(z.refine((s) => Date.parse(s) % BLOCK_MS === 0, `Start on a quarter hour (:00, :15, :30, :45)`)),
  minutes: z.int().check(
    z.minimum(15, "At least 15 minutes"),
    z.maximum(120, "At most 120 minutes"),
    z.refine((m) => m % BLOCK_MINUTES === 0, "Whole quarter hours"),
  ),
});

/**
 * Books a practice slot for an enrolled learner: the first channel of the cohort's pool whose
 * blocks are all free, taken atomically with the lease (so two learners never share a channel's
 * time) and with the learner's own blocks (so one learner never holds two slots at once, however
 * many books race). The pool size bounds how many learners practise at once.
 */
export const book = fn(BookSchema, async ({ cohortID, startsAt, minutes }) => {
  const actor = Actor.person();
  const seat = await Enrolment.of(cohortID, actor.personID);
  if (!seat || seat.status === "withdrawn") throw notFound("cohort.not_found");
  if (seat.status !== "enrolled") throw conflict("practice.waitlisted", "Practice opens when you have a seat");
  const start = Date.parse(startsAt);
  const end = start + minutes * 60_000;
  if (start < Math.floor(Clock.now() / BLOCK_MS) * BLOCK_MS) throw invalid([{ path: ["startsAt"], message: "Pick a time that hasn't passed" }]);
  if (start > Clock.now() + MAX_AHEAD_DAYS * 86_400_000) throw invalid([{ path: ["startsAt"], message: `Book at most ${MAX_AHEAD_DAYS} days ahead` }]);
  const cohort = await Cohort.load(cohortID);
  if (!cohort || cohort.status === "cancelled") throw conflict("cohort.not_open", "This cohort is not running");
  // The cohort's calendar days are China time (UTC+8), inclusive.
  if (start < Date.parse(`${cohort.startDate}T00:00:00+08:00`) || end > Date.parse(`${cohort.endDate}T00:00:00+08:00`) + 86_400_000) {
    throw invalid([{ path: ["startsAt"], message: "Pick a time within the cohort's dates" }]);
  }
  const leases = await leaseEntity();
  const mine = await leases.query
    .leasesOfLearner({ learnerID: actor.personID })
    .between({ startsAt: new Date(start - 120 * 60_000).toISOString() }, { startsAt: new Date(end).toISOString() })
    .go();
  if ((mine.data as Lease[]).some((l) => l.status === "booked" && Date.parse(l.startsAt) < end && Date.parse(l.endsAt) > start)) {
    throw conflict("practice.overlap", "You already have a practice slot at that time");
  }
  const [locks, own] = await Promise.all([channelBlockEntity(), learnerBlockEntity()]);
  const learnerName = (await Person.me()).displayName;
  const slot = blocks(start, end);
  for (let index = 0; index < poolSize(); index++) {
    const channel = await Stream.provider().ensureChannel(cohortID, index);
    const lease: Lease = {
      leaseID: Id.create("lease"),
      cohortID,
      learnerID: actor.personID,
      channelArn: channel.channelArn,
      playbackUrl: channel.playbackUrl,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(end).toISOString(),
      status: "booked",
      learnerName,
      createdAt: Clock.iso(),
    };
    // The learner's blocks come first: a failure there is an overlap whatever the channels say.
    const rejected = await Dynamo.transact(leases, [
      Dynamo.commit(leases.create(lease)),
      ...slot.map((block) =>
        Dynamo.commit(own.create({ learnerID: actor.personID, block, leaseID: lease.leaseID, expiresAt: Math.ceil(end / 1000) + 86_400 })),
      ),
      ...slot.map((block) => Dynamo.commit(locks.create({ channelArn: channel.channelArn, block, leaseID: lease.leaseID }))),
    ]);
    if (rejected === -1) return publicView(lease);
    if (rejected >= 1 && rejected <= slot.length) throw conflict("practice.overlap", "You already have a practice slot at that time");
    if (rejected === 0) throw new Error("lease id collided");
  }
  throw conflict("practice.pool_full", "Every practice channel is booked then. Try another time.", { startsAt: "Fully booked" });
});

async function ownLease(leaseID: string): Promise<Lease> {
  const actor = Actor.person();
  const found = await (await leaseEntity()).get({ leaseID }).go();
  const lease = found.data as Lease | null;
  if (!lease || lease.learnerID !== actor.personID) throw notFound("lease.not_found");
  return lease;
}

/**
 * The learner's key and ingest URL, only during their lease (from EARLY_MINUTES before it).
 * The key is created for this lease on first open (replacing the previous lessee's) and kept
 * until the lease ends, when the expiry job retires it.
 */
export const open = fn(z.object({ leaseID: Id.schema("lease", "lease") }), async ({ leaseID }) => {
  const lease = await ownLease(leaseID);
  const now = Clock.now();
  if (lease.status !== "booked" || now < Date.parse(lease.startsAt) - EARLY_MINUTES * 60_000 || now >= Date.parse(lease.endsAt)) {
    throw conflict("practice.not_now", "Your stream key is available during your slot only");
  }
  if (lease.streamKey && lease.ingestUrl) return lease;
  const key = await Stream.provider().rotateKey(lease.channelArn);
  try {
    await (await leaseEntity())
      .patch({ leaseID })
      .set({ streamKey: key.streamKey, ingestUrl: key.ingestUrl })
      .where((a, op) => op.notExists(a.streamKey))
      .go();
    return { ...lease, ...key };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return ownLease(leaseID);
  }
});

/** A learner gives back a slot that hasn't started: its channel time is free for others again, and theirs for another slot. */
export const cancel = fn(z.object({ leaseID: Id.schema("lease", "lease") }), async ({ leaseID }) => {
  const lease = await ownLease(leaseID);
  if (lease.status !== "booked" || Date.parse(lease.startsAt) <= Clock.now())
    throw conflict("practice.not_cancellable", "Only a slot that hasn't started can be cancelled");
  const leases = await leaseEntity();
  const [locks, own] = await Promise.all([channelBlockEntity(), learnerBlockEntity()]);
  const slot = blocks(Date.parse(lease.startsAt), Date.parse(lease.endsAt));
  const rejected = await Dynamo.transact(leases, [
    Dynamo.commit(
      leases
        .patch({ leaseID })
        .composite({ endsAt: lease.endsAt })
        .set({ status: "cancelled" })
        .where((a, op) => op.eq(a.status, "booked")),
    ),
    ...slot.map((block) => Dynamo.commit(locks.delete({ channelArn: lease.channelArn, block }))),
    ...slot.map((block) => Dynamo.commit(own.delete({ learnerID: lease.learnerID, block }))),
  ]);
  if (rejected !== -1) throw conflict("practice.not_cancellable", "Only a slot that hasn't started can be cancelled");
  return publicView({ ...lease, status: "cancelled" });
});

/** How long a live-view authorisation lasts (IVS allows at most 10 minutes with a viewer id): playback must start within it. */
export const WATCH_TOKEN_SECONDS = 10 * 60;

/**
 * "Live now" for the cohort's instructors: the slots running at this moment, each with where to
 * watch it (a private-channel playback token on IVS, the HTTP-FLV URL locally). No stream keys.
 */
export const live = fn(z.object({ cohortID: Cohort.cohortID }), async ({ cohortID }) => {
  await Cohort.taught(cohortID);
  const actor = Actor.person();
  const now = Clock.now();
  // A slot lasts at most 120 minutes, so anything running now started within the last 120.
  const page = await (await leaseEntity()).query
    .leasesOfCohort({ cohortID })
    .between({ startsAt: new Date(now - 120 * 60_000).toISOString() }, { startsAt: new Date(now + EARLY_MINUTES * 60_000).toISOString() })
    .go({ pages: "all" });
  const running = (page.data as Lease[]).filter((l) => l.status === "booked" && Date.parse(l.endsAt) > now);
  // only the learners actually streaming: a session on the lease's channel that started in its window and hasn't ended
  const streaming = (await Promise.all(running.map(async (l) => ((await isStreaming(l)) ? l : undefined)))).filter((l) => l !== undefined);
  const items = await Promise.all(
    streaming.map(async (l) => {
      const token = await Stream.provider().playbackToken(l.channelArn, actor.personID, WATCH_TOKEN_SECONDS);
      return {
        leaseID: l.leaseID,
        learnerID: l.learnerID,
        learnerName: l.learnerName ?? "",
        startsAt: l.startsAt,
        endsAt: l.endsAt,
        watchUrl: token ? `${l.playbackUrl}?token=${encodeURIComponent(token)}` : l.playbackUrl,
      };
    }),
  );
  return { items };
});

/** The sessions on a lease's channel touched since it opened (10 minutes early): one Query on "sessions by channel". */
export async function sessionsSinceOpen(lease: Pick<Lease, "channelArn" | "startsAt">): Promise<{ opens: number; sessions: SessionState[] }> {
  const opens = Date.parse(lease.startsAt) - EARLY_MINUTES * 60_000;
  const found = await (await streamSessionEntity()).query
    .byChannel({ channelArn: lease.channelArn })
    .gte({ updatedAt: new Date(opens).toISOString() })
    .go({ pages: "all" });
  return { opens, sessions: found.data as SessionState[] };
}

/** Whether the session ledger has a stream on the lease's channel that began in its window (from 10 minutes early) and hasn't ended. */
async function isStreaming(l: Lease): Promise<boolean> {
  const { opens, sessions } = await sessionsSinceOpen(l);
  return sessions.some((s) => s.startedAt && !s.endedAt && Date.parse(s.startedAt) >= opens && Date.parse(s.startedAt) < Date.parse(l.endsAt));
}

export const mine = fn(z.object({ cursor: Page.cursor }), async ({ cursor }) => {
  const actor = Actor.person();
  const q = Page.query("practice.mine", actor.personID);
  const page = await (await leaseEntity()).query.leasesOfLearner({ learnerID: actor.personID }).go({ cursor: Page.open(q, cursor), limit: 50, order: "desc" });
  return { items: (page.data as Lease[]).map(publicView), cursor: Page.seal(q, page.cursor) };
});

/**
 * Ends leases whose time is up: stops whatever still streams and retires the key, so an
 * expired key is refused. Returns them, for the sessions still incomplete on their channels to be
 * reconciled (Practice.expireDue).
 */
export async function endDue(): Promise<Lease[]> {
  const leases = await leaseEntity();
  const due = (await leases.query.openLeases({ status: "booked" }).lte({ endsAt: Clock.iso() }).go({ limit: 100 })).data as Lease[];
  for (const lease of due) {
    await Stream.provider().stopStream(lease.channelArn);
    if (lease.streamKey) await Stream.provider().rotateKey(lease.channelArn);
    await leases.patch({ leaseID: lease.leaseID }).composite({ endsAt: lease.endsAt }).set({ status: "ended" }).remove(["streamKey", "ingestUrl"]).go();
  }
  return due;
}

/**
 * The readiness of the learner's stream in their current lease: the latest stream on their
 * channel since the lease opened, its ingest as the provider measured it, pass/fix per check.
 */
export const readiness = fn(z.object({ leaseID: Id.schema("lease", "lease") }), async ({ leaseID }) => {
  const lease = await ownLease(leaseID);
  const opened = new Date(Date.parse(lease.startsAt) - EARLY_MINUTES * 60_000).toISOString();
  const latest = await (await streamSessionEntity()).query
    .byChannel({ channelArn: lease.channelArn })
    .gte({ updatedAt: opened })
    .go({ limit: 1, order: "desc" });
  const streamId = latest.data[0]?.streamId;
  const session = streamId ? await Stream.provider().streamSession(lease.channelArn, streamId) : undefined;
  const checks = check(session?.ingest);
  return { streamId, live: Boolean(session && !session.endTime), checks, ready: Boolean(session?.ingest) && ready(checks) };
});
