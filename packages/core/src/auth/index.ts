import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { isConditionFailure, unauthorized, VisibleError } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Membership } from "../membership/index.js";
import { Person } from "../person/index.js";
import { sessionEntity } from "./entity.js";
import * as Password from "./password.js";
import * as Throttle from "./throttle.js";
import * as Token from "./token.js";

export * as Auth from "./index.js";
export { hash as hashPassword } from "./password.js";
export { revokeSessionsOf } from "./revoke.js";
export { LIMITS as THROTTLE_LIMITS, spend as rateLimit, spendIn as rateLimitIn, WINDOW_SECONDS as THROTTLE_WINDOW_SECONDS } from "./throttle.js";
export { generateSigningJwk, resetKeys } from "./token.js";

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  personID: string;
  memberships: Actor.Membership[];
}

const invalidCredentials = () => new VisibleError("auth", "auth.invalid_credentials", "Wrong email/mobile or password");
const sessionExpired = () => new VisibleError("auth", "auth.session_expired", "Your session has ended. Sign in again.");

async function issue(personID: string, sessionID: string, generation: number, secret: string): Promise<Tokens> {
  const now = Clock.now();
  const memberships = await Membership.ofPerson(personID);
  return {
    accessToken: await Token.signAccess({ personID, sessionID, memberships }, now),
    refreshToken: Token.joinRefresh(sessionID, generation, secret),
    expiresAt: now + Token.ACCESS_TTL_SECONDS * 1000,
    personID,
    memberships,
  };
}

/**
 * A new refresh session and tokens, for verbs that have just proved who the person is: a right
 * password (signIn) or a one-time code to their login (account/: sign-up confirmation, password reset).
 */
export async function startSession(personID: string): Promise<Tokens> {
  const sessionID = Id.create("session");
  const secret = Token.newRefreshSecret();
  const now = Clock.now();
  await (await sessionEntity())
    .create({
      sessionID,
      personID,
      tokenDigest: Token.digest(secret),
      generation: 0,
      createdAt: new Date(now).toISOString(),
      expiresAt: Math.floor(now / 1000) + Token.REFRESH_TTL_SECONDS,
    })
    .go();
  return issue(personID, sessionID, 0, secret);
}

export const SignInSchema = z.object({
  login: Person.LoginSchema,
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(128, "At most 128 characters")),
});

/**
 * Same answer and the same scrypt cost whether the login exists or not. The attempt is taken from
 * the throttle's budgets (login + source, source, login) before any hashing, atomically, so racing
 * calls can't guess more than the budgets allow; a right password gives its attempt back.
 */
export const signIn = fn(SignInSchema, async (input) => {
  const login = Person.toLogin(input.login);
  const password = input.password;
  const attempt = await Throttle.take(Person.loginKey(login), Actor.use().ip, Clock.now());
  const credentials = await Person.credentialsOf(login);
  if (!credentials) await Password.burn(password);
  const ok = credentials ? await Password.verify(password, credentials.passwordHash) : false;
  if (!ok || !credentials) throw invalidCredentials();
  await attempt.succeeded();
  return startSession(credentials.personID);
});

/**
 * The signed-in person proves it's them again (before changing where their money goes): their
 * password, taken from the same throttle budgets as signing in, so a stolen session can't guess it.
 * A wrong password is a per-field error on `password`.
 */
export async function reauthenticate(password: string): Promise<void> {
  const me = await Person.get(Actor.person().personID);
  if (!me) throw unauthorized();
  const login = Person.loginOf(me);
  const attempt = await Throttle.take(Person.loginKey(login), Actor.use().ip, Clock.now());
  const credentials = await Person.credentialsOf(login);
  const ok = credentials?.personID === me.personID && (await Password.verify(password, credentials.passwordHash));
  if (!ok) throw new VisibleError("input", "auth.wrong_password", "Wrong password", { password: "Wrong password" });
  await attempt.succeeded();
}

export const RefreshSchema = z.object({ refreshToken: z.string().check(z.minLength(1), z.maxLength(200)) });

/**
 * Rotates the refresh token. A token is good for one rotation: presenting any earlier generation
 * of the session, or the current one a second time (even in a race, which the web app's cross-tab
 * lock never produces), means it was copied, and the whole session is revoked. A token that was
 * never issued (wrong secret for the current generation, or a generation ahead) is only refused.
 */
export const refresh = fn(RefreshSchema, async ({ refreshToken }) => {
  const parts = Token.splitRefresh(refreshToken);
  if (!parts) throw sessionExpired();
  const entity = await sessionEntity();
  const { data: session } = await entity.get({ sessionID: parts.sessionID }).go();
  const now = Clock.now();
  if (!session || session.revokedAt || session.expiresAt * 1000 <= now) throw sessionExpired();
  const revoke = () =>
    entity
      .patch({ sessionID: session.sessionID })
      .set({ revokedAt: new Date(now).toISOString() })
      .where((a, op) => op.notExists(a.revokedAt))
      .go()
      .catch((e) => {
        if (!isConditionFailure(e)) throw e;
      });
  const generation = session.generation ?? 0;
  if (parts.generation < generation) {
    await revoke();
    throw sessionExpired();
  }
  const presented = Token.digest(parts.secret);
  if (parts.generation > generation || !Token.sameDigest(presented, session.tokenDigest)) throw sessionExpired();
  const secret = Token.newRefreshSecret();
  try {
    await entity
      .patch({ sessionID: session.sessionID })
      .set({ tokenDigest: Token.digest(secret), generation: generation + 1, rotatedAt: new Date(now).toISOString() })
      .where((a, op) => `${op.eq(a.tokenDigest, presented)} AND ${op.notExists(a.revokedAt)}`)
      .go();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    await revoke();
    throw sessionExpired();
  }
  return issue(session.personID, session.sessionID, generation + 1, secret);
});

/** Revokes the caller's refresh session; its access token lapses within ACCESS_TTL_SECONDS. */
export async function signOut(): Promise<{ ok: true }> {
  const { sessionID } = Actor.person();
  await (await sessionEntity())
    .patch({ sessionID })
    .set({ revokedAt: Clock.iso() })
    .go()
    .catch((e) => {
      if (!isConditionFailure(e)) throw e;
    });
  return { ok: true };
}

/** Who the token says the caller is, without a database read (the web shell's first call). */
export async function session(): Promise<{ personID: string; sessionID: string; memberships: Actor.Membership[] }> {
  const { personID, sessionID, memberships } = Actor.person();
  return { personID, sessionID, memberships };
}

/**
 * The actor behind an `Authorization: Bearer` header. An invalid or expired token makes a public
 * actor marked `rejectedToken`: signing in or refreshing still works, and anything that needs a
 * person answers auth.token_invalid (so clients know to refresh).
 */
export async function authenticate(header: string | undefined, ip?: string): Promise<Actor.Info> {
  if (!header) return { type: "public", ip };
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header);
  const claims = match?.[1] ? await Token.verifyAccess(match[1], Clock.now()) : undefined;
  if (!claims) return { type: "public", ip, rejectedToken: true };
  return { type: "person", personID: claims.personID, sessionID: claims.sessionID, memberships: claims.memberships, ip };
}
