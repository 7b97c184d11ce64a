import { readdirSync } from "node:fs";
import { Clock } from "@zhubo/core/clock";
import { describe, expect, it, onTestFinished } from "vitest";
import { actorOf, codeSentTo, ops, org, PASSWORD, signUp, uniqueEmail, uniquePhone } from "../../../../packages/core/test/factory.js";
import { caller, failure } from "./testing.js";

describe("the lazily loaded routers", () => {
  it("every router module loads (a bad router would only fail on its first call in production)", async () => {
    const dir = new URL(".", import.meta.url);
    const modules = readdirSync(dir).filter((f) => f.endsWith(".ts") && !/(test|testing|index)\.ts$/.test(f));
    expect(modules.length).toBeGreaterThanOrEqual(6);
    for (const file of modules) {
      const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      expect(Object.keys(mod).filter((k) => k.endsWith("Router")).length, file).toBeGreaterThan(0);
    }
    // and the app's router answers a call into each namespace without an internal error
    const anonymous = caller();
    for (const call of [
      () => anonymous.market.myCard({}),
      () => anonymous.certification.mine({}),
      () => anonymous.practice.mine({}),
      () => anonymous.course.browse({}),
    ]) {
      await call().then(
        () => undefined,
        (e: { code?: string }) => expect(e.code).not.toBe("INTERNAL_SERVER_ERROR"),
      );
    }
  });
});

describe("routers as each role", () => {
  it("a visitor signs up, confirms the code sent to their phone, reads their profile and is refused everything that needs an account", async () => {
    const publicCaller = caller();
    const login = uniquePhone();
    expect(await publicCaller.auth.signUp({ agree: true, login, password: PASSWORD, displayName: "南京主播" })).toEqual({
      status: "code_sent",
      channel: "phone",
    });
    const tokens = await publicCaller.auth.confirmSignUp({ login, code: codeSentTo(login) ?? "" });
    expect((await caller(actorOf(tokens)).auth.me()).displayName).toBe("南京主播");
    expect((await failure(publicCaller.auth.me())).code).toBe("UNAUTHORIZED");
    expect((await failure(publicCaller.org.create({ kind: "agency", name: "x学院", city: "suzhou" }))).code).toBe("UNAUTHORIZED");
  });

  it("maps bad input to BAD_REQUEST naming each field, before anything is written", async () => {
    const error = await failure(caller().auth.signUp({ agree: true, login: "nope", password: "1", displayName: "" }));
    expect(error.code).toBe("BAD_REQUEST");
    const host = await signUp();
    const orgError = await failure(caller(host.actor).org.create({ kind: "agency", name: "", city: "suzhou" }));
    expect(orgError.code).toBe("BAD_REQUEST");
    expect(await caller(host.actor).org.mine()).toEqual([]);
  });

  it("an agency admin manages their agency; another agency's admin gets NOT_FOUND for it", async () => {
    const suzhou = await org("agency");
    const nanjing = await org("agency", "南京带货学院");
    const mine = caller(suzhou.admin.actor);
    expect((await mine.org.get({ orgID: suzhou.org.orgID })).status).toBe("active");
    await mine.org.invite({ orgID: suzhou.org.orgID, login: uniqueEmail("teacher"), role: "instructor" });
    expect((await mine.org.invitations({ orgID: suzhou.org.orgID })).items).toHaveLength(1);

    const theirs = caller(nanjing.admin.actor);
    for (const attempt of [
      () => theirs.org.get({ orgID: suzhou.org.orgID }),
      () => theirs.org.members({ orgID: suzhou.org.orgID }),
      () => theirs.org.invitations({ orgID: suzhou.org.orgID }),
      () => theirs.org.invite({ orgID: suzhou.org.orgID, login: uniquePhone(), role: "admin" }),
    ]) {
      expect((await failure(attempt())).code).toBe("NOT_FOUND");
    }
  });

  it("a brand member sees their brand but cannot invite; ops see every org and decide", async () => {
    const xuzhou = await org("brand");
    const phone = uniquePhone();
    await caller(xuzhou.admin.actor).org.invite({ orgID: xuzhou.org.orgID, login: phone, role: "member" });
    const member = await signUp("主播运营", phone);
    await caller(member.actor).invitation.accept({ orgID: xuzhou.org.orgID });
    const refreshed = await caller().auth.refresh({ refreshToken: member.refreshToken });
    const asMember = caller(actorOf(refreshed));
    expect((await asMember.org.mine()).map((o) => o.orgID)).toEqual([xuzhou.org.orgID]);
    expect((await failure(asMember.org.invite({ orgID: xuzhou.org.orgID, login: uniquePhone(), role: "member" }))).code).toBe("NOT_FOUND");

    const operator = await ops();
    expect((await caller(operator.actor).org.get({ orgID: xuzhou.org.orgID })).name).toBe("徐州牛肉月饼");
    const pendingBrand = await caller(member.actor).org.create({ kind: "brand", name: "宿迁霸王蟹", city: "suqian" });
    expect((await failure(asMember.org.approve({ orgID: pendingBrand.orgID }))).code).toBe("FORBIDDEN");
    expect((await caller(operator.actor).org.reject({ orgID: pendingBrand.orgID, note: "营业执照不清晰" })).status).toBe("rejected");
  });

  it("an instructor sees their agency and its members but cannot administer it", async () => {
    const suzhou = await org("agency");
    const phone = uniquePhone();
    await caller(suzhou.admin.actor).org.invite({ orgID: suzhou.org.orgID, login: phone, role: "instructor" });
    const teacher = await signUp("王老师", phone);
    await caller(teacher.actor).invitation.accept({ orgID: suzhou.org.orgID });
    const instructor = caller(actorOf(await caller().auth.refresh({ refreshToken: teacher.refreshToken })));
    expect((await instructor.org.members({ orgID: suzhou.org.orgID })).items).toHaveLength(2);
    expect((await failure(instructor.org.invitations({ orgID: suzhou.org.orgID }))).code).toBe("NOT_FOUND");
    expect((await failure(instructor.org.removeMember({ orgID: suzhou.org.orgID, personID: suzhou.admin.personID }))).code).toBe("NOT_FOUND");
  });

  it("signs in, throttles with TOO_MANY_REQUESTS and signs out", async () => {
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 9, 1, 0)));
    onTestFinished(() => Clock.reset());
    const host = await signUp();
    const anon = caller({ type: "public", ip: "198.51.100.9" });
    const tokens = await anon.auth.signIn({ login: host.login, password: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await failure(anon.auth.signIn({ login: host.login, password: "wrong-password" }))).code).toBe("UNAUTHORIZED");
    expect((await failure(anon.auth.signIn({ login: host.login, password: PASSWORD }))).code).toBe("TOO_MANY_REQUESTS");
    const sessionID = tokens.refreshToken.split(".")[0] as string;
    await caller(actorOf(tokens, sessionID)).auth.signOut();
    expect((await failure(anon.auth.refresh({ refreshToken: tokens.refreshToken }))).code).toBe("UNAUTHORIZED");
  }, 120_000);
});
