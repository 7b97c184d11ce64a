import { Auth } from "@zhubo/core/auth";
import type { VisibleError } from "@zhubo/core/error";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { describe, expect, it } from "vitest";
import { actorOf, as, ops, org, signUp, uniquePhone } from "../../test/factory.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("agencies and brands", () => {
  it("registers an agency as pending with its creator as admin, and ops approve it", async () => {
    const founder = await signUp("创始人");
    const agency = await as(founder.actor, () => Org.create({ kind: "agency", name: "苏州直播学院", city: "suzhou" }));
    expect(agency.status).toBe("pending");
    expect(agency.orgID).toMatch(/^agy_/);
    expect(await Membership.ofPerson(founder.personID)).toEqual([{ orgID: agency.orgID, kind: "agency", role: "admin" }]);

    const operator = await ops();
    const pending = await as(operator.actor, () => Org.listByStatus({ kind: "agency", status: "pending" }));
    expect(pending.items.map((o) => o.orgID)).toContain(agency.orgID);
    const approved = await as(operator.actor, () => Org.approve({ orgID: agency.orgID, note: "资质齐全" }));
    expect(approved.status).toBe("active");
    expect((await reject(as(operator.actor, () => Org.reject({ orgID: agency.orgID })))).code).toBe("org.already_decided");
  });

  it("lets only ops see the approval queue or decide", async () => {
    const someone = await signUp();
    const { org: brand } = await org("brand");
    expect((await reject(as(someone.actor, () => Org.listByStatus({ kind: "brand", status: "pending" })))).kind).toBe("forbidden");
    expect((await reject(as(someone.actor, () => Org.approve({ orgID: brand.orgID })))).kind).toBe("forbidden");
  });

  it("hides an org from people outside it with NOT_FOUND", async () => {
    const { org: agency, admin } = await org("agency");
    const outsider = await signUp();
    const { admin: otherAdmin } = await org("agency", "南京带货学院");
    expect((await as(admin.actor, () => Org.get({ orgID: agency.orgID }))).name).toBe("苏州主播学院");
    for (const actor of [outsider.actor, otherAdmin.actor]) {
      expect((await reject(as(actor, () => Org.get({ orgID: agency.orgID })))).kind).toBe("not_found");
      expect((await reject(as(actor, () => Membership.members({ orgID: agency.orgID })))).kind).toBe("not_found");
      expect((await reject(as(actor, () => Org.invite({ orgID: agency.orgID, login: uniquePhone(), role: "instructor" })))).kind).toBe("not_found");
    }
  });

  it("invites an instructor by mobile number; they accept after signing up and get the role on refresh", async () => {
    const { org: agency, admin } = await org("agency");
    const phone = uniquePhone();
    await as(admin.actor, () => Org.invite({ orgID: agency.orgID, login: phone, role: "instructor" }));
    const teacher = await signUp("王老师", phone);
    const mine = await as(teacher.actor, () => Membership.myInvitations());
    expect(mine.map((i) => [i.orgID, i.role, i.orgName])).toEqual([[agency.orgID, "instructor", "苏州主播学院"]]);
    await as(teacher.actor, () => Membership.accept({ orgID: agency.orgID }));
    const refreshed = await Auth.refresh({ refreshToken: teacher.refreshToken });
    expect(refreshed.memberships).toEqual([{ orgID: agency.orgID, kind: "agency", role: "instructor" }]);
    const members = await as(admin.actor, () => Membership.members({ orgID: agency.orgID }));
    expect(members.items.map((m) => m.role).sort()).toEqual(["admin", "instructor"]);
    // the invitation is used up
    expect((await reject(as(teacher.actor, () => Membership.accept({ orgID: agency.orgID })))).kind).toBe("not_found");
    // an instructor is not an admin
    const instructor = actorOf(refreshed);
    expect((await reject(as(instructor, () => Org.invite({ orgID: agency.orgID, login: uniquePhone(), role: "instructor" })))).kind).toBe("not_found");
  });

  it("refuses roles that don't fit the org and invalid logins, per field", async () => {
    const { org: brand, admin } = await org("brand");
    const wrongRole = await reject(as(admin.actor, () => Org.invite({ orgID: brand.orgID, login: uniquePhone(), role: "instructor" })));
    expect(wrongRole.fields).toHaveProperty("role");
    const badLogin = await reject(as(admin.actor, () => Org.invite({ orgID: brand.orgID, login: "not-a-login", role: "member" })));
    expect(badLogin.fields).toHaveProperty("login");
    const empty = await reject(as(admin.actor, () => Org.create({ kind: "brand", name: "", city: "atlantis" as "suzhou" })));
    expect(Object.keys(empty.fields ?? {}).sort()).toEqual(["city", "name"]);
  });

  it("does not show another person's invitation", async () => {
    const { org: brand, admin } = await org("brand");
    const phone = uniquePhone();
    await as(admin.actor, () => Org.invite({ orgID: brand.orgID, login: phone, role: "member" }));
    const stranger = await signUp();
    expect(await as(stranger.actor, () => Membership.myInvitations())).toEqual([]);
    expect((await reject(as(stranger.actor, () => Membership.accept({ orgID: brand.orgID })))).kind).toBe("not_found");
  });
});
