/**
 * The practice-session ledger, as pure functions. IVS events are best effort — missing,
 * duplicated, hours late or out of order — so a session's state is built only from
 * commutative, idempotent steps: a set of seen event ids, the earliest start and the latest
 * end. Any order and any duplication of the same events gives the same session.
 */
export type LedgerEventKind = "session_created" | "stream_start" | "stream_end" | "recording_start" | "recording_end";

export interface LedgerEvent {
  /** The EventBridge event id: the idempotency key. */
  id: string;
  kind: LedgerEventKind;
  /** When it happened (the event's `time`), ISO. */
  time: string;
  channelArn: string;
  streamId: string;
  /** Recording End carries how long was recorded. */
  recordingDurationMs?: number;
  /** Recording events say where the recording is (S3 bucket and key prefix; locally a folder). */
  recordingBucket?: string;
  recordingPrefix?: string;
}

export interface SessionState {
  channelArn: string;
  streamId: string;
  eventIDs: string[];
  startedAt?: string;
  endedAt?: string;
  recordingMs?: number;
  recordingBucket?: string;
  recordingPrefix?: string;
  /** How the end was established: an event, the provider's look-up, or the lease running out. */
  closedBy?: "event" | "lookup" | "lease_end";
}

const STARTS: ReadonlySet<LedgerEventKind> = new Set(["session_created", "stream_start", "recording_start"]);
const ENDS: ReadonlySet<LedgerEventKind> = new Set(["stream_end", "recording_end"]);

const earlier = (a: string | undefined, b: string) => (a === undefined || Date.parse(b) < Date.parse(a) ? b : a);
const later = (a: string | undefined, b: string) => (a === undefined || Date.parse(b) > Date.parse(a) ? b : a);

export function empty(channelArn: string, streamId: string): SessionState {
  return { channelArn, streamId, eventIDs: [] };
}

export function apply(state: SessionState, event: LedgerEvent): SessionState {
  if (state.eventIDs.includes(event.id) || event.streamId !== state.streamId) return state;
  const next: SessionState = { ...state, eventIDs: [...state.eventIDs, event.id].sort() };
  if (STARTS.has(event.kind)) next.startedAt = earlier(state.startedAt, event.time);
  if (ENDS.has(event.kind)) {
    next.endedAt = later(state.endedAt, event.time);
    next.closedBy = "event";
  }
  if (event.recordingDurationMs !== undefined) next.recordingMs = Math.max(state.recordingMs ?? 0, event.recordingDurationMs);
  if (event.recordingPrefix) {
    next.recordingBucket = event.recordingBucket;
    next.recordingPrefix = event.recordingPrefix;
  }
  return next;
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

/**
 * Closes a session whose end event never came. The provider's stream-session look-up is the
 * truth when it has an end time; when it has none (or doesn't know the stream) and the lease
 * is over, the lease end closes it.
 */
export function reconcile(state: SessionState, lookup: { startTime?: string; endTime?: string } | undefined, leaseEndsAt: string, nowMs: number): SessionState {
  let next = state;
  if (lookup?.startTime) next = { ...next, startedAt: earlier(next.startedAt, lookup.startTime) };
  if (next.endedAt) return next;
  if (lookup?.endTime) return { ...next, endedAt: lookup.endTime, closedBy: "lookup" };
  if (nowMs >= Date.parse(leaseEndsAt) && next.startedAt) return { ...next, endedAt: leaseEndsAt, closedBy: "lease_end" };
  return next;
}

/** Credited practice: sessions are capped at their lease, and the total is whole minutes of the summed seconds. */
export function totals(sessions: { seconds: number; startedAt?: string }[]): { minutes: number; sessions: number; lastAt?: string } {
  const counted = sessions.filter((s) => s.seconds > 0);
  const lastAt = counted.reduce<string | undefined>((latest, s) => (s.startedAt && (!latest || s.startedAt > latest) ? s.startedAt : latest), undefined);
  return { minutes: Math.floor(counted.reduce((n, s) => n + s.seconds, 0) / 60), sessions: counted.length, ...(lastAt ? { lastAt } : {}) };
}
