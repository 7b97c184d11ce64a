import { isConditionFailure, VisibleError } from "../error/index.js";
import { throttleEntity } from "./entity.js";

/**
 * Sign-in budgets (OWASP Authentication Cheat Sheet, "Account Lockout": count against the account,
 * not only the address, and don't hand strangers a lock-out button):
 * - one login from one source: 5 attempts per 15 minutes (the owner's typos; one address guessing one account);
 * - one source, any login: 30 per 15 minutes (password spraying from one address);
 * - one login from all sources: 50 per hour, so distributed guessing stays bounded (at most 1,200 a
 *   day) while an attacker at one address can spend only 20 an hour on it: locking the owner out
 *   takes three or more addresses guessing for the whole hour.
 * Each is a fixed window counted in DynamoDB and expired by the table's TTL.
 */
export const BUDGETS = {
  loginSource: { limit: 5, windowSeconds: 15 * 60 },
  source: { limit: 30, windowSeconds: 15 * 60 },
  login: { limit: 50, windowSeconds: 60 * 60 },
} as const;
export const LIMITS = { loginSource: BUDGETS.loginSource.limit, source: BUDGETS.source.limit, login: BUDGETS.login.limit } as const;
export const WINDOW_SECONDS = BUDGETS.loginSource.windowSeconds;

interface Counter {
  key: string;
  limit: number;
  /** Epoch seconds when this counter's window closes. */
  endsAt: number;
}

/** Keys are separated by spaces, which neither a normalised login nor an address contains. */
function counters(login: string, ip: string | undefined, nowMs: number): Counter[] {
  const at = (name: keyof typeof BUDGETS, subject: string): Counter => {
    const { limit, windowSeconds } = BUDGETS[name];
    const window = Math.floor(nowMs / 1000 / windowSeconds);
    return { key: `signin ${name} ${subject} ${window}`, limit, endsAt: (window + 1) * windowSeconds };
  };
  const out = [at("loginSource", `${login} ${ip ?? "unknown"}`)];
  if (ip) out.push(at("source", ip));
  out.push(at("login", login));
  return out;
}

const throttled = (retryAfterSeconds: number) =>
  new VisibleError("too_many", "auth.throttled", "Too many failed sign-ins. Try again later.", undefined, Math.max(1, retryAfterSeconds));

async function refund(taken: Counter[]): Promise<void> {
  const entity = await throttleEntity();
  await Promise.all(
    taken.map((c) =>
      entity
        .update({ key: c.key })
        .add({ failures: -1 })
        .where((a, op) => op.gt(a.failures, 0))
        .go()
        .catch((e) => {
          if (!isConditionFailure(e)) throw e;
        }),
    ),
  );
}

export interface Attempt {
  /** The password was right: give the attempt back, so the owner's own sign-ins never use up a budget. */
  succeeded(): Promise<void>;
}

/**
 * Takes one attempt from every budget before the password is checked, each a conditional increment
 * that refuses at the limit, so however many calls race, at most `limit` of them get past a
 * counter. A refused attempt gives back what it took (the per-login budget is taken last, so a
 * source that has spent its own budget never touches it). A failed password keeps its attempt.
 */
export async function take(login: string, ip: string | undefined, nowMs: number): Promise<Attempt> {
  const entity = await throttleEntity();
  const taken: Counter[] = [];
  for (const c of counters(login, ip, nowMs)) {
    try {
      await entity
        .update({ key: c.key })
        .add({ failures: 1 })
        .set({ expiresAt: c.endsAt + 60 })
        .where((a, op) => `${op.notExists(a.failures)} OR ${op.lt(a.failures, c.limit)}`)
        .go();
    } catch (e) {
      await refund(taken);
      if (isConditionFailure(e)) throw throttled(c.endsAt - Math.floor(nowMs / 1000));
      throw e;
    }
    taken.push(c);
  }
  return { succeeded: () => refund(taken) };
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

/**
 * A budget of `limit` calls per fixed window of `windowSeconds` for one key (sign-ups per source,
 * codes per destination): a conditional increment that refuses at the limit, so racing calls never
 * get more than `limit` through. Throws too_many with `code` and the seconds left in the window.
 */
export async function spendIn(key: string, budget: { limit: number; windowSeconds: number }, nowMs: number, code: string, message: string): Promise<void> {
  const window = Math.floor(nowMs / 1000 / budget.windowSeconds);
  const endsAt = (window + 1) * budget.windowSeconds;
  try {
    await (await throttleEntity())
      .update({ key: `${key} ${budget.windowSeconds} ${window}` })
      .add({ failures: 1 })
      .set({ expiresAt: endsAt + 60 })
      .where((a, op) => `${op.notExists(a.failures)} OR ${op.lt(a.failures, budget.limit)}`)
      .go();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    throw new VisibleError("too_many", code, message, undefined, Math.max(1, endsAt - Math.floor(nowMs / 1000)));
  }
}
