import { VisibleError } from "../error/index.js";
import { throttleEntity } from "./entity.js";

/** Fixed 15-minute windows: 5 failed sign-ins per account, 30 per source address. */
export const WINDOW_SECONDS = 15 * 60;
export const LIMITS = { account: 5, source: 30 } as const;

function keys(login: string, ip: string | undefined, nowMs: number) {
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const out: { key: string; limit: number }[] = [{ key: `acct:${login}:${window}`, limit: LIMITS.account }];
  if (ip) out.push({ key: `ip:${ip}:${window}`, limit: LIMITS.source });
  return { window, out };
}

/** Throws too_many when the account or the source has used up its failures for this window. */
export async function check(login: string, ip: string | undefined, nowMs: number): Promise<void> {
  const { window, out } = keys(login, ip, nowMs);
  const entity = await throttleEntity();
  const found = await Promise.all(out.map((k) => entity.get({ key: k.key }).go()));
  if (found.some((f, i) => (f.data?.failures ?? 0) >= (out[i]?.limit ?? 0))) {
    const retryAfter = (window + 1) * WINDOW_SECONDS - Math.floor(nowMs / 1000);
    throw new VisibleError("too_many", "auth.throttled", "Too many failed sign-ins. Try again later.", undefined, retryAfter);
  }
}

export async function fail(login: string, ip: string | undefined, nowMs: number): Promise<void> {
  const { window, out } = keys(login, ip, nowMs);
  const expiresAt = (window + 1) * WINDOW_SECONDS + 60;
  const entity = await throttleEntity();
  await Promise.all(out.map((k) => entity.update({ key: k.key }).add({ failures: 1 }).set({ expiresAt }).go()));
}

/** A successful sign-in clears the account's counter (not the source's). */
export async function clear(login: string, nowMs: number): Promise<void> {
  const { out } = keys(login, undefined, nowMs);
  await (await throttleEntity()).delete({ key: out[0]?.key as string }).go();
}

/**
 * A plain rate limit on a public lookup (e.g. certificate verification): every call counts, per
 * scope and source address, in the same fixed windows. Throws too_many once `limit` is spent.
 */
export async function spend(scope: string, source: string | undefined, limit: number, nowMs: number): Promise<void> {
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const expiresAt = (window + 1) * WINDOW_SECONDS + 60;
  const entity = await throttleEntity();
  const out = await entity
    .update({ key: `${scope}:${source ?? "unknown"}:${window}` })
    .add({ failures: 1 })
    .set({ expiresAt })
    .go({ response: "updated_new" });
  if ((out.data.failures ?? 0) > limit) {
    const retryAfter = (window + 1) * WINDOW_SECONDS - Math.floor(nowMs / 1000);
    throw new VisibleError("too_many", `${scope}.throttled`, "Too many look-ups. Try again later.", undefined, retryAfter);
  }
}
