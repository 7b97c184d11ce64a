import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import type { Actor } from "../actor/index.js";
import { Config } from "../config/index.js";

/** Access tokens are short-lived; the refresh token rotates on every use and sign-out revokes it. */
export const ACCESS_TTL_SECONDS = 10 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;
const ALG = "ES256";
const TYP = "at+jwt";

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}
let keys: Promise<Keys> | undefined;

async function load(): Promise<Keys> {
  const raw = Config.jwt.privateJwk();
  if (!raw) throw new Error("JWT_PRIVATE_JWK is not configured");
  const jwk = JSON.parse(raw) as JWK;
  const { d: _d, ...pub } = jwk;
  const [privateKey, publicKey] = await Promise.all([importJWK(jwk, ALG), importJWK(pub, ALG)]);
  return { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey, kid: await calculateJwkThumbprint(pub) };
}

function current(): Promise<Keys> {
  keys ??= load();
  return keys;
}

/** Forget the loaded key (tests and the local stack switch keys). */
export function resetKeys(): void {
  keys = undefined;
  verified.clear();
}

/**
 * A token is immutable, so a signature once verified stays verified until it expires:
 * repeat requests with the same token skip the ECDSA check. Bounded, oldest evicted first.
 */
const verified = new Map<string, { claims: Claims; expiresAtMs: number }>();
const VERIFIED_MAX = 2000;

function remember(token: string, claims: Claims, expiresAtMs: number): void {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
  verified.set(token, { claims, expiresAtMs });
}

/** A fresh ES256 key as a JWK string, for the local stack and tests. */
export async function generateSigningJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: ALG });
}

export interface Claims {
  personID: string;
  sessionID: string;
  memberships: Actor.Membership[];
}

/** Memberships travel compactly as "kind:orgID:role". */
export async function signAccess(claims: Claims, nowMs: number): Promise<string> {
  const { privateKey, kid } = await current();
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ sid: claims.sessionID, m: claims.memberships.map((m) => `${m.kind}:${m.orgID}:${m.role}`) })
    .setProtectedHeader({ alg: ALG, typ: TYP, kid })
    .setSubject(claims.personID)
    .setIssuer(Config.jwt.issuer())
    .setAudience(Config.jwt.audience())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TTL_SECONDS)
    .sign(privateKey);
}

/** Verifies algorithm (allow-list), type, issuer, audience and expiry; undefined for anything invalid. */
export async function verifyAccess(token: string, nowMs: number): Promise<Claims | undefined> {
  const hit = verified.get(token);
  if (hit) {
    if (hit.expiresAtMs > nowMs) return hit.claims;
    verified.delete(token);
    return undefined;
  }
  const { publicKey } = await current();
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [ALG],
      typ: TYP,
      issuer: Config.jwt.issuer(),
      audience: Config.jwt.audience(),
      currentDate: new Date(nowMs),
      requiredClaims: ["sub", "sid", "exp", "iat"],
    });
    const m = Array.isArray(payload.m) ? payload.m : [];
    const memberships: Actor.Membership[] = [];
    for (const entry of m) {
      const [kind, orgID, role] = String(entry).split(":");
      if (!kind || !orgID || !role) return undefined;
      memberships.push({ kind: kind as Actor.OrgKind, orgID, role: role as Actor.Role });
    }
    const claims = { personID: String(payload.sub), sessionID: String(payload.sid), memberships };
    remember(token, claims, Number(payload.exp) * 1000);
    return claims;
  } catch {
    return undefined;
  }
}

/**
 * Refresh tokens are `<sessionID>.<generation>.<secret>`: the generation counts the session's
 * rotations, so any earlier token is recognisable as spent; only a SHA-256 of the current secret is stored.
 */
export function newRefreshSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function joinRefresh(sessionID: string, generation: number, secret: string): string {
  return `${sessionID}.${generation}.${secret}`;
}

export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Tokens issued before generations existed (`<sessionID>.<secret>`) read as generation 0. */
export function splitRefresh(token: string): { sessionID: string; generation: number; secret: string } | undefined {
  const match = /^(ses_[0-9A-HJKMNP-TV-Z]{26})\.(?:(0|[1-9]\d{0,8})\.)?([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { sessionID: match[1] as string, generation: Number(match[2] ?? 0), secret: match[3] as string } : undefined;
}
