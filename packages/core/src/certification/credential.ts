import { type CryptoKey, calculateJwkThumbprint, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { Config } from "../config/index.js";

/**
 * Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials), in the spec's JWT
 * proof format: a compact JWS, RS256, whose payload is the OpenBadgeCredential JSON plus `iss`,
 * `jti`, `nbf`, `sub` and `exp`. The header carries the public key (`jwk`) so anyone can check the
 * signature offline; trust comes from comparing its thumbprint with the platform key published at
 * GET /.well-known/jwks.json — our own verifier only ever uses the platform key.
 */
export const ALG = "RS256";
export const CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] as const;
export const SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const PLATFORM = { id: "urn:zhubo:issuer:platform", name: "主播 zhubo" } as const;

/** National Internet Marketer (互联网营销师) levels, livestream-sales track: 5 is the entry level. */
export const NATIONAL_LEVELS = {
  "5": "互联网营销师（直播销售员）五级 / 初级工",
  "4": "互联网营销师（直播销售员）四级 / 中级工",
  "3": "互联网营销师（直播销售员）三级 / 高级工",
  "2": "互联网营销师（直播销售员）二级 / 技师",
  "1": "互联网营销师（直播销售员）一级 / 高级技师",
} as const;
export type NationalLevel = keyof typeof NATIONAL_LEVELS;

export interface CredentialFacts {
  code: string;
  holderID: string;
  holderName: string;
  definitionID: string;
  name: string;
  description: string;
  category: string;
  level: number;
  nationalLevel: NationalLevel;
  criteria: string;
  /** The agency (or the platform) that defined the certification. */
  creator: { id: string; name: string };
  issuedAt: string;
  expiresAt: string;
}

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}
let keys: Promise<Keys> | undefined;

async function load(): Promise<Keys> {
  const raw = Config.credential.privateJwk();
  if (!raw) throw new Error("CREDENTIAL_PRIVATE_JWK is not configured");
  const jwk = JSON.parse(raw) as JWK;
  if (jwk.kty !== "RSA" || !jwk.d) throw new Error("CREDENTIAL_PRIVATE_JWK: must be an RSA private key (JWK)");
  const publicJwk: JWK = { kty: "RSA", n: jwk.n, e: jwk.e };
  const kid = await calculateJwkThumbprint(publicJwk);
  const [privateKey, publicKey] = await Promise.all([importJWK({ ...jwk, alg: ALG }, ALG), importJWK(publicJwk, ALG)]);
  return { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey, publicJwk: { ...publicJwk, kid, alg: ALG, use: "sig" }, kid };
}

function current(): Promise<Keys> {
  keys ??= load();
  return keys;
}

/** Forget the loaded key (tests and the local stack switch keys). */
export function resetKeys(): void {
  keys = undefined;
}

export async function generateSigningJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: ALG });
}

/** The public half, as a JWKS (served at /.well-known/jwks.json). */
export async function jwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await current()).publicJwk] };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The OpenBadgeCredential JSON for a certificate (what the JWT's payload carries). */
export function build(f: CredentialFacts) {
  return {
    "@context": [...CONTEXT],
    id: `urn:zhubo:certificate:${f.code}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: PLATFORM.id, type: ["Profile"], name: PLATFORM.name },
    validFrom: new Date(f.issuedAt).toISOString(),
    validUntil: new Date(f.expiresAt).toISOString(),
    awardedDate: new Date(f.issuedAt).toISOString(),
    name: f.name,
    credentialSchema: [{ id: SCHEMA_ID, type: "1EdTechJsonSchemaValidator2019" }],
    credentialSubject: {
      id: `urn:zhubo:person:${f.holderID}`,
      type: ["AchievementSubject"],
      achievement: {
        id: `urn:zhubo:certification:${f.definitionID}`,
        type: ["Achievement"],
        achievementType: "Certification",
        name: f.name,
        description: f.description,
        criteria: { narrative: f.criteria },
        creator: { id: f.creator.id, type: ["Profile"], name: f.creator.name },
        fieldOfStudy: f.category,
        humanCode: `L${f.level}`,
        specialization: NATIONAL_LEVELS[f.nationalLevel],
        inLanguage: "zh-CN",
        tag: [f.category, `level-${f.level}`, `national-level-${f.nationalLevel}`],
      },
    },
  };
}
export type Credential = ReturnType<typeof build>;

/** The signed credential: a compact JWS (the file a holder downloads). */
export async function sign(f: CredentialFacts): Promise<string> {
  const k = await current();
  const vc = build(f);
  return new SignJWT({ ...vc })
    .setProtectedHeader({ alg: ALG, typ: "JWT", jwk: { kty: "RSA", n: k.publicJwk.n as string, e: k.publicJwk.e as string } })
    .setIssuer(vc.issuer.id)
    .setJti(vc.id)
    .setSubject(vc.credentialSubject.id)
    .setNotBefore(seconds(vc.validFrom))
    .setExpirationTime(seconds(vc.validUntil))
    .sign(k.privateKey);
}

export type Checked = { ok: true; credential: Credential; code: string } | { ok: false; reason: "malformed" | "signature" | "not_ours" };

/**
 * Checks an uploaded credential against the platform key (never the key the file brings), and
 * reads the certificate code from its id. Expiry is not judged here: the caller reports the
 * certificate's status now, which also covers renewal and revocation after the file was made.
 */
export async function check(text: string): Promise<Checked> {
  const jws = text.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jws) || jws.length > 32_000) return { ok: false, reason: "malformed" };
  try {
    decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const k = await current();
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, k.publicKey, { algorithms: [ALG] }));
  } catch {
    return { ok: false, reason: "signature" };
  }
  let vc: Credential;
  try {
    vc = JSON.parse(new TextDecoder().decode(payload)) as Credential;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const code = typeof vc.id === "string" && vc.id.startsWith("urn:zhubo:certificate:") ? vc.id.slice("urn:zhubo:certificate:".length) : undefined;
  if (!code || vc.issuer?.id !== PLATFORM.id) return { ok: false, reason: "not_ours" };
  return { ok: true, credential: vc, code };
}
