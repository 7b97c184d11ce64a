import { Clock } from "@zhubo/core/clock";
import { Org } from "@zhubo/core/org";
import { afterEach, describe, expect, it } from "vitest";
import { actorOf, as, codeSentTo, org, outbox, PASSWORD, signUp, uniqueEmail, uniquePhone } from "../../../../packages/core/test/factory.js";
import { app } from "../app.js";
import { caller, failure } from "./testing.js";

afterEach(() => Clock.reset());

/** From the start of the next hour: fresh, aligned throttle windows. */
function laterHour() {
  const clock = Clock.fixed(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 1000);
  Clock.use(clock);
  return clock;
}

const post = (path: string, body: unknown) =>
  app.request(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("auth procedures for codes and resets", () => {
  it("signUp answers new and taken logins the same over HTTP, and confirmSignUp turns the code into tokens", async () => {
    const owner = await signUp("原主人");
    laterHour();
    const fresh = uniqueEmail();
    const answers = await Promise.all([
      post("auth.signUp", { agree: true, login: fresh, password: PASSWORD, displayName: "新人" }),
      post("auth.signUp", { agree: true, login: owner.login, password: PASSWORD, displayName: "冒名者" }),
    ]);
    const [a, b] = await Promise.all(answers.map(async (r) => [r.status, await r.json()] as const));
    expect(a).toEqual([200, { result: { data: { status: "code_sent", channel: "email" } } }]);
    expect(b).toEqual(a);

    const ok = await post("auth.confirmSignUp", { login: fresh, code: codeSentTo(fresh) });
    expect(ok.status).toBe(200);
    const tokens = ((await ok.json()) as { result: { data: { accessToken: string; personID: string } } }).result.data;
    const me = await app.request("/trpc/auth.me", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(((await me.json()) as { result: { data: { verifiedAt?: string } } }).result.data.verifiedAt).toBeTruthy();
  });

  it("maps a wrong code to BAD_REQUEST on the code field and a spent send budget to TOO_MANY_REQUESTS with a retry time", async () => {
    // the send budgets are fixed one-minute windows: start at a window's beginning, so the resend
    // below falls in the sign-up's window however slowly this runs (no waiting on the wall clock)
    Clock.use(Clock.fixed(Math.floor(Date.now() / 60_000) * 60_000 + 1_000));
    const login = uniquePhone();
    await caller().auth.signUp({ agree: true, login, password: PASSWORD, displayName: "南京主播" });
    const wrong = await failure(caller().auth.confirmSignUp({ login, code: codeSentTo(login) === "000000" ? "000001" : "000000" }));
    expect([wrong.code, wrong.fields]).toEqual(["BAD_REQUEST", { code: "Wrong or expired code" }]);
    const malformed = await failure(caller().auth.confirmSignUp({ login, code: "12345" }));
    expect(malformed.fields).toHaveProperty("code");
    const soon = await failure(caller().auth.resendSignUpCode({ login }));
    expect(soon.code).toBe("TOO_MANY_REQUESTS");
    expect((soon.cause as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("requestVerification and confirmVerification need a signed-in person; an unverified one can't accept an invitation", async () => {
    expect((await failure(caller().auth.requestVerification())).code).toBe("UNAUTHORIZED");
    expect((await failure(caller().auth.confirmVerification({ code: "123456" }))).code).toBe("UNAUTHORIZED");

    const { org: brand, admin } = await org("brand");
    const phone = uniquePhone();
    await as(admin.actor, () => Org.invite({ orgID: brand.orgID, login: phone, role: "member" }));
    const person = await signUp("品牌运营", phone, { verified: false });
    const me = caller(actorOf(person));
    expect(await me.invitation.mine()).toEqual([]);
    const refused = await failure(me.invitation.accept({ orgID: brand.orgID }));
    expect(refused.code).toBe("FORBIDDEN");

    laterHour();
    expect(await me.auth.requestVerification()).toEqual({ status: "code_sent", channel: "phone" });
    expect((await me.auth.confirmVerification({ code: codeSentTo(phone) as string })).verifiedAt).toBeTruthy();
    expect(await me.invitation.accept({ orgID: brand.orgID })).toMatchObject({ orgID: brand.orgID, role: "member" });
  });

  it("requestPasswordReset answers the same for any login; resetPassword signs in with the new password", async () => {
    const person = await signUp("重设");
    laterHour();
    const nobody = await caller().auth.requestPasswordReset({ login: uniqueEmail("nobody") });
    expect(await caller().auth.requestPasswordReset({ login: person.login })).toEqual(nobody);
    const code = outbox().latest({ kind: "email", value: person.login }, "reset_password")?.params.code as string;
    const tokens = await caller().auth.resetPassword({ login: person.login, code, password: "new password 9" });
    expect(tokens.personID).toBe(person.personID);
    expect((await caller().auth.signIn({ login: person.login, password: "new password 9" })).personID).toBe(person.personID);
    const bad = await failure(caller().auth.resetPassword({ login: person.login, code: "12", password: "short" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["code", "password"]);
  });
});
