import { type CryptoKey, calculateJwkThumbprint, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { Config } from "../config/index.js";

/**
 * Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials), in the spec's JWT
 * proof format: a compact JWS, RS256, whose payload is the OpenBadgeCredential JSON plus `iss`,
 * `jti`, `nbf`, `sub` and `exp`. The header names the signing key by `kid` (its RFC 7638
 * thumbprint as an RFC 9278 URI) and also carries the public key (`jwk`) for offline tools; trust
 * comes only from the platform's JWKS (GET /.well-known/jwks.json): our verifiers pick the key by
 * `kid` from it, never the key in the header. The JWKS keeps retired public keys
 * (CREDENTIAL_RETIRED_JWKS) so files signed before a key rotation still verify.
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

/** A credential's `nbf`/`exp` are judged with this much leeway for the verifier's clock. */
export const CLOCK_SKEW_SECONDS = 60;
/** RFC 9278: a JWK thumbprint (RFC 7638, SHA-256) as a URI — OB 3.0 wants `kid` to be a URI. */
export const KID_PREFIX = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:";

interface Verifier {
  kid: string;
  key: CryptoKey;
  /** As published in the JWKS: the public half only. */
  jwk: JWK;
}
interface Keys {
  privateKey: CryptoKey;
  current: Verifier;
  /** Every key a genuine file may name: the current one first, then the retired ones. */
  byKid: Map<string, Verifier>;
}
let keys: Promise<Keys> | undefined;

const publicHalf = (jwk: JWK): JWK => ({ kty: "RSA", n: jwk.n, e: jwk.e });

/** The `kid` of an RSA key: the RFC 9278 URI of its RFC 7638 thumbprint. */
export async function kidOf(jwk: JWK): Promise<string> {
  return `${KID_PREFIX}${await calculateJwkThumbprint(publicHalf(jwk))}`;
}

async function verifier(jwk: JWK): Promise<Verifier> {
  const kid = await kidOf(jwk);
  const key = (await importJWK({ ...publicHalf(jwk), alg: ALG }, ALG)) as CryptoKey;
  return { kid, key, jwk: { ...publicHalf(jwk), kid, alg: ALG, use: "sig" } };
}

/** The public halves of keys that signed credentials before a rotation (a JWKS, JSON). */
function retired(): JWK[] {
  const raw = Config.credential.retiredJwks();
  if (!raw) return [];
  let list: unknown;
  try {
    list = (JSON.parse(raw) as { keys?: unknown }).keys;
  } catch {
    list = undefined;
  }
  const rsa = (k: unknown): k is JWK =>
    typeof k === "object" && k !== null && (k as JWK).kty === "RSA" && typeof (k as JWK).n === "string" && typeof (k as JWK).e === "string";
  if (!Array.isArray(list) || !list.every(rsa))
    throw new Error('CREDENTIAL_RETIRED_JWKS: must be a JWKS of RSA public keys ({"keys": [{"kty": "RSA", "n": …, "e": …}]})');
  return list;
}

async function load(): Promise<Keys> {
  const raw = Config.credential.privateJwk();
  if (!raw) throw new Error("CREDENTIAL_PRIVATE_JWK is not configured");
  const jwk = JSON.parse(raw) as JWK;
  if (jwk.kty !== "RSA" || !jwk.d) throw new Error("CREDENTIAL_PRIVATE_JWK: must be an RSA private key (JWK)");
  const [privateKey, current, ...old] = await Promise.all([importJWK({ ...jwk, alg: ALG }, ALG), verifier(jwk), ...retired().map(verifier)]);
  const byKid = new Map<string, Verifier>();
  for (const v of [current, ...old] as Verifier[]) if (!byKid.has(v.kid)) byKid.set(v.kid, v);
  return { privateKey: privateKey as CryptoKey, current: current as Verifier, byKid };
}

function loaded(): Promise<Keys> {
  keys ??= load();
  return keys;
}

/** Forget the loaded keys (tests and the local stack switch keys). */
export function resetKeys(): void {
  keys = undefined;
}

export async function generateSigningJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: ALG });
}

/** The public halves, as a JWKS (served at /.well-known/jwks.json): the signing key, then retired ones. */
export async function jwks(): Promise<{ keys: JWK[] }> {
  return { keys: [...(await loaded()).byKid.values()].map((v) => v.jwk) };
}

/**
 * An instant as ISO 8601 without a fraction of a second (`2026-11-25T08:00:00Z`): a JWT's
 * NumericDates are whole seconds and `nbf`/`exp` must equal `validFrom`/`validUntil` exactly.
 */
export const wholeSeconds = (iso: string) => `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The OpenBadgeCredential JSON for a certificate (what the JWT's payload carries). */
export function build(f: CredentialFacts) {
  return {
    "@context": [...CONTEXT],
    id: `urn:zhubo:certificate:${f.code}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: PLATFORM.id, type: ["Profile"], name: PLATFORM.name },
    validFrom: wholeSeconds(f.issuedAt),
    validUntil: wholeSeconds(f.expiresAt),
    awardedDate: wholeSeconds(f.issuedAt),
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
  const { privateKey, current } = await loaded();
  const vc = build(f);
  return new SignJWT({ ...vc })
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid: current.kid, jwk: publicHalf(current.jwk) })
    .setIssuer(vc.issuer.id)
    .setJti(vc.id)
    .setSubject(vc.credentialSubject.id)
    .setNotBefore(seconds(vc.validFrom))
    .setExpirationTime(seconds(vc.validUntil))
    .sign(privateKey);
}

/** The platform signed it and nothing changed; `expired`/`not_yet_valid` judge the file's own dates. */
export type Genuine = "valid" | "expired" | "not_yet_valid";
/**
 * Why a file is refused: `malformed` (not a compact JWS of JSON), `unknown_key` (its `kid` is in
 * no platform JWKS), `invalid` (forged or altered), `not_ours` (not a zhubo certificate),
 * `inconsistent` (its JWT claims contradict the credential, e.g. `nbf` ≠ `validFrom`).
 */
export type Refused = "malformed" | "unknown_key" | "invalid" | "not_ours" | "inconsistent";
export type Signature = Genuine | Refused;
export type Checked = { genuine: true; signature: Genuine; credential: Credential; code: string; kid: string } | { genuine: false; signature: Refused };

const refused = (signature: Refused): Checked => ({ genuine: false, signature });
const CODE_PREFIX = "urn:zhubo:certificate:";

/** The key the header names; a file made before `kid` was added names it by its `jwk`, whose thumbprint is the kid. */
async function namedKid(header: { kid?: unknown; jwk?: unknown }): Promise<string | undefined> {
  if (typeof header.kid === "string") return header.kid;
  const jwk = header.jwk as JWK | undefined;
  if (jwk?.kty === "RSA" && typeof jwk.n === "string" && typeof jwk.e === "string") return kidOf(jwk);
  return undefined;
}

type Claims = Credential & { iss?: unknown; jti?: unknown; sub?: unknown; nbf?: unknown; exp?: unknown };

/** The JWT claims restate the credential exactly (OB 3.0's JWT proof format): nbf = validFrom, exp = validUntil, to the second. */
function consistent(c: Claims): boolean {
  const instant = (iso: unknown) => (typeof iso === "string" ? Date.parse(iso) : Number.NaN);
  const same = (numericDate: unknown, iso: unknown) => Number.isInteger(numericDate) && (numericDate as number) * 1000 === instant(iso);
  return (
    same(c.nbf, c.validFrom) &&
    (c.exp === undefined && c.validUntil === undefined ? true : same(c.exp, c.validUntil)) &&
    c.iss === c.issuer?.id &&
    c.jti === c.id &&
    c.sub === c.credentialSubject?.id
  );
}

/**
 * Checks an uploaded credential: the key its header names by `kid` must be one of the platform's
 * (current or retired; never the key the file brings), the signature must hold, the claims must
 * restate the credential, and `nbf`/`exp` are judged at `nowMs` with CLOCK_SKEW_SECONDS of leeway.
 * The certificate's status (revoked, renewed) is the caller's to add.
 */
export async function check(text: string, nowMs: number): Promise<Checked> {
  const jws = text.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jws) || jws.length > 32_000) return refused("malformed");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return refused("malformed");
  }
  const { byKid } = await loaded();
  const kid = await namedKid(header).catch(() => undefined);
  const key = kid ? byKid.get(kid) : undefined;
  if (!kid || !key) return refused("unknown_key");
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key.key, { algorithms: [ALG] }));
  } catch {
    return refused("invalid");
  }
  let vc: Claims;
  try {
    vc = JSON.parse(new TextDecoder().decode(payload)) as Claims;
  } catch {
    return refused("malformed");
  }
  const code = typeof vc?.id === "string" && vc.id.startsWith(CODE_PREFIX) ? vc.id.slice(CODE_PREFIX.length) : undefined;
  if (!code || vc.issuer?.id !== PLATFORM.id) return refused("not_ours");
  if (!consistent(vc)) return refused("inconsistent");
  const now = nowMs / 1000;
  const signature: Genuine =
    now < (vc.nbf as number) - CLOCK_SKEW_SECONDS
      ? "not_yet_valid"
      : vc.exp !== undefined && now >= (vc.exp as number) + CLOCK_SKEW_SECONDS
        ? "expired"
        : "valid";
  return { genuine: true, signature, credential: vc, code, kid };
}
