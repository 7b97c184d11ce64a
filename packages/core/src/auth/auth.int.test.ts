import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Clock } from "@zhubo/core/clock";
import { VisibleError } from "@zhubo/core/error";
import { Person } from "@zhubo/core/person";
import { describe, expect, it } from "vitest";
import { actorOf, as, PASSWORD, signUp, uniqueEmail, uniquePhone } from "../../test/factory.js";

/** The person behind a header, as a verb that needs one would see it. */
const person = async (header: string) => {
  const actor = await Auth.authenticate(header);
  return Actor.provide(actor, async () => Actor.person());
};

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("accounts", () => {
  it("signs up with a mainland mobile number in any common spelling and signs in with another", async () => {
    const phone = uniquePhone();
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const up = await Auth.signUp({ login: spaced, password: PASSWORD, displayName: "宿迁主播" });
    const me = await as(actorOf(up), () => Person.me());
    expect(me.phone).toBe(`+86${phone}`);
    const inAgain = await Auth.signIn({ login: phone, password: PASSWORD });
    expect(inAgain.personID).toBe(up.personID);
  });

  it("refuses a second account on the same email, case-insensitively, naming the field", async () => {
    const email = uniqueEmail();
    await Auth.signUp({ login: email, password: PASSWORD, displayName: "A" });
    const error = await reject(Auth.signUp({ login: email.toUpperCase(), password: PASSWORD, displayName: "B" }));
    expect(error).toBeInstanceOf(VisibleError);
    expect(error.kind).toBe("conflict");
    expect(error.fields).toHaveProperty("login");
  });

  it("names every invalid field and writes nothing", async () => {
    const error = await reject(Auth.signUp({ login: "12345", password: "short", displayName: " " }));
    expect(error.kind).toBe("input");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["displayName", "login", "password"]);
  });

  it("answers a wrong password and an unknown login with the same error", async () => {
    const { login } = await signUp();
    const wrong = await reject(Auth.signIn({ login, password: "not the password" }));
    const unknown = await reject(Auth.signIn({ login: uniqueEmail("nobody"), password: "whatever1" }));
    expect(wrong.code).toBe("auth.invalid_credentials");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });

  it("throttles an account after five failures even with the right password, until the window passes", async () => {
    const clock = Clock.fixed(Date.UTC(2026, 10, 25, 8, 0, 0));
    Clock.use(clock);
    try {
      const { login } = await signUp();
      for (let i = 0; i < Auth.THROTTLE_LIMITS.account; i++) {
        expect((await reject(Auth.signIn({ login, password: `bad-${i}-pass` }))).code).toBe("auth.invalid_credentials");
      }
      const throttled = await reject(Auth.signIn({ login, password: PASSWORD }));
      expect(throttled.kind).toBe("too_many");
      expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
      clock.advance(Auth.THROTTLE_WINDOW_SECONDS * 1000);
      expect((await Auth.signIn({ login, password: PASSWORD })).accessToken).toBeTruthy();
    } finally {
      Clock.reset();
    }
  });

  it("throttles a source address that tries many accounts", async () => {
    // pinned inside one window: a real clock could cross a window boundary mid-test
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 9, 1, 0)));
    const actor: Actor.Info = { type: "public", ip: "203.0.113.77" };
    await Actor.provide(actor, async () => {
      for (let i = 0; i < Auth.THROTTLE_LIMITS.source; i++) {
        await reject(Auth.signIn({ login: uniqueEmail("spray"), password: "guess-1234" }));
      }
      const throttled = await reject(Auth.signIn({ login: uniqueEmail("spray"), password: "guess-1234" }));
      expect(throttled.code).toBe("auth.throttled");
    }).finally(() => Clock.reset());
  }, 120_000);

  it("rotates the refresh token and revokes the session when an old one is replayed", async () => {
    const first = await signUp();
    const second = await Auth.refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await reject(Auth.refresh({ refreshToken: first.refreshToken }))).code).toBe("auth.session_expired");
    // the replay revoked the whole session, so the newest token is dead too
    expect((await reject(Auth.refresh({ refreshToken: second.refreshToken }))).code).toBe("auth.session_expired");
  });

  it("sign-out revokes the refresh session", async () => {
    const tokens = await signUp();
    const actor = await Auth.authenticate(`Bearer ${tokens.accessToken}`);
    await Actor.provide(actor, () => Auth.signOut());
    expect((await reject(Auth.refresh({ refreshToken: tokens.refreshToken }))).code).toBe("auth.session_expired");
  });

  it("rejects expired, tampered and foreign tokens", async () => {
    const clock = Clock.fixed(Date.now());
    Clock.use(clock);
    try {
      const tokens = await signUp();
      const [h, p, s] = tokens.accessToken.split(".");
      const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: "prs_other", sid: "x", m: ["platform:zhubo:ops"] })).toString("base64url")}.${s}`;
      expect((await reject(person(`Bearer ${tampered}`))).code).toBe("auth.token_invalid");
      const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${p}.`;
      expect((await reject(person(`Bearer ${none}`))).code).toBe("auth.token_invalid");
      clock.advance(11 * 60 * 1000);
      expect((await reject(person(`Bearer ${tokens.accessToken}`))).code).toBe("auth.token_invalid");
      // an expired token doesn't stand in the way of signing in again
      const actor = await Auth.authenticate(`Bearer ${tokens.accessToken}`);
      expect(actor).toMatchObject({ type: "public", rejectedToken: true });
      expect((await Actor.provide(actor, () => Auth.refresh({ refreshToken: tokens.refreshToken }))).accessToken).toBeTruthy();
    } finally {
      Clock.reset();
    }
  });
});
