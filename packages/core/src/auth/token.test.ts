import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSigningJwk, joinRefresh, resetKeys, signAccess, splitRefresh, verifyAccess } from "./token.js";

const now = Date.UTC(2026, 10, 25, 12);
const claims = {
  personID: "prs_01JZ0000000000000000000000",
  sessionID: "ses_01JZ0000000000000000000000",
  memberships: [{ orgID: "agy_01JZ0000000000000000000000", kind: "agency" as const, role: "admin" as const }],
};

describe("access tokens", () => {
  beforeAll(async () => {
    process.env.JWT_PRIVATE_JWK = await generateSigningJwk();
    resetKeys();
  });

  it("round-trips the person, session and memberships", async () => {
    expect(await verifyAccess(await signAccess(claims, now), now)).toEqual(claims);
  });

  it("refuses a token past its ten minutes", async () => {
    expect(await verifyAccess(await signAccess(claims, now), now + 10 * 60_000 + 1000)).toBeUndefined();
  });

  it("refuses a token signed by another key, another algorithm, audience or type", async () => {
    const other = await generateKeyPair("ES256");
    const forged = await new SignJWT({ sid: claims.sessionID, m: [] })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt" })
      .setSubject(claims.personID)
      .setIssuer("zhubo")
      .setAudience("zhubo-api")
      .setIssuedAt(now / 1000)
      .setExpirationTime(now / 1000 + 60)
      .sign(other.privateKey);
    expect(await verifyAccess(forged, now)).toBeUndefined();
    const hs = await new SignJWT({ sid: "x" })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject("prs_x")
      .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(other.publicKey))));
    expect(await verifyAccess(hs, now)).toBeUndefined();
    const good = await signAccess(claims, now);
    process.env.JWT_AUDIENCE = "someone-else";
    try {
      expect(await verifyAccess(good, now)).toBeUndefined();
    } finally {
      delete process.env.JWT_AUDIENCE;
    }
  });

  it("parses only well-formed refresh tokens, reading the rotation generation (0 for tokens from before generations)", () => {
    const sessionID = "ses_01JZ0000000000000000000000";
    const secret = "a".repeat(43);
    expect(splitRefresh(joinRefresh(sessionID, 7, secret))).toEqual({ sessionID, generation: 7, secret });
    expect(splitRefresh(`${sessionID}.${secret}`)).toEqual({ sessionID, generation: 0, secret });
    for (const bad of [
      "ses_x.y",
      `${sessionID}.-1.${secret}`,
      `${sessionID}.01.${secret}`,
      `${sessionID}.1e3.${secret}`,
      `${sessionID}.1234567890.${secret}`,
      `${sessionID}.1.${secret}x`,
    ]) {
      expect(splitRefresh(bad), bad).toBeUndefined();
    }
  });
});
