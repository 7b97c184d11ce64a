import { Certification } from "@zhubo/core/certification";
import * as Credential from "@zhubo/core/certification/credential";
import { describe, expect, it } from "vitest";
import { credentialFacts } from "../../core/test/factory.js";
import { verifyCredential } from "./verify-credential.js";

const facts = credentialFacts();

describe("pnpm verify-credential (offline)", () => {
  it("accepts a credential the platform signed, with the platform's published JWKS", async () => {
    const jwt = await Credential.sign(facts);
    const verdict = verifyCredential(jwt, await Certification.jwks());
    expect(verdict).toMatchObject({
      valid: true,
      credential: { id: `urn:zhubo:certificate:${facts.code}`, achievement: facts.name, validUntil: facts.expiresAt },
    });
  });

  it("refuses an altered one, and one checked against another key set", async () => {
    const jwt = await Credential.sign(facts);
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.validUntil = "2030-01-01T00:00:00.000Z";
    const altered = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    expect(verifyCredential(altered, await Certification.jwks())).toMatchObject({ valid: false, reason: expect.stringContaining("forged or altered") });
    const { generateKeyPairSync } = await import("node:crypto");
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    expect(verifyCredential(jwt, { keys: [stranger] }).valid).toBe(false);
    expect(verifyCredential("garbage", { keys: [] })).toMatchObject({ valid: false });
  });
});
