import { createPublicKey, type JsonWebKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Offline check of a zhubo certificate credential (an Open Badges 3.0 VC as a compact JWS, RS256):
 * the signature against the platform's published keys (a JWKS file or URL) — never against the
 * key the file carries in its header. Node's crypto only, so anyone can read what it does.
 *
 *   pnpm verify-credential <file.jwt> [jwks.json | https://api…/.well-known/jwks.json]
 *
 * Whether the certificate was revoked or renewed since is the platform's to say: the public page
 * /verify/<code> (or certification.verifyCredential) checks the status too.
 */
export interface Jwks {
  keys: JsonWebKey[];
}

export type Verdict =
  | {
      valid: true;
      kid?: string;
      credential: { id?: string; name?: string; issuer?: string; subject?: string; validFrom?: string; validUntil?: string; achievement?: string };
    }
  | { valid: false; reason: string };

export function verifyCredential(text: string, jwks: Jwks): Verdict {
  const parts = text.trim().split(".");
  if (parts.length !== 3) return { valid: false, reason: "not a compact JWS (three dot-separated parts)" };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string; typ?: string };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { valid: false, reason: "header or payload is not base64url JSON" };
  }
  if (header.alg !== "RS256") return { valid: false, reason: `algorithm ${String(header.alg)} is not RS256` };
  const signed = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, "base64url");
  const key = jwks.keys.find((k) => k.kty === "RSA" && verify("RSA-SHA256", signed, createPublicKey({ key: k, format: "jwk" }), signature));
  if (!key) return { valid: false, reason: "the signature does not match any published platform key: forged or altered" };
  const subject = payload.credentialSubject as { id?: string; achievement?: { name?: string } } | undefined;
  return {
    valid: true,
    kid: (key as { kid?: string }).kid,
    credential: {
      id: payload.id as string | undefined,
      name: payload.name as string | undefined,
      issuer: (payload.issuer as { name?: string } | undefined)?.name,
      subject: subject?.id,
      achievement: subject?.achievement?.name,
      validFrom: payload.validFrom as string | undefined,
      validUntil: payload.validUntil as string | undefined,
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const [file, source = "http://127.0.0.1:3000/.well-known/jwks.json"] = argv;
  if (!file) {
    console.error("usage: pnpm verify-credential <file.jwt> [jwks.json | https://…/.well-known/jwks.json]");
    return 2;
  }
  const jwks = (/^https?:\/\//.test(source) ? await (await fetch(source)).json() : JSON.parse(readFileSync(source, "utf8"))) as Jwks;
  const verdict = verifyCredential(readFileSync(file, "utf8"), jwks);
  console.log(JSON.stringify(verdict, null, 2));
  if (verdict.valid) {
    const code = verdict.credential.id?.replace("urn:zhubo:certificate:", "");
    console.log(`\nSignature valid. For the current status (revoked? renewed?) open /verify/${code} on the web app.`);
  }
  return verdict.valid ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
