import { createHash, createPublicKey, type JsonWebKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Offline check of a zhubo certificate credential (an Open Badges 3.0 VC as a compact JWS, RS256),
 * with Node's crypto only, so anyone can read what it does:
 *  1. the key is the one the header names by `kid`, looked up in the platform's published JWKS
 *     (a file or URL; it lists the signing key and retired ones) — never the key in the header;
 *  2. the signature holds with that key;
 *  3. the JWT claims restate the credential exactly: nbf = validFrom, exp = validUntil (whole
 *     seconds), iss = issuer.id, jti = id, sub = credentialSubject.id;
 *  4. the file is within its dates (nbf ≤ now < exp), with CLOCK_SKEW_SECONDS of leeway.
 *
 *   pnpm verify-credential <file.jwt> [jwks.json | https://api…/.well-known/jwks.json] [--at <ISO instant>]
 *
 * Whether the certificate was revoked or renewed since is the platform's to say: the public page
 * /verify/<code> (or certification.verifyCredential) checks the status too.
 */
export interface Jwks {
  keys: JsonWebKey[];
}

export const CLOCK_SKEW_SECONDS = 60;
const KID_PREFIX = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:";

export interface Summary {
  id?: string;
  name?: string;
  issuer?: string;
  subject?: string;
  achievement?: string;
  validFrom?: string;
  validUntil?: string;
}

export type Verdict =
  | { valid: true; signature: "valid"; kid: string; credential: Summary }
  | { valid: false; signature: "expired" | "not_yet_valid"; kid: string; reason: string; credential: Summary }
  | { valid: false; signature: "malformed" | "unknown_key" | "invalid" | "inconsistent"; reason: string };

/** RFC 7638 thumbprint of an RSA key (its required members in lexicographic order), as an RFC 9278 URI. */
export function thumbprintKid(k: JsonWebKey): string {
  return (
    KID_PREFIX +
    createHash("sha256")
      .update(JSON.stringify({ e: k.e, kty: "RSA", n: k.n }))
      .digest("base64url")
  );
}

const isRsa = (k: unknown): k is JsonWebKey =>
  typeof k === "object" && k !== null && (k as JsonWebKey).kty === "RSA" && typeof (k as JsonWebKey).n === "string" && typeof (k as JsonWebKey).e === "string";

function summary(payload: Record<string, unknown>): Summary {
  const subject = payload.credentialSubject as { id?: string; achievement?: { name?: string } } | undefined;
  return {
    id: payload.id as string | undefined,
    name: payload.name as string | undefined,
    issuer: (payload.issuer as { name?: string } | undefined)?.name,
    subject: subject?.id,
    achievement: subject?.achievement?.name,
    validFrom: payload.validFrom as string | undefined,
    validUntil: payload.validUntil as string | undefined,
  };
}

/** Where the claims contradict the credential they wrap, in words; undefined when they agree. */
function contradiction(p: Record<string, unknown>): string | undefined {
  const same = (numericDate: unknown, iso: unknown) =>
    Number.isInteger(numericDate) && typeof iso === "string" && (numericDate as number) * 1000 === Date.parse(iso);
  if (!same(p.nbf, p.validFrom)) return `nbf (${String(p.nbf)}) is not validFrom (${String(p.validFrom)}) to the second`;
  if (!(p.exp === undefined && p.validUntil === undefined) && !same(p.exp, p.validUntil)) {
    return `exp (${String(p.exp)}) is not validUntil (${String(p.validUntil)}) to the second`;
  }
  if (p.iss !== (p.issuer as { id?: unknown } | undefined)?.id) return "iss is not the credential's issuer.id";
  if (p.jti !== p.id) return "jti is not the credential's id";
  if (p.sub !== (p.credentialSubject as { id?: unknown } | undefined)?.id) return "sub is not the credential's credentialSubject.id";
  return undefined;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Checks `text` against the platform's JWKS as of `at` (epoch ms, default now). */
export function verifyCredential(text: string, jwks: Jwks, opts: { at?: number } = {}): Verdict {
  const parts = text.trim().split(".");
  if (parts.length !== 3) return { valid: false, signature: "malformed", reason: "not a compact JWS (three dot-separated parts)" };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown; jwk?: unknown };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { valid: false, signature: "malformed", reason: "header or payload is not base64url JSON" };
  }
  if (typeof header !== "object" || header === null || typeof payload !== "object" || payload === null) {
    return { valid: false, signature: "malformed", reason: "header or payload is not a JSON object" };
  }
  if (header.alg !== "RS256") return { valid: false, signature: "invalid", reason: `algorithm ${String(header.alg)} is not RS256` };

  // Files made before kid was added name their key only by the jwk they carry: its thumbprint is the kid.
  const kid = typeof header.kid === "string" ? header.kid : isRsa(header.jwk) ? thumbprintKid(header.jwk) : undefined;
  if (!kid) return { valid: false, signature: "unknown_key", reason: "the header names no key (no kid)" };
  const key = jwks.keys.filter(isRsa).find((k) => (k as { kid?: string }).kid === kid || thumbprintKid(k) === kid);
  if (!key) {
    return {
      valid: false,
      signature: "unknown_key",
      reason: `no key in the platform's JWKS has kid ${kid}: signed by someone else, or by a key the platform no longer lists`,
    };
  }
  const signed = Buffer.from(`${h}.${p}`);
  if (!verify("RSA-SHA256", signed, createPublicKey({ key, format: "jwk" }), Buffer.from(s, "base64url"))) {
    return { valid: false, signature: "invalid", reason: "the signature does not match the platform key it names: forged or altered" };
  }
  const contradicts = contradiction(payload);
  if (contradicts) return { valid: false, signature: "inconsistent", reason: `the claims contradict the credential: ${contradicts}` };

  const credential = summary(payload);
  const now = (opts.at ?? Date.now()) / 1000;
  const nbf = payload.nbf as number;
  const exp = payload.exp as number | undefined;
  const judged = `checked at ${iso(now)}, allowing ${CLOCK_SKEW_SECONDS} s of clock skew`;
  if (now < nbf - CLOCK_SKEW_SECONDS) {
    return { valid: false, signature: "not_yet_valid", kid, credential, reason: `the file is not valid before ${iso(nbf)} (nbf; ${judged})` };
  }
  if (exp !== undefined && now >= exp + CLOCK_SKEW_SECONDS) {
    return { valid: false, signature: "expired", kid, credential, reason: `the file expired at ${iso(exp)} (exp; ${judged})` };
  }
  return { valid: true, signature: "valid", kid, credential };
}

export async function main(argv: string[]): Promise<number> {
  const usage = "usage: pnpm verify-credential <file.jwt> [jwks.json | https://…/.well-known/jwks.json] [--at <ISO instant>]";
  const positional: string[] = [];
  let at: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--at") {
      at = Date.parse(argv[++i] ?? "");
      if (Number.isNaN(at)) {
        console.error(`--at needs an ISO 8601 instant, e.g. 2027-01-01T00:00:00Z\n${usage}`);
        return 2;
      }
    } else positional.push(argv[i] as string);
  }
  const [file, source = "http://127.0.0.1:3000/.well-known/jwks.json"] = positional;
  if (!file || positional.length > 2) {
    console.error(usage);
    return 2;
  }
  const jwks = (/^https?:\/\//.test(source) ? await (await fetch(source)).json() : JSON.parse(readFileSync(source, "utf8"))) as Jwks;
  const verdict = verifyCredential(readFileSync(file, "utf8"), jwks, { at });
  console.log(JSON.stringify(verdict, null, 2));
  if (verdict.valid) {
    const code = verdict.credential.id?.replace("urn:zhubo:certificate:", "");
    console.log(`\nSignature valid and the file is within its dates. For the current status (revoked? renewed?) open /verify/${code} on the web app.`);
  } else {
    console.log(`\nNOT VALID (${verdict.signature}): ${verdict.reason}.`);
  }
  return verdict.valid ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
