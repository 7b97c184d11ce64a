import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Auth } from "../auth/index.js";
import { Clock } from "../clock/index.js";
import { VisibleError } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Messaging } from "../messaging/index.js";
import { Person } from "../person/index.js";
import { CodeSchema, consume, invalidCode, issue } from "./code.js";

export { CODE_TTL_SECONDS, CodeSchema, MAX_TRIES } from "./code.js";
export * as Account from "./index.js";

/**
 * Sign-up, proving a login with a one-time code, and password reset. Public verbs answer the same
 * whether the login has an account or not, and spend the same budgets either way, so neither the
 * answer nor a throttle tells who is registered.
 */
export const LIMITS = {
  signUpsPerSource: { limit: 10, windowSeconds: 60 * 60 },
  /** Codes and notices to one email or mobile number, whoever asks. */
  sendsPerLoginMinute: { limit: 1, windowSeconds: 60 },
  sendsPerLoginHour: { limit: 5, windowSeconds: 60 * 60 },
  /** Codes and notices one source address can trigger, to any logins. */
  sendsPerSource: { limit: 20, windowSeconds: 60 * 60 },
  /** Codes one source address can try, on any logins. */
  checksPerSource: { limit: 30, windowSeconds: 15 * 60 },
} as const;

const NewPassword = z.string().check(z.minLength(8, "At least 8 characters"), z.maxLength(128, "At most 128 characters"));
const Locale = z.optional(z.enum(["zh-CN", "en"]));

/**
 * Budgets per source address apply where the transport knows it (API Gateway and the local server
 * always do); in-process callers (tests, seed, scripts) have none and skip them.
 */
async function perSource(name: string, budget: { limit: number; windowSeconds: number }, code: string, message: string): Promise<void> {
  const ip = Actor.use().ip;
  if (ip) await Auth.rateLimitIn(`${name} ${ip}`, budget, Clock.now(), code, message);
}

/** Spent before anything is looked up, for every login asked about, existing or not. */
async function spendSend(login: Person.Login): Promise<void> {
  const now = Clock.now();
  await perSource("code-send-source", LIMITS.sendsPerSource, "account.send_throttled", "Too many codes requested from this network. Try again later.");
  const key = `code-send ${Person.loginKey(login)}`;
  const message = "A code was sent a moment ago: wait before asking for another.";
  await Auth.rateLimitIn(key, LIMITS.sendsPerLoginMinute, now, "account.send_throttled", message);
  await Auth.rateLimitIn(key, LIMITS.sendsPerLoginHour, now, "account.send_throttled", message);
}

const checking = () => perSource("code-check", LIMITS.checksPerSource, "account.check_throttled", "Too many codes tried from this network. Try again later.");

/** What every code-sending verb answers: where to look, never whether an account is behind it. */
const sent = (login: Person.Login) => ({ status: "code_sent" as const, channel: login.kind });

async function sendCode(login: Person.Login, personID: string, locale: Messaging.Locale): Promise<void> {
  const code = await issue("verify_login", Person.loginKey(login), personID);
  await Messaging.send({ to: login, template: "verify_login", params: { code }, locale });
}

/** The owner of a taken login hears about the attempt (in their language) instead of a new account being made. */
async function tellOwner(login: Person.Login, fallback: Messaging.Locale): Promise<void> {
  const ownerID = await Person.byLogin(login);
  const owner = ownerID ? await Person.get(ownerID) : undefined;
  await Messaging.send({ to: login, template: "sign_up_attempt", params: {}, locale: owner?.locale ?? fallback });
}

/** The user agreement and privacy policy in force (web/src/pages/legal.tsx shows this version); sign-up records it with the time. */
export const TERMS_VERSION = "2026-12-01";

export const SignUpSchema = z.object({
  login: Person.LoginSchema,
  /** The person ticked "I agree to the user agreement and privacy policy" (PIPL: consent before processing). */
  agree: z.literal(true, "Agree to the user agreement and privacy policy to sign up"),
  password: NewPassword,
  displayName: Person.DisplayName,
  city: z.optional(z.enum(Person.cities)),
  locale: Locale,
});

/**
 * Makes an unverified account and sends its login a code; no tokens until the code comes back
 * (confirmSignUp). For a login that already has an account nothing is made and its owner gets a
 * notice instead; the caller gets the same answer after the same work (a password hash, one
 * transaction, one message), so sign-up no longer tells who is registered.
 */
export const signUp = fn(SignUpSchema, async (input) => {
  const login = Person.toLogin(input.login);
  const locale = input.locale ?? "zh-CN";
  await perSource("sign-up", LIMITS.signUpsPerSource, "account.sign_up_throttled", "Too many sign-ups from this network. Try again later.");
  await spendSend(login);
  const passwordHash = await Auth.hashPassword(input.password);
  let person: Person.Info | undefined;
  try {
    person = await Person.create({ login, displayName: input.displayName, passwordHash, city: input.city, locale, consentVersion: TERMS_VERSION });
  } catch (e) {
    if (!(e instanceof VisibleError && e.code === "person.login_taken")) throw e;
  }
  if (person) await sendCode(login, person.personID, locale);
  else await tellOwner(login, locale);
  return sent(login);
});

const LoginAndCode = z.object({ login: Person.LoginSchema, code: CodeSchema });

/** The code from sign-up (or a resend) proves the login: it is marked verified and signed in. */
export const confirmSignUp = fn(LoginAndCode, async (input) => {
  await checking();
  const personID = await consume("verify_login", Person.loginKey(Person.toLogin(input.login)), input.code);
  await Person.markVerified(personID);
  return Auth.startSession(personID);
});

/**
 * Another sign-up code for a login, from the verify step before signing in. Same answer for every
 * login: an unverified account gets a new code, a verified one its owner's notice, none nothing.
 */
export const resendSignUpCode = fn(z.object({ login: Person.LoginSchema }), async (input) => {
  const login = Person.toLogin(input.login);
  await spendSend(login);
  const personID = await Person.byLogin(login);
  const person = personID ? await Person.get(personID) : undefined;
  if (person && !person.verifiedAt) await sendCode(login, person.personID, person.locale);
  else if (person) await tellOwner(login, person.locale);
  return sent(login);
});

/** A signed-in, unverified person asks for a code to their own login (the home page's banner). */
export const requestVerification = fn(z.object({}), async () => {
  const me = await Person.me();
  const login = Person.loginOf(me);
  if (me.verifiedAt) return { status: "verified" as const, channel: login.kind };
  await spendSend(login);
  await sendCode(login, me.personID, me.locale);
  return sent(login);
});

/** The signed-in person enters the code: their login is verified. */
export const confirmVerification = fn(z.object({ code: CodeSchema }), async (input) => {
  await checking();
  const me = await Person.me();
  const personID = await consume("verify_login", Person.loginKey(Person.loginOf(me)), input.code);
  if (personID !== me.personID) throw invalidCode();
  await Person.markVerified(personID);
  return Person.me();
});

/** Forgot password: a reset code to the login if it has an account; the same answer if it hasn't. */
export const requestPasswordReset = fn(z.object({ login: Person.LoginSchema }), async (input) => {
  const login = Person.toLogin(input.login);
  await spendSend(login);
  const personID = await Person.byLogin(login);
  const person = personID ? await Person.get(personID) : undefined;
  if (person) {
    const code = await issue("reset_password", Person.loginKey(login), person.personID);
    await Messaging.send({ to: login, template: "reset_password", params: { code }, locale: person.locale });
  }
  return sent(login);
});

/**
 * The reset code sets a new password, verifies the login (the code proved it), ends every other
 * session of the person (whoever knew the old password is signed out) and signs this device in.
 */
export const resetPassword = fn(z.object({ login: Person.LoginSchema, code: CodeSchema, password: NewPassword }), async (input) => {
  await checking();
  const personID = await consume("reset_password", Person.loginKey(Person.toLogin(input.login)), input.code);
  await Person.resetPassword(personID, await Auth.hashPassword(input.password));
  await Auth.revokeSessionsOf(personID);
  return Auth.startSession(personID);
});
