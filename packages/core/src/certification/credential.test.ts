import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { credentialFacts } from "../../test/factory.js";
import { build, CLOCK_SKEW_SECONDS, check, generateSigningJwk, jwks, kidOf, resetKeys, sign } from "./credential.js";

/** Official reference files, copied from shared/reference/openbadges (fixtures/SOURCES.md). */
const reference = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url)), "utf8"));

/** The official 1EdTech Open Badges 3.0 AchievementCredential schema (JSON Schema 2019-09). */
function validator() {
  const ajv = new Ajv2019.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(reference("ob_v3p0_achievementcredential_schema.json"));
}

const facts = credentialFacts();
/** An instant inside the file's validity. */
const during = Date.parse(facts.issuedAt) + 86_400_000;
/** The platform's private key, to sign crafted files only the platform could have made. */
const platformKey = async () => importJWK(JSON.parse(process.env.CREDENTIAL_PRIVATE_JWK as string) as JWK, "RS256");

beforeAll(async () => {
  process.env.CREDENTIAL_PRIVATE_JWK = await generateSigningJwk();
  resetKeys();
});

describe("the Open Badges 3.0 credential", () => {
  it("validates against the official AchievementCredential schema (which accepts the spec's sample and refuses the pre-final draft)", () => {
    const validate = validator();
    expect(validate(reference("sample-openbadgecredential.json"))).toBe(true);
    expect(validate(reference("validator-simple.ob30-draft.json"))).toBe(false);
    const ok = validate(build(facts));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("is a compact JWS in the spec's JWT format: RS256, the key named by kid and carried as jwk, iss/jti/nbf/sub/exp from the credential", async () => {
    const jwt = await sign(facts);
    const header = decodeProtectedHeader(jwt);
    expect(Object.keys(header).sort()).toEqual(["alg", "jwk", "kid", "typ"]);
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(header.jwk).not.toHaveProperty("d");
    // the kid is the RFC 7638 thumbprint of the header's key as an RFC 9278 URI, and names the published key
    const [published] = (await jwks()).keys;
    expect(header.kid).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${await calculateJwkThumbprint(header.jwk as never)}`);
    expect(published?.kid).toBe(header.kid);
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({
      iss: "urn:zhubo:issuer:platform",
      jti: `urn:zhubo:certificate:${facts.code}`,
      sub: `urn:zhubo:person:${facts.holderID}`,
      nbf: Date.parse(facts.issuedAt) / 1000,
      exp: Date.parse(facts.expiresAt) / 1000,
    });
    const validate = validator();
    expect(validate(payload)).toBe(true);
  });

  it("states validFrom and validUntil in whole seconds, equal to nbf and exp, even when the certificate's instants carry milliseconds", async () => {
    const odd = { ...facts, issuedAt: "2026-11-25T08:00:00.789Z", expiresAt: "2027-11-25T08:00:00.456Z" };
    const payload = decodeJwt(await sign(odd)) as ReturnType<typeof decodeJwt> & { validFrom: string; validUntil: string; awardedDate: string };
    expect(payload).toMatchObject({ validFrom: "2026-11-25T08:00:00Z", validUntil: "2027-11-25T08:00:00Z", awardedDate: "2026-11-25T08:00:00Z" });
    expect(Date.parse(payload.validFrom)).toBe((payload.nbf as number) * 1000);
    expect(Date.parse(payload.validUntil)).toBe((payload.exp as number) * 1000);
    expect(validator()(payload)).toBe(true);
  });

  it("checks a file against the platform key: the genuine one passes, altered, forged and foreign ones fail", async () => {
    const jwt = await sign(facts);
    expect(await check(jwt, during)).toMatchObject({ genuine: true, signature: "valid", code: facts.code });
    expect(await check(`\n${jwt}\n`, during)).toMatchObject({ signature: "valid" });

    // altered: the payload says level 3 now
    const [h, p, sig] = jwt.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.credentialSubject.achievement.humanCode = "L3";
    expect(await check(`${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`, during)).toEqual({ genuine: false, signature: "invalid" });

    // forged: a look-alike credential signed with someone else's key, which it carries in its header
    const other = await generateKeyPair("RS256", { extractable: true });
    const otherJwk = await exportJWK(other.publicKey);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", jwk: otherJwk }).sign(other.privateKey);
    expect(await check(forged, during)).toEqual({ genuine: false, signature: "unknown_key" });
    // …naming our key by kid (or carrying our jwk) doesn't help: the signature is checked with our key
    const { kid, jwk } = decodeProtectedHeader(jwt);
    for (const header of [{ kid }, { jwk }]) {
      const posing = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", ...header }).sign(other.privateKey);
      expect(await check(posing, during)).toEqual({ genuine: false, signature: "invalid" });
    }
    // "none" and HMAC tricks don't pass either
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT", kid })).toString("base64url")}.${p}.`;
    expect((await check(none, during)).genuine).toBe(false);
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid }).sign(new TextEncoder().encode(JSON.stringify(jwk)));
    expect(await check(hmac, during)).toEqual({ genuine: false, signature: "invalid" });

    expect(await check("not a credential", during)).toEqual({ genuine: false, signature: "malformed" });
    expect(await check(JSON.stringify(build(facts)), during)).toEqual({ genuine: false, signature: "malformed" });
  });

  it("refuses a file whose kid names no platform key, and still accepts one made before kid was added (named by its jwk)", async () => {
    const stranger = await generateKeyPair("RS256", { extractable: true });
    const claims = decodeJwt(await sign(facts));
    const unknown = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: await kidOf(await exportJWK(stranger.publicKey)) })
      .sign(stranger.privateKey);
    expect(await check(unknown, during)).toEqual({ genuine: false, signature: "unknown_key" });
    const named = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "https://example.edu/keys#key-1" }).sign(await platformKey());
    expect(await check(named, during)).toEqual({ genuine: false, signature: "unknown_key" });
    const nameless = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(await platformKey());
    expect(await check(nameless, during)).toEqual({ genuine: false, signature: "unknown_key" });

    const { jwk } = decodeProtectedHeader(await sign(facts));
    const legacy = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", jwk }).sign(await platformKey());
    expect(await check(legacy, during)).toMatchObject({ genuine: true, signature: "valid" });
  });

  it("judges the file's own dates with a minute of clock skew: not yet valid before nbf, expired from exp", async () => {
    const jwt = await sign(facts);
    const nbf = Date.parse(facts.issuedAt);
    const exp = Date.parse(facts.expiresAt);
    const skew = CLOCK_SKEW_SECONDS * 1000;
    expect(CLOCK_SKEW_SECONDS).toBe(60);
    expect(await check(jwt, nbf - skew - 1000)).toMatchObject({ genuine: true, signature: "not_yet_valid" });
    expect(await check(jwt, nbf - skew)).toMatchObject({ signature: "valid" });
    expect(await check(jwt, exp + skew - 1000)).toMatchObject({ signature: "valid" });
    expect(await check(jwt, exp + skew)).toMatchObject({ genuine: true, signature: "expired", code: facts.code });
    expect(await check(jwt, exp + 400 * 86_400_000)).toMatchObject({ signature: "expired" });
  });

  it("refuses a genuinely signed file whose claims don't restate the credential: nbf ≠ validFrom (even by a second or a fraction), exp ≠ validUntil, jti ≠ id", async () => {
    const claims = decodeJwt(await sign(facts)) as Record<string, unknown>;
    const key = await platformKey();
    const { kid } = decodeProtectedHeader(await sign(facts));
    const signed = (c: Record<string, unknown>) => new SignJWT(c).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(key);
    expect(await check(await signed(claims), during)).toMatchObject({ signature: "valid" });
    for (const patch of [
      { nbf: (claims.nbf as number) + 1 },
      { nbf: undefined },
      { validFrom: "2026-11-25T08:00:00.500Z" },
      { validFrom: "2026-11-24T08:00:00Z" },
      { exp: (claims.exp as number) - 1 },
      { exp: undefined },
      { validUntil: "2030-01-01T00:00:00Z" },
      { jti: "urn:zhubo:certificate:0000000000000000000000000" },
      { sub: "urn:zhubo:person:someone-else" },
    ]) {
      expect(await check(await signed({ ...claims, ...patch }), during), JSON.stringify(patch)).toEqual({ genuine: false, signature: "inconsistent" });
    }
  });

  it("keeps verifying files signed before a key rotation while the JWKS holds the retired key, and refuses them once it doesn't", async () => {
    const before = await sign(facts);
    const oldKid = decodeProtectedHeader(before).kid;
    const [oldPublic] = (await jwks()).keys;
    const original = process.env.CREDENTIAL_PRIVATE_JWK;
    try {
      process.env.CREDENTIAL_PRIVATE_JWK = await generateSigningJwk();
      process.env.CREDENTIAL_RETIRED_JWKS = JSON.stringify({ keys: [{ kty: "RSA", n: oldPublic?.n, e: oldPublic?.e }] });
      resetKeys();
      const after = await sign(facts);
      const newKid = decodeProtectedHeader(after).kid;
      expect(newKid).not.toBe(oldKid);
      expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
      expect((await jwks()).keys.every((k) => !("d" in k))).toBe(true);
      expect(await check(before, during)).toMatchObject({ genuine: true, signature: "valid", kid: oldKid });
      expect(await check(after, during)).toMatchObject({ genuine: true, signature: "valid", kid: newKid });

      delete process.env.CREDENTIAL_RETIRED_JWKS;
      resetKeys();
      expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid]);
      expect(await check(before, during)).toEqual({ genuine: false, signature: "unknown_key" });
      expect(await check(after, during)).toMatchObject({ signature: "valid" });

      process.env.CREDENTIAL_RETIRED_JWKS = JSON.stringify({ keys: [{ kty: "EC", crv: "P-256" }] });
      resetKeys();
      await expect(jwks()).rejects.toThrow("CREDENTIAL_RETIRED_JWKS");
    } finally {
      process.env.CREDENTIAL_PRIVATE_JWK = original;
      delete process.env.CREDENTIAL_RETIRED_JWKS;
      resetKeys();
    }
  });
});
