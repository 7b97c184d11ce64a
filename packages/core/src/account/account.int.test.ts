import { Account } from "@zhubo/core/account";
import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Clock } from "@zhubo/core/clock";
import { VisibleError } from "@zhubo/core/error";
import { Market } from "@zhubo/core/market";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";
import { afterEach, describe, expect, it } from "vitest";
import { actorOf, as, codeSentTo, org, outbox, PASSWORD, signUp, uniqueEmail, uniquePhone } from "../../test/factory.js";
import { codeEntity } from "./entity.js";

/** "ok" or the error code a call ended with. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof VisibleError ? e.code : String(e)),
  );

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

/** A caller from one source address (what API Gateway reports), without a token. */
const from = <R>(ip: string, cb: () => R): R => Actor.provide({ type: "public", ip }, cb);
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

/**
 * A clock that moves only when told, from the start of the next hour: every throttle window is
 * fresh and aligned (fixed windows), and nothing sent before counts against what the test does.
 */
function fixedClock() {
  const clock = Clock.fixed(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 1000);
  Clock.use(clock);
  return clock;
}

afterEach(() => Clock.reset());

const storedCode = async (purpose: "verify_login" | "reset_password", login: string) =>
  (await (await codeEntity()).get({ purpose, login: Person.loginKey(Person.toLogin(login)) }).go()).data;

describe("sign-up with a one-time code", () => {
  it("signs up with a mainland mobile number in any spelling: no tokens until the code, then verified and signed in", async () => {
    const phone = uniquePhone();
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const answer = await Account.signUp({ agree: true, login: spaced, password: PASSWORD, displayName: "宿迁主播" });
    expect(answer).toEqual({ status: "code_sent", channel: "phone" });
    const sms = outbox().latest({ kind: "phone", value: `+86${phone}` });
    expect(sms?.template).toBe("verify_login");
    expect(sms?.text).toContain(sms?.params.code);
    expect(sms?.text).toMatch(/^【主播学院】验证码 \d{6}/);

    const tokens = await Account.confirmSignUp({ login: phone, code: sms?.params.code ?? "" });
    const me = await as(actorOf(tokens), () => Person.me());
    expect(me.phone).toBe(`+86${phone}`);
    expect(me.verifiedAt).toBeTruthy();
    // the consent the sign-up gave (PIPL): the terms' version and when
    expect(me).toMatchObject({ consentVersion: Account.TERMS_VERSION, consentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await Auth.signIn({ login: phone, password: PASSWORD })).personID).toBe(tokens.personID);
  });

  it("makes no account without consent to the user agreement and privacy policy: a field error, nothing written, nothing sent", async () => {
    const login = uniqueEmail("noconsent");
    const before = outbox().list().length;
    for (const agree of [undefined, false]) {
      const e = (await Account.signUp({ agree, login, password: PASSWORD, displayName: "没同意" } as never).catch((x) => x)) as VisibleError;
      expect(e.fields).toEqual({ agree: "Agree to the user agreement and privacy policy to sign up" });
    }
    expect(await Person.byLogin(Person.toLogin(login))).toBeUndefined();
    expect(outbox().list().length).toBe(before);
  });

  it("answers a sign-up on a taken login exactly as on a new one: no account, no code, the owner gets a notice", async () => {
    const owner = await signUp("原主人");
    fixedClock(); // a later hour: the owner's own sign-up code no longer holds back a message to them
    const before = outbox().list().length;
    const newcomer = uniqueEmail();
    const fresh = await Account.signUp({ agree: true, login: newcomer, password: "a different pw 1", displayName: "新人" });
    const taken = await Account.signUp({ agree: true, login: owner.login.toUpperCase(), password: "a different pw 1", displayName: "冒名者", locale: "en" });
    expect(taken).toEqual(fresh);
    expect(outbox().list().length).toBe(before + 2);

    const notice = outbox().latest(Person.toLogin(owner.login));
    expect(notice?.template).toBe("sign_up_attempt");
    expect(notice?.params).toEqual({});
    expect(notice?.locale).toBe("zh-CN"); // the owner's language, not the caller's
    expect(await Person.byLogin(Person.toLogin(owner.login))).toBe(owner.personID);
    expect(await storedCode("verify_login", owner.login)).toBeNull();
    // the account is untouched: the old password still works, the caller's doesn't
    expect((await Auth.signIn({ login: owner.login, password: PASSWORD })).personID).toBe(owner.personID);
    expect(await outcome(Auth.signIn({ login: owner.login, password: "a different pw 1" }))).toBe("auth.invalid_credentials");
    // whatever the caller guesses, the taken login answers like a wrong code
    expect(await outcome(Account.confirmSignUp({ login: owner.login, code: "123456" }))).toBe("account.code_invalid");
  });

  it("names every invalid field and writes nothing", async () => {
    const error = await reject(Account.signUp({ agree: true, login: "12345", password: "short", displayName: " " }));
    expect(error.kind).toBe("input");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["displayName", "login", "password"]);
    const code = await reject(Account.confirmSignUp({ login: uniqueEmail(), code: "12ab56" }));
    expect(code.fields).toHaveProperty("code");
  });

  it("lets 10 sign-ups an hour through from one source address, even when 13 race", async () => {
    const clock = fixedClock();
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 13 }, () => from(ip, () => outcome(Account.signUp({ agree: true, login: uniqueEmail(), password: PASSWORD, displayName: "批量" })))),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(results.filter((r) => r === "account.sign_up_throttled")).toHaveLength(3);
    const refused = await reject(from(ip, () => Account.signUp({ agree: true, login: uniqueEmail(), password: PASSWORD, displayName: "再来" })));
    expect(refused.kind).toBe("too_many");
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // another address is not affected, and the next hour the first one may sign up again
    expect(await from(freshIp(), () => outcome(Account.signUp({ agree: true, login: uniqueEmail(), password: PASSWORD, displayName: "别处" })))).toBe("ok");
    clock.advance(3600_000);
    expect(await from(ip, () => outcome(Account.signUp({ agree: true, login: uniqueEmail(), password: PASSWORD, displayName: "下一小时" })))).toBe("ok");
  }, 60_000);
});

describe("one-time codes", () => {
  it("stores only an HMAC of the code, never the code, with a TTL ten minutes out", async () => {
    const login = uniqueEmail();
    await Account.signUp({ agree: true, login, password: PASSWORD, displayName: "哈希" });
    const code = codeSentTo(login) as string;
    const item = await storedCode("verify_login", login);
    expect(item?.tries).toBe(0);
    expect(item?.expiresAt).toBe(Math.floor(Date.parse(item?.createdAt ?? "") / 1000) + Account.CODE_TTL_SECONDS);
    expect(JSON.stringify(item)).not.toContain(code);
    expect(item?.digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a code after ten minutes (the clock moves, nobody sleeps) and a fresh code works", async () => {
    const clock = fixedClock();
    const login = uniqueEmail();
    await Account.signUp({ agree: true, login, password: PASSWORD, displayName: "过期" });
    const first = codeSentTo(login) as string;
    clock.advance(Account.CODE_TTL_SECONDS * 1000);
    expect(await outcome(Account.confirmSignUp({ login, code: first }))).toBe("account.code_invalid");
    expect(await Account.resendSignUpCode({ login })).toEqual({ status: "code_sent", channel: "email" });
    const second = codeSentTo(login) as string;
    clock.advance(Account.CODE_TTL_SECONDS * 1000 - 1000);
    expect(await outcome(Account.confirmSignUp({ login, code: second }))).toBe("ok");
  });

  it("works once, however many right guesses race", async () => {
    const login = uniqueEmail();
    await Account.signUp({ agree: true, login, password: PASSWORD, displayName: "一次" });
    const code = codeSentTo(login) as string;
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(Account.confirmSignUp({ login, code }))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "account.code_invalid")).toHaveLength(7);
  });

  it("gives 20 racing wrong guesses exactly five tries, after which even the right code is refused", async () => {
    const login = uniqueEmail();
    await Account.signUp({ agree: true, login, password: PASSWORD, displayName: "猜码" });
    const code = codeSentTo(login) as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(Account.confirmSignUp({ login, code: wrong }))));
    expect(new Set(results)).toEqual(new Set(["account.code_invalid"]));
    expect((await storedCode("verify_login", login))?.tries).toBe(Account.MAX_TRIES);
    expect(await outcome(Account.confirmSignUp({ login, code }))).toBe("account.code_invalid");
    expect((await Person.get((await Person.byLogin(Person.toLogin(login))) as string))?.verifiedAt).toBeUndefined();
  });

  it("counts a right code as one of the five tries: four wrong then the right one verifies", async () => {
    const login = uniqueEmail();
    await Account.signUp({ agree: true, login, password: PASSWORD, displayName: "第五次" });
    const code = codeSentTo(login) as string;
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < Account.MAX_TRIES - 1; i++) expect(await outcome(Account.confirmSignUp({ login, code: wrong }))).toBe("account.code_invalid");
    expect(await outcome(Account.confirmSignUp({ login, code }))).toBe("ok");
  });

  it("sends one login at most one code a minute and five an hour, whoever asks, with or without an account", async () => {
    const clock = fixedClock();
    const someone = await signUp("有账号"); // its sign-up code was this minute's
    const nobody = uniqueEmail("nobody");
    for (const login of [someone.login, nobody]) {
      if (login === nobody) expect(await outcome(Account.requestPasswordReset({ login }))).toBe("ok");
      const soon = await reject(Account.requestPasswordReset({ login }));
      expect([soon.code, soon.kind]).toEqual(["account.send_throttled", "too_many"]);
      expect(soon.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    const answers: string[][] = [[], []];
    for (let minute = 1; minute <= 5; minute++) {
      clock.advance(61_000);
      for (const [i, login] of [someone.login, nobody].entries()) answers[i]?.push(await outcome(Account.requestPasswordReset({ login })));
    }
    // the same pattern for both: the hour's five are spent (sign-up or first request, then four more)
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.filter((a) => a === "ok").length).toBe(4);
    expect(answers[0]?.at(-1)).toBe("account.send_throttled");
  });

  it("sends the same way to 20 racing resends: one code, the rest refused", async () => {
    const login = uniqueEmail();
    await signUp("并发重发", login, { verified: false });
    const clock = fixedClock();
    clock.advance(61_000);
    const before = outbox().list().length;
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(Account.resendSignUpCode({ login }))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(outbox().list().length).toBe(before + 1);
  });

  it("limits the codes one source address may try across logins", async () => {
    const ip = freshIp();
    const results: string[] = [];
    for (let i = 0; i <= Account.LIMITS.checksPerSource.limit; i++)
      results.push(await from(ip, () => outcome(Account.confirmSignUp({ login: uniqueEmail(), code: "000000" }))));
    expect(results.slice(0, -1).every((r) => r === "account.code_invalid")).toBe(true);
    expect(results.at(-1)).toBe("account.check_throttled");
  });
});

describe("verifying later, while signed in", () => {
  it("an unverified person signs in and learns, asks for a code from the banner and verifies", async () => {
    const person = await signUp("晚点验证", uniquePhone(), { verified: false });
    expect((await as(person.actor, () => Person.me())).verifiedAt).toBeUndefined();
    const clock = fixedClock();
    clock.advance(61_000);
    expect(await as(person.actor, () => Account.requestVerification({}))).toEqual({ status: "code_sent", channel: "phone" });
    const code = codeSentTo(person.login) as string;
    const wrong = await reject(as(person.actor, () => Account.confirmVerification({ code: code === "999999" ? "999998" : "999999" })));
    expect(wrong.fields).toHaveProperty("code");
    const me = await as(person.actor, () => Account.confirmVerification({ code }));
    expect(me.verifiedAt).toBeTruthy();
    expect(await as(person.actor, () => Account.requestVerification({}))).toEqual({ status: "verified", channel: "phone" });
  });
});

describe("what needs a verified login", () => {
  it("refuses an invitation (not even shown) until the invited login is verified, then accepts it", async () => {
    const { org: agency, admin } = await org("agency");
    const phone = uniquePhone();
    await as(admin.actor, () => Org.invite({ orgID: agency.orgID, login: phone, role: "admin" }));
    const squatter = await signUp("冒名者", phone, { verified: false });
    expect(await as(squatter.actor, () => Membership.myInvitations())).toEqual([]);
    const refused = await reject(as(squatter.actor, () => Membership.accept({ orgID: agency.orgID })));
    expect([refused.kind, refused.code]).toEqual(["forbidden", "person.unverified"]);
    expect(await Membership.ofPerson(squatter.personID)).toEqual([]);

    // the code goes to the phone: only its owner can finish
    const clock = fixedClock();
    clock.advance(61_000);
    await as(squatter.actor, () => Account.requestVerification({}));
    await as(squatter.actor, () => Account.confirmVerification({ code: codeSentTo(phone) as string }));
    expect((await as(squatter.actor, () => Membership.myInvitations())).map((i) => i.orgID)).toEqual([agency.orgID]);
    await as(squatter.actor, () => Membership.accept({ orgID: agency.orgID }));
    expect(await Membership.ofPerson(squatter.personID)).toEqual([{ orgID: agency.orgID, kind: "agency", role: "admin" }]);
  });

  it("refuses a host card (so no listing, matching, invitation or application) and gig applications until verified", async () => {
    const host = await signUp("未验证主播", uniqueEmail(), { verified: false });
    const card = {
      city: "xuzhou" as const,
      categories: ["food" as const],
      languages: ["mandarin" as const],
      slotFeePerHourFen: 80_000,
      minCommissionBps: 1000,
      weekly: [{ day: 1, from: "09:00", to: "18:00" }],
      exceptions: [],
      clips: [],
      version: 0,
    };
    expect(await as(host.actor, () => outcome(Market.saveCard(card)))).toBe("person.unverified");
    expect(await as(host.actor, () => Market.myCard({}))).toBeNull();
    expect(await as(host.actor, () => outcome(Person.assertVerified()))).toBe("person.unverified");
    const verified = await signUp("已验证主播");
    expect(await as(verified.actor, () => outcome(Market.saveCard(card)))).toBe("ok");
    expect((await Person.assertVerified(verified.personID)).personID).toBe(verified.personID);
  });
});

describe("password reset", () => {
  it("answers the same for a login without an account and sends nothing", async () => {
    const before = outbox().list().length;
    const nobody = await Account.requestPasswordReset({ login: uniqueEmail("nobody") });
    const someone = await signUp("有人");
    const clock = fixedClock();
    clock.advance(61_000);
    expect(await Account.requestPasswordReset({ login: someone.login })).toEqual(nobody);
    expect(outbox().list().length).toBe(before + 2); // the sign-up's code and the reset code
    expect(outbox().latest(Person.toLogin(someone.login))?.template).toBe("reset_password");
  });

  it("sets the new password with the code, verifies the login and signs out every other session", async () => {
    const person = await signUp("忘记密码", uniqueEmail(), { verified: false });
    const other = await Auth.signIn({ login: person.login, password: PASSWORD });
    const clock = fixedClock();
    clock.advance(61_000);
    await Account.requestPasswordReset({ login: person.login });
    const code = codeSentTo(person.login, "reset_password") as string;
    // a sign-up confirmation can't take a reset code, nor the reverse
    expect(await outcome(Account.confirmSignUp({ login: person.login, code }))).toBe("account.code_invalid");
    const tokens = await Account.resetPassword({ login: person.login, code, password: "brand new pw 2" });
    expect(tokens.personID).toBe(person.personID);

    for (const old of [person.refreshToken, other.refreshToken]) expect(await outcome(Auth.refresh({ refreshToken: old }))).toBe("auth.session_expired");
    expect(await outcome(Auth.refresh({ refreshToken: tokens.refreshToken }))).toBe("ok");
    expect(await outcome(Auth.signIn({ login: person.login, password: PASSWORD }))).toBe("auth.invalid_credentials");
    expect((await Auth.signIn({ login: person.login, password: "brand new pw 2" })).personID).toBe(person.personID);
    expect((await Person.get(person.personID))?.verifiedAt).toBeTruthy();
    expect(await outcome(Account.resetPassword({ login: person.login, code, password: "again new pw 3" }))).toBe("account.code_invalid");
  });

  it("takes over a squatted login: the real owner resets the password and the squatter is signed out", async () => {
    const email = uniqueEmail("victim");
    const squatter = await signUp("冒名者", email, { verified: false });
    const clock = fixedClock();
    clock.advance(61_000);
    // the owner tries to sign up, hears that an account exists, and resets its password
    await Account.signUp({ agree: true, login: email, password: "owner pw 12345", displayName: "真主人" });
    expect(outbox().latest(Person.toLogin(email))?.template).toBe("sign_up_attempt");
    clock.advance(61_000);
    await Account.requestPasswordReset({ login: email });
    await Account.resetPassword({ login: email, code: codeSentTo(email, "reset_password") as string, password: "owner pw 12345" });
    expect(await outcome(Auth.refresh({ refreshToken: squatter.refreshToken }))).toBe("auth.session_expired");
    expect(await outcome(Auth.signIn({ login: email, password: PASSWORD }))).toBe("auth.invalid_credentials");
    expect((await Person.get(squatter.personID))?.verifiedAt).toBeTruthy();
  });
});
