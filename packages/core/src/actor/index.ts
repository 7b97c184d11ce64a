import { AsyncLocalStorage } from "node:async_hooks";
import { unauthorized } from "../error/index.js";

export * as Actor from "./index.js";

export type OrgKind = "agency" | "brand" | "platform";
export type Role = "admin" | "instructor" | "member" | "ops";

export interface Membership {
  orgID: string;
  kind: OrgKind;
  role: Role;
}

export interface PublicActor {
  type: "public";
  ip?: string;
  /** A bearer token came but failed verification: public verbs still work, person verbs say why. */
  rejectedToken?: boolean;
}

export interface PersonActor {
  type: "person";
  personID: string;
  sessionID: string;
  memberships: Membership[];
  ip?: string;
}

/**
 * zhubo itself, reacting to an event (a subscriber) or running a job: named after the reaction,
 * never the person whose change caused it. It is nobody's tenant: verbs it calls act on the ids
 * the event carries.
 */
export interface SystemActor {
  type: "system";
  name: string;
  ip?: undefined;
}

export type Info = PublicActor | PersonActor | SystemActor;

const storage = new AsyncLocalStorage<Info>();

export function provide<R>(actor: Info, cb: () => R): R {
  return storage.run(actor, cb);
}

export function use(): Info {
  return storage.getStore() ?? { type: "public" };
}

/** The answer for a caller whose bearer token was refused: the client refreshes and asks again. */
export const tokenInvalid = () => unauthorized("auth.token_invalid", "Your sign-in has expired");

/** The signed-in person, or an auth error. */
export function person(): PersonActor {
  const actor = use();
  if (actor.type === "person") return actor;
  throw actor.type === "public" && actor.rejectedToken ? tokenInvalid() : unauthorized();
}

export function roleIn(orgID: string): Role | undefined {
  const actor = use();
  if (actor.type !== "person") return undefined;
  return actor.memberships.find((m) => m.orgID === orgID)?.role;
}

/** A caller whose token was refused can't be told "no" (they may well be ops): auth.token_invalid. */
export function isOps(): boolean {
  const actor = use();
  if (actor.type === "public" && actor.rejectedToken) throw tokenInvalid();
  return actor.type === "person" && actor.memberships.some((m) => m.kind === "platform" && m.role === "ops");
}
