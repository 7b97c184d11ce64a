import { createRoot, createSignal } from "solid-js";
import { isSessionEnded, toApiError } from "../api/errors";
import { publicApi } from "../api/public-client";
import type { Tokens } from "../api/types";
import { storage } from "../storage";
import { needsRefresh, parseSession, REFRESH_MARGIN_MS, type Session, toSession } from "./tokens";

const KEY = "zhubo.session";
const LOCK = "zhubo.session.refresh";

const [session, setSignal] = createRoot(() => createSignal<Session | null>(parseSession(storage.get(KEY))));

export { session };

/** Set when the server ended the session (not the person), so sign-in can say why they are there. */
const [ended, setEnded] = createRoot(() => createSignal(false));

export { ended as sessionEnded };

let timer: number | undefined;
let inflight: Promise<Session | null> | undefined;

function adopt(next: Session | null): void {
  setSignal(next);
  window.clearTimeout(timer);
  if (next) timer = window.setTimeout(() => void refreshSession().catch(() => {}), Math.max(0, next.localExpiresAt - Date.now() - REFRESH_MARGIN_MS));
}

function store(next: Session | null): void {
  storage.set(KEY, next ? JSON.stringify(next) : null);
  adopt(next);
}

/** After sign-up, sign-in or refresh. */
export function startSession(tokens: Tokens): Session {
  const next = toSession(tokens, Date.now());
  store(next);
  setEnded(false);
  return next;
}

export function endSession(): void {
  store(null);
}

/** Refresh tokens rotate and a reused one revokes the whole session, so tabs take turns behind a lock. */
async function withLock<T>(cb: () => Promise<T>): Promise<T> {
  return typeof navigator !== "undefined" && navigator.locks ? await navigator.locks.request(LOCK, cb) : cb();
}

async function rotate(stale: string | undefined, force: boolean): Promise<Session | null> {
  const stored = parseSession(storage.get(KEY));
  if (!stored) {
    adopt(null);
    return null;
  }
  if (!force && stored.refreshToken !== stale && !needsRefresh(stored.localExpiresAt, Date.now())) {
    adopt(stored);
    return stored;
  }
  try {
    return startSession(await publicApi.auth.refresh.mutate({ refreshToken: stored.refreshToken }));
  } catch (e) {
    if (isSessionEnded(toApiError(e))) {
      endSession();
      setEnded(true);
      return null;
    }
    throw e;
  }
}

/**
 * One refresh at a time per tab; null when the session has ended and the person must sign in again.
 * `force` (after a membership change) waits for any refresh in flight, then fetches a token that
 * certainly postdates the change instead of adopting one another tab just got.
 */
export function refreshSession(opts: { force?: boolean } = {}): Promise<Session | null> {
  if (inflight && !opts.force) return inflight;
  const previous = inflight;
  const stale = session()?.refreshToken;
  const run = async () => {
    await previous?.catch(() => undefined);
    return withLock(() => rotate(stale, opts.force ?? false));
  };
  const current: Promise<Session | null> = run().finally(() => {
    if (inflight === current) inflight = undefined;
  });
  inflight = current;
  return current;
}

/** The token to send now, refreshed first when it is about to lapse. */
export async function accessToken(): Promise<string | undefined> {
  if (inflight) await inflight.catch(() => undefined);
  let current = session();
  if (current && needsRefresh(current.localExpiresAt, Date.now())) current = await refreshSession().catch(() => session());
  return current?.accessToken;
}

window.addEventListener("storage", (e) => {
  if (e.key === KEY) adopt(parseSession(e.newValue));
});

const initial = session();
if (initial) adopt(initial);
