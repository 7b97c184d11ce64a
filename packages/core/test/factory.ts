import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";

/** Test data in one place. Phones are unique per call so files never collide. */
let counter = 0;
export function uniquePhone(): string {
  counter += 1;
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}

export function uniqueEmail(name = "user"): string {
  counter += 1;
  return `${name}.${counter}.${Math.random().toString(36).slice(2, 8)}@example.cn`;
}

export const PASSWORD = "correct horse 9";

export async function signUp(name = "学员", login = uniqueEmail()) {
  const tokens = await Auth.signUp({ login, password: PASSWORD, displayName: name });
  return { ...tokens, login, actor: actorOf(tokens) };
}

export function actorOf(tokens: { personID: string; memberships: Actor.Membership[] }, sessionID = "ses_test"): Actor.PersonActor {
  return { type: "person", personID: tokens.personID, sessionID, memberships: tokens.memberships };
}

export const as = <R>(actor: Actor.Info, cb: () => R): R => Actor.provide(actor, cb);

export async function ops() {
  const person = await signUp("运营");
  await Membership.grant({ personID: person.personID, orgID: "zhubo", kind: "platform", role: "ops", displayName: "运营" });
  const memberships = await Membership.ofPerson(person.personID);
  return { ...person, actor: actorOf({ personID: person.personID, memberships }) };
}

/** An approved org with its admin (actor refreshed to carry the admin membership). */
export async function org(kind: "agency" | "brand", name = kind === "agency" ? "苏州主播学院" : "徐州牛肉月饼") {
  const admin = await signUp(`${name}管理员`);
  const created = await as(admin.actor, () => Org.create({ kind, name, city: kind === "agency" ? "suzhou" : "xuzhou" }));
  const operator = await ops();
  await as(operator.actor, () => Org.approve({ orgID: created.orgID }));
  const memberships = await Membership.ofPerson(admin.personID);
  return { org: created, admin: { ...admin, actor: actorOf({ personID: admin.personID, memberships }) }, ops: operator };
}
