import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { loginEntity, personEntity } from "./entity.js";
import { type Login, loginKey, parseLogin } from "./login.js";

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
  z.maxLength(254, "Enter a valid email or mainland mobile number"),
  z.refine((raw) => parseLogin(raw) !== undefined, "Enter a valid email or mainland mobile number"),
);

export function toLogin(raw: string): Login {
  const login = parseLogin(raw);
  if (!login) throw new RangeError("login was not validated");
  return login;
}

export const DisplayName = z.string().check(z.trim(), z.minLength(1, "Enter a name"), z.maxLength(40, "At most 40 characters"));

export interface Info {
  personID: string;
  displayName: string;
  email?: string;
  phone?: string;
  city?: string;
  locale: "zh-CN" | "en";
  createdAt: string;
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
  };
}

/** Creates the person and its unique login in one transaction; a taken login is a conflict on `login`. */
export async function create(input: { login: Login; displayName: string; passwordHash: string; city?: string; locale?: "zh-CN" | "en" }): Promise<Info> {
  const personID = Id.create("person");
  const item = {
    personID,
    displayName: input.displayName,
    [input.login.kind]: input.login.value,
    passwordHash: input.passwordHash,
    city: input.city,
    locale: input.locale ?? "zh-CN",
    createdAt: Clock.iso(),
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

/** The logins a person can be invited by. */
export function loginsOf(info: Info): string[] {
  const out: string[] = [];
  if (info.email) out.push(loginKey({ kind: "email", value: info.email }));
  if (info.phone) out.push(loginKey({ kind: "phone", value: info.phone }));
  return out;
}
