import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Clock } from "@zhubo/core/clock";
import { VisibleError } from "@zhubo/core/error";
import { describe, expect, it, onTestFinished } from "vitest";
import { PASSWORD, signUp, uniqueEmail, weakAccount } from "../../test/factory.js";

/** The person behind a header, as a verb that needs one would see it. */
const person = async (header: string) => {
  const actor = await Auth.authenticate(header);
  return Actor.provide(actor, async () => Actor.person());
};

/** "ok" or the error code a call ended with. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof VisibleError ? e.code : String(e)),
  );
const count = (results: string[], code: string) => results.filter((r) => r === code).length;

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("accounts", () => {
  it("answers a wrong password and an unknown login with the same error", async () => {
    const { login } = await signUp();
    const wrong = await reject(Auth.signIn({ login, password: "not the password" }));
    const unknown = await reject(Auth.signIn({ login: uniqueEmail("nobody"), password: "whatever1" }));
    expect(wrong.code).toBe("auth.invalid_credentials");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });

  it("throttles a login at one source after five failures, even with the right password, until the window passes", async () => {
    const clock = Clock.fixed(Date.UTC(2026, 10, 25, 8, 0, 0));
    Clock.use(clock);
    try {
      const { login } = await weakAccount();
      for (let i = 0; i < Auth.THROTTLE_LIMITS.loginSource; i++) {
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
      // sprayed across real accounts, and one login nobody has (checked against the timing equaliser)
      const accounts = await Promise.all(Array.from({ length: Auth.THROTTLE_LIMITS.source - 1 }, () => weakAccount()));
      for (const login of [...accounts.map((a) => a.login), uniqueEmail("spray")]) {
        expect((await reject(Auth.signIn({ login, password: "guess-1234" }))).code).toBe("auth.invalid_credentials");
      }
      const throttled = await reject(Auth.signIn({ login: uniqueEmail("spray"), password: "guess-1234" }));
      expect(throttled.code).toBe("auth.throttled");
    }).finally(() => Clock.reset());
  }, 240_000);

  it("lets sixty racing wrong guesses for one login past the throttle only five times, and then not even the right password", async () => {
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 10, 1, 0)));
    onTestFinished(() => Clock.reset());
    const { login } = await weakAccount();
    const from = { type: "public", ip: "198.51.100.60" } as const;
    const burst = (passwords: string[]) => Actor.provide(from, () => Promise.all(passwords.map((password) => outcome(Auth.signIn({ login, password })))));
    const first = await burst(Array.from({ length: 60 }, (_, i) => `guess-${i}-wrong`));
    expect(count(first, "auth.invalid_credentials")).toBe(Auth.THROTTLE_LIMITS.loginSource);
    expect(count(first, "auth.throttled")).toBe(60 - Auth.THROTTLE_LIMITS.loginSource);
    // the right password hidden in the next burst is never even checked
    const second = await burst(Array.from({ length: 60 }, (_, i) => (i === 37 ? PASSWORD : `guess-${i}-again`)));
    expect(count(second, "auth.throttled")).toBe(60);
  }, 120_000);

  it("checks at most five wrong passwords of a racing burst that also holds the right one", async () => {
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 10, 31, 0)));
    onTestFinished(() => Clock.reset());
    const { login } = await weakAccount();
    const results = await Actor.provide({ type: "public", ip: "198.51.100.61" }, () =>
      Promise.all(Array.from({ length: 60 }, (_, i) => outcome(Auth.signIn({ login, password: i === 20 ? PASSWORD : `guess-${i}-wrong` })))),
    );
    expect(count(results, "auth.invalid_credentials")).toBeLessThanOrEqual(Auth.THROTTLE_LIMITS.loginSource);
    expect(count(results, "ok")).toBeLessThanOrEqual(1);
    expect(count(results, "auth.throttled")).toBe(60 - count(results, "auth.invalid_credentials") - count(results, "ok"));
  }, 120_000);

  it("an attacker at one address spending its attempts doesn't lock the owner out at another", async () => {
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 11, 1, 0)));
    onTestFinished(() => Clock.reset());
    const { login } = await weakAccount();
    await Actor.provide({ type: "public", ip: "192.0.2.66" }, async () => {
      for (let i = 0; i < Auth.THROTTLE_LIMITS.loginSource; i++) await reject(Auth.signIn({ login, password: `guess-${i}-wrong` }));
      expect((await reject(Auth.signIn({ login, password: PASSWORD }))).code).toBe("auth.throttled");
    });
    await Actor.provide({ type: "public", ip: "192.0.2.10" }, async () => {
      expect((await reject(Auth.signIn({ login, password: "owner typo 1" }))).code).toBe("auth.invalid_credentials");
      expect((await Auth.signIn({ login, password: PASSWORD })).accessToken).toBeTruthy();
    });
  });

  it("the owner's own sign-ins never use up the budget of their address", async () => {
    Clock.use(Clock.fixed(Date.UTC(2026, 10, 25, 11, 31, 0)));
    onTestFinished(() => Clock.reset());
    const { login } = await weakAccount();
    await Actor.provide({ type: "public", ip: "192.0.2.11" }, async () => {
      for (let i = 0; i < Auth.THROTTLE_LIMITS.loginSource + 2; i++) expect((await Auth.signIn({ login, password: PASSWORD })).accessToken).toBeTruthy();
    });
  }, 120_000);

  it("bounds guesses per login across many addresses at fifty an hour, racing, and refused attempts don't count", async () => {
    const clock = Clock.fixed(Date.UTC(2026, 10, 25, 12, 0, 0));
    Clock.use(clock);
    onTestFinished(() => Clock.reset());
    const { login } = await weakAccount();
    const guess = (ip: string, password: string) => Actor.provide({ type: "public", ip }, () => outcome(Auth.signIn({ login, password })));
    // one address spends its five, then keeps hammering: the refused calls take nothing from the login's budget
    const first = await Promise.all(Array.from({ length: 25 }, (_, i) => guess("203.0.113.1", `guess-${i}-one`)));
    expect(count(first, "auth.invalid_credentials")).toBe(Auth.THROTTLE_LIMITS.loginSource);
    const addresses = Array.from({ length: 10 }, (_, n) => `203.0.113.${n + 2}`);
    const rest = await Promise.all(addresses.flatMap((ip) => Array.from({ length: 5 }, (_, i) => guess(ip, `guess-${i}-${ip}`))));
    expect(count(rest, "auth.invalid_credentials")).toBe(Auth.THROTTLE_LIMITS.login - Auth.THROTTLE_LIMITS.loginSource);
    expect(count(rest, "auth.throttled")).toBe(50 - (Auth.THROTTLE_LIMITS.login - Auth.THROTTLE_LIMITS.loginSource));
    // the bound holds for everyone, the owner included, until the hour is over
    const owner = await Actor.provide({ type: "public", ip: "192.0.2.200" }, () => reject(Auth.signIn({ login, password: PASSWORD })));
    expect(owner.code).toBe("auth.throttled");
    expect(owner.retryAfterSeconds).toBe(3600);
    clock.advance(3600 * 1000);
    expect((await Actor.provide({ type: "public", ip: "192.0.2.200" }, () => Auth.signIn({ login, password: PASSWORD }))).accessToken).toBeTruthy();
  }, 300_000);

  it("rotates the refresh token and revokes the session when an old one is replayed", async () => {
    const first = await signUp();
    const second = await Auth.refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await reject(Auth.refresh({ refreshToken: first.refreshToken }))).code).toBe("auth.session_expired");
    // the replay revoked the whole session, so the newest token is dead too
    expect((await reject(Auth.refresh({ refreshToken: second.refreshToken }))).code).toBe("auth.session_expired");
  });

  it("revokes the session when any earlier refresh token comes back: R0 after R0 → R1 → R2", async () => {
    const r0 = await signUp();
    const r1 = await Auth.refresh({ refreshToken: r0.refreshToken });
    const r2 = await Auth.refresh({ refreshToken: r1.refreshToken });
    expect((await reject(Auth.refresh({ refreshToken: r0.refreshToken }))).code).toBe("auth.session_expired");
    expect((await reject(Auth.refresh({ refreshToken: r2.refreshToken }))).code).toBe("auth.session_expired");
  });

  it("two refreshes racing with one token: exactly one gets new tokens and the session is revoked", async () => {
    const first = await signUp();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => Auth.refresh({ refreshToken: first.refreshToken })));
    const won = results.filter((r): r is PromiseFulfilledResult<Auth.Tokens> => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as VisibleError).code).toBe("auth.session_expired");
    expect((await reject(Auth.refresh({ refreshToken: won[0]?.value.refreshToken as string }))).code).toBe("auth.session_expired");
  });

  it("refuses a refresh token that was never issued without ending the session", async () => {
    const first = await signUp();
    const second = await Auth.refresh({ refreshToken: first.refreshToken });
    const [sessionID] = second.refreshToken.split(".");
    const madeUp = "A".repeat(43);
    for (const forged of [`${sessionID}.1.${madeUp}`, `${sessionID}.9.${madeUp}`]) {
      expect((await reject(Auth.refresh({ refreshToken: forged }))).code).toBe("auth.session_expired");
    }
    expect((await Auth.refresh({ refreshToken: second.refreshToken })).accessToken).toBeTruthy();
  });

  it("still refreshes a token issued before generations (`<sessionID>.<secret>`) as generation 0", async () => {
    const first = await signUp();
    const [sessionID, generation, secret] = first.refreshToken.split(".");
    expect(generation).toBe("0");
    expect((await Auth.refresh({ refreshToken: `${sessionID}.${secret}` })).refreshToken).toMatch(/^ses_\w+\.1\./);
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
