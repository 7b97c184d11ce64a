import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, forbidden, isConditionFailure, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Text } from "../text/index.js";
import { loginEntity, personEntity } from "./entity.js";
import { hasHiddenCharacters, LOGIN_MESSAGES, type Login, loginKey, mixesScripts, parseLogin } from "./login.js";

export * as Person from "./index.js";
export { type Login, loginKey, parseLogin } from "./login.js";

export const cities = [
  "suzhou",
  "nanjing",
  "wuxi",
  "changzhou",
  "nantong",
  "yangzhou",
  "zhenjiang",
  "taizhou",
  "yancheng",
  "huaian",
  "lianyungang",
  "xuzhou",
  "suqian",
  "shanghai",
  "hangzhou",
  "other",
] as const;
export type City = (typeof cities)[number];
/** Jiangsu's 13 prefecture-level cities: the first 13 of `cities`. */
export const jiangsu = cities.slice(0, 13) as Exclude<City, "shanghai" | "hangzhou" | "other">[];

/** Validated here, normalised by `toLogin` in the verb: schemas stay transform-free so transports can reuse them. */
export const LoginSchema = z.string().check(
  z.maxLength(254, LOGIN_MESSAGES.shape),
  z.refine((raw) => !hasHiddenCharacters(raw), LOGIN_MESSAGES.hidden),
  z.refine((raw) => !mixesScripts(raw), LOGIN_MESSAGES.mixed),
  z.refine((raw) => parseLogin(raw) !== undefined, LOGIN_MESSAGES.shape),
);

export function toLogin(raw: string): Login {
  const login = parseLogin(raw);
  if (!login) throw new RangeError("login was not validated");
  return login;
}

export const DisplayName = Text.line({ min: 1, short: "Enter a name", max: 40 });

export interface Info {
  personID: string;
  displayName: string;
  email?: string;
  phone?: string;
  city?: string;
  locale: "zh-CN" | "en";
  createdAt: string;
  /** Set once the person proved they own their login (a one-time code); until then they can learn but not be invited, listed or paid. */
  verifiedAt?: string;
  /** The version of the user agreement and privacy policy agreed to at sign-up, and when. */
  consentVersion?: string;
  consentAt?: string;
}

/** Picks the public fields: the stored item also carries the password hash. */
function toInfo(item: Info): Info {
  return {
    personID: item.personID,
    displayName: item.displayName,
    email: item.email,
    phone: item.phone,
    city: item.city,
    locale: item.locale,
    createdAt: item.createdAt,
    verifiedAt: item.verifiedAt,
    consentVersion: item.consentVersion,
    consentAt: item.consentAt,
  };
}

/** Creates the person and its unique login in one transaction; a taken login is a conflict on `login`. */
export async function create(input: {
  login: Login;
  displayName: string;
  passwordHash: string;
  city?: string;
  locale?: "zh-CN" | "en";
  /** Only for accounts whose login is known to be theirs (seeded demo accounts). */
  verified?: boolean;
  /** The terms' version agreed to at sign-up (recorded with the time). */
  consentVersion?: string;
}): Promise<Info> {
  const personID = Id.create("person");
  const item = {
    personID,
    displayName: input.displayName,
    [input.login.kind]: input.login.value,
    passwordHash: input.passwordHash,
    city: input.city,
    locale: input.locale ?? "zh-CN",
    createdAt: Clock.iso(),
    ...(input.verified ? { verifiedAt: Clock.iso() } : {}),
    ...(input.consentVersion ? { consentVersion: input.consentVersion, consentAt: Clock.iso() } : {}),
  };
  const rejected = await Dynamo.transact(await personEntity(), [
    Dynamo.commit((await loginEntity()).create({ login: loginKey(input.login), personID })),
    Dynamo.commit((await personEntity()).create(item)),
  ]);
  if (rejected !== -1) throw conflict("person.login_taken", "This email or mobile number already has an account", { login: "Already registered" });
  return toInfo(item as Info);
}

/** For sign-in only: the person and their password hash behind a login. */
export async function credentialsOf(login: Login): Promise<{ personID: string; passwordHash: string } | undefined> {
  const found = await (await loginEntity()).get({ login: loginKey(login) }).go();
  if (!found.data) return undefined;
  const person = await (await personEntity()).get({ personID: found.data.personID }).go();
  return person.data ? { personID: person.data.personID, passwordHash: person.data.passwordHash } : undefined;
}

export async function byLogin(login: Login): Promise<string | undefined> {
  const found = await (await loginEntity()).get({ login: loginKey(login) }).go();
  return found.data?.personID;
}

/** Other modules read a person's public fields through this (never the hash). */
export async function get(personID: string): Promise<Info | undefined> {
  const found = await (await personEntity()).get({ personID }).go();
  return found.data ? toInfo(found.data) : undefined;
}

export async function me(): Promise<Info> {
  const info = await get(Actor.person().personID);
  if (!info) throw notFound("person.not_found");
  return info;
}

export const updateProfile = fn(
  z.object({
    displayName: z.optional(DisplayName),
    city: z.optional(z.enum(cities)),
    locale: z.optional(z.enum(["zh-CN", "en"])),
  }),
  async (input) => {
    const { personID } = Actor.person();
    await (await personEntity()).patch({ personID }).set(input).go();
    return me();
  },
);

/** Marks the person's login verified (first time only: verifiedAt keeps the first proof). */
export async function markVerified(personID: string): Promise<void> {
  await (await personEntity())
    .patch({ personID })
    .set({ verifiedAt: Clock.iso() })
    .where((a, op) => op.notExists(a.verifiedAt))
    .go()
    .catch((e) => {
      if (!isConditionFailure(e)) throw e;
    });
}

/** A new password after a one-time code proved the login is theirs (which also verifies it). */
export async function resetPassword(personID: string, passwordHash: string): Promise<void> {
  await (await personEntity()).patch({ personID }).set({ passwordHash }).go();
  await markVerified(personID);
}

export const unverified = () =>
  forbidden("person.unverified", "Verify your email or mobile number first: we sent you a code, or ask for a new one on your home page");

/**
 * For what needs a proven login: accepting an invitation, a listed host card, taking paid work and
 * (later) payouts. Verification never goes away, so checking it before a write is not a race.
 */
export async function assertVerified(personID = Actor.person().personID): Promise<Info> {
  const info = await get(personID);
  if (!info) throw notFound("person.not_found");
  if (!info.verifiedAt) throw unverified();
  return info;
}

/** The login a person signs in with (one per person): where their codes and notices go. */
export function loginOf(info: Info): Login {
  return info.email ? { kind: "email", value: info.email } : { kind: "phone", value: info.phone as string };
}

/** The logins a person can be invited by. */
export function loginsOf(info: Info): string[] {
  const out: string[] = [];
  if (info.email) out.push(loginKey({ kind: "email", value: info.email }));
  if (info.phone) out.push(loginKey({ kind: "phone", value: info.phone }));
  return out;
}
