import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { credentialFacts } from "../../test/factory.js";
import { build, check, generateSigningJwk, jwks, resetKeys, sign } from "./credential.js";

/** Official reference files, copied from shared/reference/openbadges (fixtures/SOURCES.md). */
const reference = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url)), "utf8"));

/** The official 1EdTech Open Badges 3.0 AchievementCredential schema (JSON Schema 2019-09). */
function validator() {
  const ajv = new Ajv2019.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(reference("ob_v3p0_achievementcredential_schema.json"));
}

const facts = credentialFacts();

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

  it("is a compact JWS in the spec's JWT format: RS256, the public key in the header, iss/jti/nbf/sub/exp from the credential", async () => {
    const jwt = await sign(facts);
    const header = decodeProtectedHeader(jwt);
    expect(Object.keys(header).sort()).toEqual(["alg", "jwk", "typ"]);
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(header.jwk).not.toHaveProperty("d");
    // the header's key is the one published as the platform's JWKS
    const [published] = (await jwks()).keys;
    expect(await calculateJwkThumbprint(header.jwk as never)).toBe(published?.kid);
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

  it("checks a file against the platform key: the genuine one passes, altered, forged and foreign ones fail", async () => {
    const jwt = await sign(facts);
    expect(await check(jwt)).toMatchObject({ ok: true, code: facts.code });
    expect(await check(`\n${jwt}\n`)).toMatchObject({ ok: true });

    // altered: the payload says level 3 now
    const [h, p, sig] = jwt.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.credentialSubject.achievement.humanCode = "L3";
    expect(await check(`${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`)).toEqual({ ok: false, reason: "signature" });

    // forged: a look-alike credential signed with someone else's key, which it carries in its header
    const other = await generateKeyPair("RS256", { extractable: true });
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", jwk: await exportJWK(other.publicKey) }).sign(other.privateKey);
    expect(await check(forged)).toEqual({ ok: false, reason: "signature" });
    // "none" and HMAC tricks don't pass either
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    expect((await check(none)).ok).toBe(false);

    expect(await check("not a credential")).toEqual({ ok: false, reason: "malformed" });
    expect(await check(JSON.stringify(build(facts)))).toEqual({ ok: false, reason: "malformed" });
  });
});
