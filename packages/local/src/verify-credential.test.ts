import { createPrivateKey, generateKeyPairSync, type KeyObject, sign as rsaSign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Certification } from "@zhubo/core/certification";
import * as Credential from "@zhubo/core/certification/credential";
import { afterEach, describe, expect, it, vi } from "vitest";
import { credentialFacts } from "../../core/test/factory.js";
import { CLOCK_SKEW_SECONDS, main, thumbprintKid, verifyCredential } from "./verify-credential.js";

const facts = credentialFacts();
const nbf = Date.parse(facts.issuedAt);
const exp = Date.parse(facts.expiresAt);
/** An instant inside the file's validity: the checks never read the wall clock. */
const during = nbf + 86_400_000;

const part = (text: string, i: number) => JSON.parse(Buffer.from(text.split(".")[i] as string, "base64url").toString()) as Record<string, unknown>;
const decodeProtectedHeader = (jwt: string) => part(jwt, 0) as { kid?: string };
const decodeJwt = (jwt: string) => part(jwt, 1);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

/** A compact JWS, RS256, with Node's crypto: the claims and header chosen by the test. */
function rs256(claims: Record<string, unknown>, header: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64({ alg: "RS256", typ: "JWT", ...header })}.${b64(claims)}`;
  return `${input}.${rsaSign("RSA-SHA256", Buffer.from(input), key).toString("base64url")}`;
}

/** Files only the platform could sign: its private key with chosen claims and header. */
async function platformSigned(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return rs256(claims, header, createPrivateKey({ key: JSON.parse(process.env.CREDENTIAL_PRIVATE_JWK as string), format: "jwk" }));
}

const original = process.env.CREDENTIAL_PRIVATE_JWK;
afterEach(() => {
  process.env.CREDENTIAL_PRIVATE_JWK = original;
  delete process.env.CREDENTIAL_RETIRED_JWKS;
  Certification.resetKeys();
  vi.restoreAllMocks();
});

describe("pnpm verify-credential (offline)", () => {
  it("accepts a credential the platform signed, picking the key its kid names from the published JWKS", async () => {
    const jwt = await Credential.sign(facts);
    const jwks = await Certification.jwks();
    const verdict = verifyCredential(jwt, jwks, { at: during });
    expect(verdict).toMatchObject({
      valid: true,
      signature: "valid",
      kid: decodeProtectedHeader(jwt).kid,
      credential: { id: `urn:zhubo:certificate:${facts.code}`, achievement: facts.name, validFrom: "2026-11-25T08:00:00Z", validUntil: "2027-11-25T08:00:00Z" },
    });
    // the kid is the key's RFC 7638 thumbprint, computed here with Node's crypto alone
    expect(thumbprintKid(jwks.keys[0] as never)).toBe(decodeProtectedHeader(jwt).kid);
  });

  it("refuses an expired file with a clear reason, allowing a minute of clock skew either side", async () => {
    const jwt = await Credential.sign(facts);
    const jwks = await Certification.jwks();
    const skew = CLOCK_SKEW_SECONDS * 1000;
    expect(verifyCredential(jwt, jwks, { at: exp + skew - 1000 }).valid).toBe(true);
    expect(verifyCredential(jwt, jwks, { at: exp + skew })).toMatchObject({
      valid: false,
      signature: "expired",
      reason: "the file expired at 2027-11-25T08:00:00.000Z (exp; checked at 2027-11-25T08:01:00.000Z, allowing 60 s of clock skew)",
      credential: { validUntil: "2027-11-25T08:00:00Z" },
    });
    expect(verifyCredential(jwt, jwks, { at: nbf - skew }).valid).toBe(true);
    expect(verifyCredential(jwt, jwks, { at: nbf - skew - 1000 })).toMatchObject({
      valid: false,
      signature: "not_yet_valid",
      reason: expect.stringContaining("not valid before 2026-11-25T08:00:00.000Z"),
    });
  });

  it("refuses a genuinely signed file whose nbf is not validFrom to the second, or whose exp is not validUntil", async () => {
    const claims = decodeJwt(await Credential.sign(facts)) as Record<string, unknown>;
    const { kid } = decodeProtectedHeader(await Credential.sign(facts));
    const jwks = await Certification.jwks();
    expect(verifyCredential(await platformSigned(claims, { kid }), jwks, { at: during }).valid).toBe(true);
    const cases: [Record<string, unknown>, string][] = [
      [{ nbf: (claims.nbf as number) + 1 }, "nbf (1795593601) is not validFrom (2026-11-25T08:00:00Z) to the second"],
      [{ validFrom: "2026-11-25T08:00:00.500Z" }, "nbf (1795593600) is not validFrom (2026-11-25T08:00:00.500Z) to the second"],
      [{ nbf: undefined }, "nbf (undefined) is not validFrom"],
      [{ exp: (claims.exp as number) + 86_400 }, "exp (1827216000) is not validUntil (2027-11-25T08:00:00Z) to the second"],
      [{ jti: "urn:zhubo:certificate:OTHER" }, "jti is not the credential's id"],
    ];
    for (const [patch, reason] of cases) {
      expect(verifyCredential(await platformSigned({ ...claims, ...patch }, { kid }), jwks, { at: during })).toEqual({
        valid: false,
        signature: "inconsistent",
        reason: expect.stringContaining(reason),
      });
    }
  });

  it("verifies a file signed with a retired key while the JWKS holds it, and refuses it once the JWKS doesn't", async () => {
    const before = await Credential.sign(facts);
    const [retired] = (await Certification.jwks()).keys;
    process.env.CREDENTIAL_PRIVATE_JWK = await Certification.generateSigningJwk();
    process.env.CREDENTIAL_RETIRED_JWKS = JSON.stringify({ keys: [retired] });
    Certification.resetKeys();
    const after = await Credential.sign(facts);
    const published = await Certification.jwks();
    expect(published.keys).toHaveLength(2);
    expect(verifyCredential(before, published, { at: during })).toMatchObject({ valid: true, kid: retired?.kid });
    expect(verifyCredential(after, published, { at: during })).toMatchObject({ valid: true, kid: decodeProtectedHeader(after).kid });

    const withoutRetired = { keys: published.keys.filter((k) => k.kid !== retired?.kid) };
    expect(verifyCredential(before, withoutRetired as never, { at: during })).toMatchObject({
      valid: false,
      signature: "unknown_key",
      reason: expect.stringContaining(`no key in the platform's JWKS has kid ${retired?.kid}`),
    });
    expect(verifyCredential(after, withoutRetired as never, { at: during }).valid).toBe(true);
  });

  it("refuses an unknown kid, a file naming no key, and a file that names the platform's kid but was signed by another key", async () => {
    const jwks = await Certification.jwks();
    const claims = decodeJwt(await Credential.sign(facts)) as Record<string, unknown>;
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const strangerJwk = stranger.publicKey.export({ format: "jwk" });
    const sign = async (header: Record<string, unknown>) => rs256(claims, header, stranger.privateKey);
    expect(verifyCredential(await sign({ kid: thumbprintKid(strangerJwk), jwk: strangerJwk }), jwks, { at: during })).toMatchObject({
      valid: false,
      signature: "unknown_key",
    });
    expect(verifyCredential(await sign({}), jwks, { at: during })).toEqual({
      valid: false,
      signature: "unknown_key",
      reason: "the header names no key (no kid)",
    });
    // the key in the header is never used: a forger naming our kid and carrying their own key fails the signature
    expect(verifyCredential(await sign({ kid: jwks.keys[0]?.kid, jwk: strangerJwk }), jwks, { at: during })).toMatchObject({
      valid: false,
      signature: "invalid",
      reason: expect.stringContaining("forged or altered"),
    });
  });

  it("refuses an altered one, and one checked against another key set", async () => {
    const jwt = await Credential.sign(facts);
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.validUntil = "2030-01-01T00:00:00Z";
    claims.exp = Date.parse(claims.validUntil) / 1000;
    const altered = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    expect(verifyCredential(altered, await Certification.jwks(), { at: during })).toMatchObject({
      valid: false,
      signature: "invalid",
      reason: expect.stringContaining("forged or altered"),
    });
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    expect(verifyCredential(jwt, { keys: [stranger] }, { at: during })).toMatchObject({ valid: false, signature: "unknown_key" });
    expect(verifyCredential("garbage", { keys: [] })).toMatchObject({ valid: false, signature: "malformed" });
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: decodeProtectedHeader(jwt).kid })).toString("base64url")}.${p}.`;
    expect(verifyCredential(none, await Certification.jwks(), { at: during })).toMatchObject({ valid: false, signature: "invalid" });
  });

  it("exits 0 for a current file, 1 for an expired one judged --at a later instant, 2 for bad arguments", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "zhubo-verify-"));
    const file = path.join(dir, "cert.jwt");
    const jwksFile = path.join(dir, "jwks.json");
    writeFileSync(file, await Credential.sign(facts));
    writeFileSync(jwksFile, JSON.stringify(await Certification.jwks()));
    const out = vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await main([file, jwksFile, "--at", "2027-01-01T00:00:00Z"])).toBe(0);
    expect(out.mock.calls.at(-1)?.[0]).toContain("Signature valid and the file is within its dates");
    expect(await main([file, jwksFile, "--at", "2027-11-26T00:00:00Z"])).toBe(1);
    expect(out.mock.calls.at(-1)?.[0]).toBe(
      "\nNOT VALID (expired): the file expired at 2027-11-25T08:00:00.000Z (exp; checked at 2027-11-26T00:00:00.000Z, allowing 60 s of clock skew).",
    );
    expect(await main([file, jwksFile, "--at", "yesterday"])).toBe(2);
    expect(await main([])).toBe(2);
  });
});
