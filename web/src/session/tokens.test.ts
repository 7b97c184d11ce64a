import { describe, expect, it } from "vitest";
import type { Membership } from "../api/types";
import { needsRefresh, orgIDsFor, parseSession, rolesOf, tokenLifetimeMs, toSession } from "./tokens";

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const jwt = (claims: unknown) => `${b64url({ alg: "ES256" })}.${b64url(claims)}.sig`;

const tokens = {
  accessToken: jwt({ iat: 1_000, exp: 1_600, sub: "prs_1" }),
  refreshToken: "ses_1.secret",
  expiresAt: 1_600_000,
  personID: "prs_1",
  memberships: [] as Membership[],
};

describe("rolesOf", () => {
  it("makes everyone a learner and orders work roles first", () => {
    expect(rolesOf([])).toEqual(["learner"]);
    const m: Membership[] = [
      { orgID: "agy_1", kind: "agency", role: "instructor" },
      { orgID: "brd_1", kind: "brand", role: "member" },
      { orgID: "zhubo", kind: "platform", role: "ops" },
      { orgID: "agy_2", kind: "agency", role: "admin" },
      { orgID: "brd_2", kind: "brand", role: "admin" },
    ];
    expect(rolesOf(m)).toEqual(["ops", "agencyAdmin", "brandAdmin", "instructor", "brandMember", "learner"]);
    expect(orgIDsFor(m, "agencyAdmin")).toEqual(["agy_2"]);
  });

  it("ignores combinations that grant nothing", () => {
    expect(rolesOf([{ orgID: "agy_1", kind: "agency", role: "member" }])).toEqual(["learner"]);
  });
});

describe("refresh timing", () => {
  it("refreshes within a minute of expiry", () => {
    expect(needsRefresh(100_000, 30_000)).toBe(false);
    expect(needsRefresh(100_000, 40_000)).toBe(true);
    expect(needsRefresh(100_000, 200_000)).toBe(true);
  });

  it("times expiry by the token's own lifetime, not the device clock", () => {
    expect(tokenLifetimeMs(tokens.accessToken)).toBe(600_000);
    const skewed = toSession(tokens, 99_000_000);
    expect(skewed.localExpiresAt).toBe(99_600_000);
    expect(toSession({ ...tokens, accessToken: "not-a-jwt" }, 5).localExpiresAt).toBe(1_600_000);
    expect(tokenLifetimeMs(jwt({ iat: 5, exp: 5 }))).toBeUndefined();
  });
});

describe("parseSession", () => {
  it("round-trips a stored session", () => {
    const s = toSession({ ...tokens, memberships: [{ orgID: "agy_1", kind: "agency", role: "admin" }] }, 0);
    expect(parseSession(JSON.stringify(s))).toEqual(s);
  });

  it("treats anything malformed as signed out", () => {
    for (const raw of [null, "", "{", "[]", "null", JSON.stringify({ ...tokens }), JSON.stringify({ ...toSession(tokens, 0), memberships: [{ orgID: 1 }] })]) {
      expect(parseSession(raw)).toBeNull();
    }
  });
});
