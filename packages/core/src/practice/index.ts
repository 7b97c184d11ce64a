import { Clock } from "../clock/index.js";
import { isConditionFailure } from "../error/index.js";
import { Stream } from "../stream/index.js";
import { importedLease, incompleteSessionsOf, recentlyEnded, settle } from "./credit.js";
import { streamSessionEntity } from "./entity.js";
import { toLedgerEvent } from "./events.js";
import { endDue } from "./lease.js";
import { apply, empty, type LedgerEvent, reconcile as reconcileState, type SessionState } from "./ledger.js";

export { LATE_MINUTES, mySessions } from "./credit.js";
export type { IvsEvent } from "./events.js";
export * as Practice from "./index.js";
export { BLOCK_MINUTES, BookSchema, book, cancel, EARLY_MINUTES, type Lease, live, mine, open, poolSize, readiness } from "./lease.js";
export { counts, type SessionState, seconds, totals } from "./ledger.js";
export { check as checkIngest, ready } from "./readiness.js";
export { myReviews, ReviewSchema, review, reviewedSession, sessions } from "./review.js";

const MAX_ATTEMPTS = 20;

async function read(channelArn: string, streamId: string): Promise<(SessionState & { version: number }) | undefined> {
  const found = await (await streamSessionEntity()).get({ channelArn, streamId }).go();
  return (found.data as (SessionState & { version: number }) | null) ?? undefined;
}

/**
 * Read, apply, write only if nobody wrote meanwhile (version check), else again: concurrent and
 * duplicated deliveries of one session's events all land, each exactly once.
 */
async function update(channelArn: string, streamId: string, change: (state: SessionState) => SessionState): Promise<SessionState> {
  const entity = await streamSessionEntity();
  for (let attempt = 1; ; attempt++) {
    const current = await read(channelArn, streamId);
    const before = current ?? { ...empty(channelArn, streamId), version: 0 };
    const next = change(before);
    if (next === before || JSON.stringify({ ...next, version: before.version }) === JSON.stringify(before)) return before;
    const item = { ...next, version: before.version + 1, updatedAt: Clock.iso() };
    try {
      if (current) {
        await entity
          .put(item)
          .where((a, op) => op.eq(a.version, before.version))
          .go();
      } else {
        await entity.create(item).go();
      }
      return item;
    } catch (e) {
      if (!isConditionFailure(e) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** Records one IVS event (EventBridge envelope, cloud or local). Idempotent per event id; a closed session is credited. */
export async function record(raw: unknown): Promise<SessionState | undefined> {
  const event: LedgerEvent | undefined = toLedgerEvent(raw);
  if (!event) return undefined;
  const state = await update(event.channelArn, event.streamId, (s) => apply(s, event));
  await settle(state);
  return state;
}

export async function session(channelArn: string, streamId: string): Promise<SessionState | undefined> {
  return read(channelArn, streamId);
}

/**
 * Completes a session whose end — or start — never arrived, from the provider's look-up and,
 * once the lease is over, the lease's own times.
 */
export async function reconcile(
  channelArn: string,
  streamId: string,
  lookup: { startTime?: string; endTime?: string } | undefined,
  lease: { startsAt: string; endsAt: string },
): Promise<SessionState> {
  const state = await update(channelArn, streamId, (s) => reconcileState(s, lookup, lease, Clock.now()));
  await settle(state);
  return state;
}

/**
 * The expiry job (a schedule in the cloud, a timer on the laptop): ends due leases and completes
 * the sessions whose end — or start — events never came, on those leases and on leases that
 * ended within LATE_MINUTES (IVS delivers events hours late: a session may appear only then).
 */
export async function expireDue(): Promise<number> {
  const ended = await endDue();
  const seen = new Set<string>();
  for (const lease of [...ended, ...(await recentlyEnded())]) {
    if (seen.has(lease.leaseID)) continue;
    seen.add(lease.leaseID);
    for (const open of await incompleteSessionsOf(lease)) {
      const lookup = await Stream.provider().streamSession(lease.channelArn, open.streamId);
      await reconcile(lease.channelArn, open.streamId, lookup, lease);
    }
  }
  return ended.length;
}

/**
 * A practice session that happened without the platform seeing it live (demo data), credited
 * through the same ledger path as a streamed one (see credit.ts importedLease).
 */
export async function importSession(input: Parameters<typeof importedLease>[0]): Promise<SessionState | undefined> {
  let state: SessionState | undefined;
  for (const event of await importedLease(input)) state = await record(event);
  return state;
}
