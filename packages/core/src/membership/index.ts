import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, forbidden, notFound } from "../error/index.js";
import { Event } from "../event/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { invitationEntity, membershipEntity } from "./entity.js";

export * as Membership from "./index.js";

export const INVITATION_TTL_DAYS = 14;
const PAGE = 50;

export interface Info {
  personID: string;
  orgID: string;
  kind: Actor.OrgKind;
  role: Actor.Role;
  displayName: string;
  createdAt: string;
}

const orgID = Id.schema("organisation", "agency", "brand");
const cursor = Page.cursor;

/** The memberships a token carries; read at sign-in and on every refresh. */
export async function ofPerson(personID: string): Promise<Actor.Membership[]> {
  const result = await (await membershipEntity()).query.membershipsOfPerson({ personID }).go({ pages: "all" });
  return result.data.map((m) => ({ orgID: m.orgID, kind: m.kind, role: m.role }));
}

/** A person's membership of an org, or undefined: one GetItem (instructor checks). */
export async function of(personID: string, orgID: string): Promise<Info | undefined> {
  const found = await (await membershipEntity()).get({ personID, orgID }).go();
  return found.data ?? undefined;
}

/** A transaction item granting a membership, for verbs that create an org and its first admin atomically. */
export async function grantCommit(input: Omit<Info, "createdAt">) {
  return Dynamo.commit((await membershipEntity()).create({ ...input, createdAt: Clock.iso() }));
}

/** Grants a membership outside a transaction (seeding ops, tests). Idempotent. */
export async function grant(input: Omit<Info, "createdAt">): Promise<void> {
  await (await membershipEntity()).put({ ...input, createdAt: Clock.iso() }).go();
}

export const members = fn(z.object({ orgID, cursor }), async ({ orgID, cursor }) => {
  Tenant.assert("org.not_found", Tenant.ofOrg(orgID), { ops: true });
  const q = Page.query("org.members", orgID);
  const page = await (await membershipEntity()).query.membersOfOrg({ orgID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  return { items: page.data as Info[], cursor: Page.seal(q, page.cursor) };
});

/** The people of an org with one of `roles` (all roles when empty), for reactions that tell them something; at most `limit`. */
export async function peopleOf(orgID: string, roles: Actor.Role[] = [], limit = 100): Promise<string[]> {
  const page = await (await membershipEntity()).query.membersOfOrg({ orgID }).go({ limit });
  return page.data.filter((m) => !roles.length || roles.includes(m.role)).map((m) => m.personID);
}

/** An invitation to an org reached a login that already has an account (ids only: never the login). */
export const Invited = Event.define(
  "membership.invited",
  1,
  z.object({ orgID: z.string(), personID: z.string(), role: z.enum(["admin", "instructor", "member"]) }),
);

const invitable = z.enum(["admin", "instructor", "member"]);

export const InviteSchema = z.object({ orgID, login: Person.LoginSchema, role: invitable });

/** Stores an invitation; called by Org.invite, which has checked the org and knows its name. */
export async function invite(input: z.output<typeof InviteSchema> & { orgName: string }) {
  const tenant = Tenant.ofOrg(input.orgID);
  Tenant.assert("org.not_found", tenant, { roles: ["admin"] });
  const kind = tenant.kind === "brand" ? "brand" : "agency";
  if (kind === "agency" && input.role === "member") throw invalid([{ path: ["role"], message: "Agencies invite admins or instructors" }]);
  if (kind === "brand" && input.role === "instructor") throw invalid([{ path: ["role"], message: "Brands invite admins or members" }]);
  const now = Clock.now();
  const item = {
    orgID: input.orgID,
    login: Person.loginKey(Person.toLogin(input.login)),
    kind,
    orgName: input.orgName,
    role: input.role,
    invitedBy: Actor.person().personID,
    createdAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + INVITATION_TTL_DAYS * 86400,
  } as const;
  const invitations = await invitationEntity();
  const invitee = await Person.byLogin(Person.toLogin(input.login));
  const rejected = await Dynamo.transact(invitations, [
    Dynamo.commit(invitations.put(item)),
    ...(invitee ? [await Event.create(Invited, { orgID: input.orgID, personID: invitee, role: input.role })] : []),
  ]);
  if (rejected !== -1) throw new Error(`invitation failed on item ${rejected}`);
  return item;
}

export const invitations = fn(z.object({ orgID, cursor }), async ({ orgID, cursor }) => {
  Tenant.assert("org.not_found", Tenant.ofOrg(orgID), { roles: ["admin"], ops: true });
  const q = Page.query("org.invitations", orgID);
  const page = await (await invitationEntity()).query.invitationsOfOrg({ orgID }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  const now = Math.floor(Clock.now() / 1000);
  return { items: page.data.filter((i) => i.expiresAt > now), cursor: Page.seal(q, page.cursor) };
});

/**
 * Invitations addressed to any of the signed-in person's logins, not yet expired; none until the
 * login is verified (whoever signed up with someone else's email must not even see their invitations).
 */
export async function myInvitations() {
  const me = await Person.me();
  if (!me.verifiedAt) return [];
  const now = Math.floor(Clock.now() / 1000);
  const invitations = await invitationEntity();
  const pages = await Promise.all(Person.loginsOf(me).map((login) => invitations.query.invitationsForLogin({ login }).go({ limit: PAGE })));
  return pages.flatMap((p) => p.data).filter((i) => i.expiresAt > now);
}

export const accept = fn(z.object({ orgID }), async ({ orgID }) => {
  const me = await Person.assertVerified();
  const found = (await myInvitations()).find((i) => i.orgID === orgID);
  if (!found) throw notFound("invitation.not_found");
  const rejected = await Dynamo.transact(await membershipEntity(), [
    Dynamo.commit((await invitationEntity()).delete({ orgID, login: found.login }).where((a, op) => op.exists(a.login))),
    await grantCommit({ personID: me.personID, orgID, kind: found.kind, role: found.role, displayName: me.displayName }),
  ]);
  if (rejected === 0) throw notFound("invitation.not_found");
  if (rejected === 1) throw conflict("membership.exists", "You are already a member");
  return { orgID, kind: found.kind, role: found.role };
});

export const decline = fn(z.object({ orgID }), async ({ orgID }) => {
  const found = (await myInvitations()).find((i) => i.orgID === orgID);
  if (!found) throw notFound("invitation.not_found");
  await (await invitationEntity()).delete({ orgID, login: found.login }).go();
  return { orgID };
});

export const revokeInvitation = fn(z.object({ orgID, login: Person.LoginSchema }), async ({ orgID, login }) => {
  Tenant.assert("org.not_found", Tenant.ofOrg(orgID), { roles: ["admin"] });
  await (await invitationEntity()).delete({ orgID, login: Person.loginKey(Person.toLogin(login)) }).go();
  return { orgID };
});

export const remove = fn(z.object({ orgID, personID: Id.schema("person", "person") }), async ({ orgID, personID }) => {
  Tenant.assert("org.not_found", Tenant.ofOrg(orgID), { roles: ["admin"] });
  if (personID === Actor.person().personID) throw forbidden("membership.self_remove", "Ask another admin to remove you");
  await (await membershipEntity()).delete({ personID, orgID }).go();
  return { orgID, personID };
});
