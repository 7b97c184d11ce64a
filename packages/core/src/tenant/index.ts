import { Actor } from "../actor/index.js";
import { notFound, type VisibleError } from "../error/index.js";

export * as Tenant from "./index.js";

/** Who owns an object: a person, an agency, a brand or the platform. */
export type Ref = { kind: "person"; id: string } | { kind: "agency" | "brand"; id: string } | { kind: "platform" } | { kind: "public" };

export interface Rule {
  /** Roles inside an org tenant that may see the object; any member when omitted. */
  roles?: Actor.Role[];
  /** Platform ops may see it too (approvals, disputes). */
  ops?: boolean;
}

export function canSee(ref: Ref, rule: Rule = {}): boolean {
  if (ref.kind === "public") return true;
  const actor = Actor.use();
  if (actor.type !== "person") return false;
  if (rule.ops && Actor.isOps()) return true;
  if (ref.kind === "person") return actor.personID === ref.id;
  if (ref.kind === "platform") return Actor.isOps();
  const role = Actor.roleIn(ref.id);
  return role !== undefined && (!rule.roles || rule.roles.includes(role));
}

/**
 * What a caller gets for an object that is missing or not theirs: NOT_FOUND with `code`, the same
 * either way. A caller whose bearer token was refused (expired, or signed with a rotated key) gets
 * auth.token_invalid instead, again for missing and not-theirs alike, so the client refreshes and
 * asks again rather than concluding the object is gone.
 */
export function hidden(code: string): VisibleError {
  const actor = Actor.use();
  return actor.type === "public" && actor.rejectedToken ? Actor.tokenInvalid() : notFound(code);
}

/**
 * Loads an object and returns it only when it belongs to a tenant the actor may see.
 * Missing and not-yours look the same to the caller: `hidden(code)`.
 */
export async function load<T>(code: string, loader: () => Promise<T | undefined | null>, tenantOf: (item: T) => Ref, rule: Rule = {}): Promise<T> {
  const item = await loader();
  if (item === undefined || item === null || !canSee(tenantOf(item), rule)) throw hidden(code);
  return item;
}

/** For verbs that take only an org id (lists of an org): `hidden(code)` when the actor may not see it. */
export function assert(code: string, ref: Ref, rule: Rule = {}): void {
  if (!canSee(ref, rule)) throw hidden(code);
}

/** The tenant an agency or brand id names (ids are prefixed agy_/brd_). */
export function ofOrg(orgID: string): Ref {
  return { kind: orgID.startsWith("brd_") ? "brand" : "agency", id: orgID };
}
