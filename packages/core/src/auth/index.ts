import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { isConditionFailure, VisibleError } from "../error/index.js";
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
export { LIMITS as THROTTLE_LIMITS, spend as rateLimit, WINDOW_SECONDS as THROTTLE_WINDOW_SECONDS } from "./throttle.js";
export { generateSigningJwk, resetKeys } from "./token.js";

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  personID: string;
  memberships: Actor.Membership[];
}

const Password8 = z.string().check(z.minLength(8, "At least 8 characters"), z.maxLength(128, "At most 128 characters"));

const invalidCredentials = () => new VisibleError("auth", "auth.invalid_credentials", "Wrong email/mobile or password");
const sessionExpired = () => new VisibleError("auth", "auth.session_expired", "Your session has ended. Sign in again.");

async function issue(personID: string, sessionID: string, secret: string): Promise<Tokens> {
  const now = Clock.now();
  const memberships = await Membership.ofPerson(personID);
  return {
    accessToken: await Token.signAccess({ personID, sessionID, memberships }, now),
    refreshToken: `${sessionID}.${secret}`,
    expiresAt: now + Token.ACCESS_TTL_SECONDS * 1000,
    personID,
    memberships,
  };
}

async function startSession(personID: string): Promise<Tokens> {
  const sessionID = Id.create("session");
  const secret = Token.newRefreshSecret();
  const now = Clock.now();
  await (await sessionEntity())
    .create({
      sessionID,
      personID,
      tokenDigest: Token.digest(secret),
      createdAt: new Date(now).toISOString(),
      expiresAt: Math.floor(now / 1000) + Token.REFRESH_TTL_SECONDS,
    })
    .go();
  return issue(personID, sessionID, secret);
}

export const SignUpSchema = z.object({
  login: Person.LoginSchema,
  password: Password8,
  displayName: Person.DisplayName,
  city: z.optional(z.enum(Person.cities)),
  locale: z.optional(z.enum(["zh-CN", "en"])),
});

export const signUp = fn(SignUpSchema, async (input) => {
  const passwordHash = await Password.hash(input.password);
  const person = await Person.create({ ...input, login: Person.toLogin(input.login), passwordHash });
  return startSession(person.personID);
});

export const SignInSchema = z.object({
  login: Person.LoginSchema,
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(128, "At most 128 characters")),
});

/**
 * Same answer and the same scrypt cost whether the login exists or not; failures count
 * against the login and the source address, and a throttled login is refused before any hashing.
 */
export const signIn = fn(SignInSchema, async (input) => {
  const login = Person.toLogin(input.login);
  const password = input.password;
  const key = Person.loginKey(login);
  const ip = Actor.use().ip;
  await Throttle.check(key, ip, Clock.now());
  const credentials = await Person.credentialsOf(login);
  if (!credentials) await Password.burn(password);
  const ok = credentials ? await Password.verify(password, credentials.passwordHash) : false;
  if (!ok || !credentials) {
    await Throttle.fail(key, ip, Clock.now());
    throw invalidCredentials();
  }
  await Throttle.clear(key, Clock.now());
  return startSession(credentials.personID);
});

export const RefreshSchema = z.object({ refreshToken: z.string().check(z.minLength(1), z.maxLength(200)) });

/**
 * Rotates the refresh token. Presenting an already-rotated token means it leaked:
 * the whole session is revoked.
 */
export const refresh = fn(RefreshSchema, async ({ refreshToken }) => {
  const parts = Token.splitRefresh(refreshToken);
  if (!parts) throw sessionExpired();
  const entity = await sessionEntity();
  const { data: session } = await entity.get({ sessionID: parts.sessionID }).go();
  const now = Clock.now();
  if (!session || session.revokedAt || session.expiresAt * 1000 <= now) throw sessionExpired();
  const presented = Token.digest(parts.secret);
  if (!Token.sameDigest(presented, session.tokenDigest)) {
    if (session.previousDigest && Token.sameDigest(presented, session.previousDigest)) {
      await entity
        .patch({ sessionID: session.sessionID })
        .set({ revokedAt: new Date(now).toISOString() })
        .go();
    }
    throw sessionExpired();
  }
  const secret = Token.newRefreshSecret();
  try {
    await entity
      .patch({ sessionID: session.sessionID })
      .set({ tokenDigest: Token.digest(secret), previousDigest: presented, rotatedAt: new Date(now).toISOString() })
      .where((a, op) => `${op.eq(a.tokenDigest, presented)} AND ${op.notExists(a.revokedAt)}`)
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw sessionExpired();
    throw e;
  }
  return issue(session.personID, session.sessionID, secret);
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
