/**
 * The practice-session ledger, as pure functions. IVS events are best effort — missing,
 * duplicated, hours late or out of order — so a session's state is built only from
 * commutative, idempotent steps: a set of seen event ids and, per kind of event, the earliest
 * start or the latest end. What a session is credited with is derived from that evidence by a
 * fixed order of preference, so any order and any duplication of the same events gives the
 * same session.
 */
export type LedgerEventKind = "session_created" | "stream_start" | "stream_end" | "session_ended" | "recording_start" | "recording_end";

export interface LedgerEvent {
  /** The EventBridge event id: the idempotency key. */
  id: string;
  kind: LedgerEventKind;
  /** When it happened (the event's `time`), ISO. */
  time: string;
  channelArn: string;
  streamId: string;
  /** Recording End carries how long was recorded; only when the recording is this stream's alone (see events.ts). */
  recordingDurationMs?: number;
  /** Recording events say where the recording is (S3 bucket and key prefix; locally a folder). */
  recordingBucket?: string;
  recordingPrefix?: string;
}

export type Marks = Partial<Record<LedgerEventKind, string>>;

export interface SessionState {
  channelArn: string;
  streamId: string;
  eventIDs: string[];
  /** Per kind of event seen: the earliest time of a start kind, the latest of an end kind. */
  marks?: Marks;
  recordingMs?: number;
  recordingBucket?: string;
  recordingPrefix?: string;
  /** What reconciliation learned: the provider's stream-session look-up… */
  lookupStart?: string;
  lookupEnd?: string;
  /** …and, once the lease the session fell in was over, that lease's times (the last resort). */
  leaseStart?: string;
  leaseEnd?: string;
  /** Derived from the evidence above (derive): the time credited. */
  startedAt?: string;
  endedAt?: string;
  /** How the end was established: an event, the provider's look-up, or the lease running out. */
  closedBy?: "event" | "lookup" | "lease_end";
}

const STARTS: ReadonlySet<LedgerEventKind> = new Set(["session_created", "stream_start", "recording_start"]);

const iso = (t: string) => new Date(t).toISOString();
const earlier = (a: string | undefined, b: string) => (a === undefined || Date.parse(b) < Date.parse(a) ? b : a);
const later = (a: string | undefined, b: string) => (a === undefined || Date.parse(b) > Date.parse(a) ? b : a);
const plus = (t: string, ms: number) => new Date(Date.parse(t) + ms).toISOString();

export function empty(channelArn: string, streamId: string): SessionState {
  return { channelArn, streamId, eventIDs: [], marks: {} };
}

/**
 * The time a session is credited with, from its evidence, best first:
 * - start: Stream Start, the look-up's start, Session Created, Recording Start; else the end less
 *   the recording's own duration; else (once the lease is over) the lease start;
 * - end: Stream End, the look-up's end, the recording's start plus its duration, Session Ended,
 *   Recording End's time (late by the recording's reconnect window); else the lease end.
 * Recording End arrives after the reconnect window (up to a minute or more after Stream End), so
 * its time is never preferred over the stream's own end or the recording's own duration.
 */
export function derive(state: SessionState): SessionState {
  const m = state.marks ?? {};
  const ms = state.recordingMs;
  let start = m.stream_start ?? state.lookupStart ?? m.session_created ?? m.recording_start;
  let end: string | undefined;
  let closedBy: SessionState["closedBy"];
  const recordedFrom = m.recording_start ?? start;
  if (m.stream_end) [end, closedBy] = [m.stream_end, "event"];
  else if (state.lookupEnd) [end, closedBy] = [state.lookupEnd, "lookup"];
  else if (ms && recordedFrom) [end, closedBy] = [plus(recordedFrom, ms), "event"];
  else if (m.session_ended ?? m.recording_end) [end, closedBy] = [(m.session_ended ?? m.recording_end) as string, "event"];
  if (!start && end && ms) start = plus(end, -ms);
  if (!start && end && state.leaseStart) start = state.leaseStart;
  if (!end && start && state.leaseEnd) [end, closedBy] = [state.leaseEnd, "lease_end"];
  const { startedAt: _s, endedAt: _e, closedBy: _c, ...evidence } = state;
  return { ...evidence, ...(start ? { startedAt: start } : {}), ...(end ? { endedAt: end, closedBy } : {}) };
}

/** A session stored before marks existed keeps what it knew, as the weakest evidence of its kind. */
function upgrade(state: SessionState): SessionState {
  if (state.marks) return state;
  const marks: Marks = {};
  if (state.startedAt) marks.session_created = state.startedAt;
  if (state.endedAt && state.closedBy === "event") marks.recording_end = state.endedAt;
  return {
    ...state,
    marks,
    ...(state.endedAt && state.closedBy === "lookup" ? { lookupEnd: state.endedAt } : {}),
    ...(state.endedAt && state.closedBy === "lease_end" ? { leaseEnd: state.endedAt } : {}),
  };
}

export function apply(state: SessionState, event: LedgerEvent): SessionState {
  if (state.eventIDs.includes(event.id) || event.streamId !== state.streamId) return state;
  const before = upgrade(state);
  const marks = { ...before.marks };
  const time = iso(event.time);
  marks[event.kind] = STARTS.has(event.kind) ? earlier(marks[event.kind], time) : later(marks[event.kind], time);
  const next: SessionState = { ...before, eventIDs: [...before.eventIDs, event.id].sort(), marks };
  if (event.recordingDurationMs !== undefined) next.recordingMs = Math.max(before.recordingMs ?? 0, event.recordingDurationMs);
  if (event.recordingPrefix) {
    next.recordingBucket = event.recordingBucket;
    next.recordingPrefix = event.recordingPrefix;
  }
  return derive(next);
}

export function replay(channelArn: string, streamId: string, events: LedgerEvent[]): SessionState {
  return events.reduce(apply, empty(channelArn, streamId));
}

/**
 * Whole seconds streamed, inside the lease when one is given (a learner is never credited for
 * streaming outside their slot); undefined while the session is open or its start is unknown.
 */
export function seconds(state: SessionState, lease?: { startsAt: string; endsAt: string }): number | undefined {
  if (!state.startedAt || !state.endedAt) return undefined;
  const start = Math.max(Date.parse(state.startedAt), lease ? Date.parse(lease.startsAt) : Number.NEGATIVE_INFINITY);
  const end = Math.min(Date.parse(state.endedAt), lease ? Date.parse(lease.endsAt) : Number.POSITIVE_INFINITY);
  return Math.max(0, Math.floor((end - start) / 1000));
}

/** Open (no end yet) or headless (its start events were lost): what reconciliation completes. */
export function incomplete(state: SessionState): boolean {
  return !state.startedAt || !state.endedAt;
}

/**
 * Completes a session whose end — or start — events never came, with the provider's
 * stream-session look-up and, once the lease is over, the lease's own times as the last resort.
 * Events keep precedence: an end event arriving later still wins (see derive).
 */
export function reconcile(
  state: SessionState,
  lookup: { startTime?: string; endTime?: string } | undefined,
  lease: { startsAt: string; endsAt: string },
  nowMs: number,
): SessionState {
  const next = { ...upgrade(state) };
  if (lookup?.startTime) next.lookupStart = earlier(next.lookupStart, iso(lookup.startTime));
  if (lookup?.endTime) next.lookupEnd = later(next.lookupEnd, iso(lookup.endTime));
  if (nowMs >= Date.parse(lease.endsAt)) {
    next.leaseStart = iso(lease.startsAt);
    next.leaseEnd = iso(lease.endsAt);
  }
  return derive(next);
}

/**
 * A session counts towards a practice requirement only from a minimum length (the course's
 * `minSessionMinutes`). A shorter one is kept and shown as too short, and counts for neither
 * sessions nor minutes: otherwise many short pushes add up to the minutes without one real session.
 */
export function counts(secs: number, minSeconds: number): boolean {
  return secs > 0 && secs >= minSeconds;
}

/** Credited practice: sessions long enough to count, and whole minutes of their summed seconds. */
export function totals(sessions: { seconds: number; startedAt?: string }[], minSeconds = 1): { minutes: number; sessions: number; lastAt?: string } {
  const counted = sessions.filter((s) => counts(s.seconds, minSeconds));
  const lastAt = counted.reduce<string | undefined>((latest, s) => (s.startedAt && (!latest || s.startedAt > latest) ? s.startedAt : latest), undefined);
  return { minutes: Math.floor(counted.reduce((n, s) => n + s.seconds, 0) / 60), sessions: counted.length, ...(lastAt ? { lastAt } : {}) };
}
