import { generateKeyPairSync } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The stage's key pairs, made on the operator's machine by `pnpm keys --stage <stage>`:
 *  - recordings: RSA 2048, CloudFront signed URLs for the recordings CDN (public half → a CloudFront key group),
 *  - playback: EC P-384, IVS playback tokens for private channels (public half → an IVS playback key pair),
 *  - jwt: EC P-256 JWK, the API's access tokens (private only),
 *  - credential: RSA 2048 JWK, RS256 signatures on Open Badges credentials (public half served at /.well-known/jwks.json);
 *    `pnpm keys --stage <stage> --rotate credential` replaces it and keeps the old public half in
 *    credential-retired.jwks.json, which the API also serves so files signed before still verify.
 * Public halves are read at synth time from `.keys/<stage>/` (or `$ZHUBO_KEYS_DIR/<stage>/`);
 * private halves go to SSM with `sst secrets set` and never into the template or git.
 */
export const KEY_FILES = {
  recordingsPublic: "recordings.pub.pem",
  recordingsPrivate: "recordings.key.pem",
  playbackPublic: "playback.pub.pem",
  playbackPrivate: "playback.key.pem",
  jwtPrivate: "jwt.jwk.json",
  credentialPrivate: "credential.jwk.json",
  credentialRetired: "credential-retired.jwks.json",
} as const;

/**
 * The retired keys reach the API as one environment variable, and a Lambda's whole environment
 * is limited to 4 KB: a few keys (about 380 characters each) fit. Rotating about once a
 * validity period, the oldest can be dropped once every file it signed has expired.
 */
export const MAX_RETIRED_CREDENTIAL_KEYS = 4;

export function keysDir(stage: string): string {
  return path.join(process.env.ZHUBO_KEYS_DIR ?? path.resolve(".keys"), stage);
}

export function streamingPublicKeys(stage: string): { recordings: string; playback: string } {
  const dir = keysDir(stage);
  const read = (file: string) => {
    const at = path.join(dir, file);
    if (!existsSync(at)) throw new Error(`${at} is missing: run \`pnpm keys --stage ${stage}\` first (see README, Deploy to AWS)`);
    return readFileSync(at, "utf8").trim();
  };
  return { recordings: read(KEY_FILES.recordingsPublic), playback: read(KEY_FILES.playbackPublic) };
}

type RsaPublic = { kty: "RSA"; n: string; e: string };

/** The public halves of the stage's retired credential keys (a JWKS; empty before the first rotation). */
export function retiredCredentialJwks(stage: string): { keys: RsaPublic[] } {
  const at = path.join(keysDir(stage), KEY_FILES.credentialRetired);
  if (!existsSync(at)) return { keys: [] };
  const keys = (JSON.parse(readFileSync(at, "utf8")) as { keys?: unknown }).keys;
  const rsa = (k: unknown): k is RsaPublic =>
    typeof k === "object" && k !== null && (k as RsaPublic).kty === "RSA" && typeof (k as RsaPublic).n === "string" && typeof (k as RsaPublic).e === "string";
  if (!Array.isArray(keys) || !keys.every(rsa)) throw new Error(`${at}: must be a JWKS of RSA public keys`);
  if (keys.length > MAX_RETIRED_CREDENTIAL_KEYS)
    throw new Error(`${at}: at most ${MAX_RETIRED_CREDENTIAL_KEYS} retired keys fit the API's environment; drop the oldest`);
  // Only the public members, whatever else the file holds.
  return { keys: keys.map((k) => ({ kty: "RSA", n: k.n, e: k.e })) };
}

/**
 * Rotates the credential signing key: the current key's public half joins the retired JWKS first
 * (so a crash in between loses nothing), then a fresh private key replaces it. Returns the files written.
 */
export function rotateCredentialKey(stage: string): string[] {
  const dir = keysDir(stage);
  const at = path.join(dir, KEY_FILES.credentialPrivate);
  if (!existsSync(at)) throw new Error(`${at} is missing: run \`pnpm keys --stage ${stage}\` first`);
  const current = JSON.parse(readFileSync(at, "utf8")) as RsaPublic;
  const retired = retiredCredentialJwks(stage);
  if (!retired.keys.some((k) => k.n === current.n)) retired.keys.unshift({ kty: "RSA", n: current.n, e: current.e });
  if (retired.keys.length > MAX_RETIRED_CREDENTIAL_KEYS) {
    throw new Error(
      `${path.join(dir, KEY_FILES.credentialRetired)} already holds ${MAX_RETIRED_CREDENTIAL_KEYS} retired keys: drop the oldest (whose files have expired) first`,
    );
  }
  writeFileSync(path.join(dir, KEY_FILES.credentialRetired), `${JSON.stringify(retired, null, 2)}\n`, { mode: 0o644 });
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  writeFileSync(at, JSON.stringify({ ...rsa.privateKey.export({ format: "jwk" }), alg: "RS256" }), { mode: 0o600 });
  chmodSync(at, 0o600);
  return [KEY_FILES.credentialRetired, KEY_FILES.credentialPrivate];
}

/** Writes any missing key of the stage (never replaces one); returns the files it wrote. */
export function generateStageKeys(stage: string): string[] {
  const dir = keysDir(stage);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The stage's private keys live here until `sst secrets set`: this user's alone, whatever the umask.
  chmodSync(dir, 0o700);
  const written: string[] = [];
  const write = (file: string, text: string, secret: boolean) => {
    writeFileSync(path.join(dir, file), text, { mode: secret ? 0o600 : 0o644 });
    if (secret) chmodSync(path.join(dir, file), 0o600);
    written.push(file);
  };
  if (!existsSync(path.join(dir, KEY_FILES.recordingsPrivate))) {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    write(KEY_FILES.recordingsPrivate, rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), true);
    write(KEY_FILES.recordingsPublic, rsa.publicKey.export({ type: "spki", format: "pem" }).toString(), false);
  }
  if (!existsSync(path.join(dir, KEY_FILES.playbackPrivate))) {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-384" });
    write(KEY_FILES.playbackPrivate, ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), true);
    write(KEY_FILES.playbackPublic, ec.publicKey.export({ type: "spki", format: "pem" }).toString(), false);
  }
  if (!existsSync(path.join(dir, KEY_FILES.jwtPrivate))) {
    const jwt = generateKeyPairSync("ec", { namedCurve: "P-256" });
    write(KEY_FILES.jwtPrivate, JSON.stringify({ ...jwt.privateKey.export({ format: "jwk" }), alg: "ES256" }), true);
  }
  if (!existsSync(path.join(dir, KEY_FILES.credentialPrivate))) {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    write(KEY_FILES.credentialPrivate, JSON.stringify({ ...rsa.privateKey.export({ format: "jwk" }), alg: "RS256" }), true);
  }
  return written;
}

function main(argv: string[]): void {
  const at = argv.indexOf("--stage");
  const stage = at >= 0 ? argv[at + 1] : undefined;
  if (!stage || !/^[a-z][a-z0-9-]{0,30}$/.test(stage)) {
    console.error("usage: pnpm keys --stage <stage> [--rotate credential]   (stage: lowercase letters, digits and -)");
    process.exit(2);
  }
  const dir = path.relative(process.cwd(), keysDir(stage));
  const rotate = argv.indexOf("--rotate");
  if (rotate >= 0) {
    if (argv[rotate + 1] !== "credential") {
      console.error("only the credential key rotates this way: pnpm keys --stage <stage> --rotate credential");
      process.exit(2);
    }
    console.log(`wrote ${rotateCredentialKey(stage).join(", ")} to ${dir}/`);
    console.log(`\nPut the new private key in SSM, then deploy: the API signs with it and still verifies files the old one signed.\n`);
    console.log(`  npx sst secrets set --stage ${stage} CREDENTIAL_PRIVATE_JWK "$(cat ${dir}/${KEY_FILES.credentialPrivate})"`);
    console.log(`  npx sst deploy --stage ${stage}`);
    console.log(`\nKeep ${dir}/${KEY_FILES.credentialRetired} (public halves only): a file signed by a key no longer in it stops verifying.`);
    return;
  }
  const written = generateStageKeys(stage);
  console.log(written.length ? `wrote ${written.join(", ")} to ${dir}/` : `${dir}/ already has every key (nothing replaced)`);
  console.log(`\nPut the private halves in SSM for stage ${stage}:\n`);
  console.log(`  npx sst secrets set --stage ${stage} JWT_PRIVATE_JWK "$(cat ${dir}/${KEY_FILES.jwtPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} IVS_PLAYBACK_PRIVATE_KEY "$(cat ${dir}/${KEY_FILES.playbackPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} RECORDINGS_PRIVATE_KEY "$(cat ${dir}/${KEY_FILES.recordingsPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} CREDENTIAL_PRIVATE_JWK "$(cat ${dir}/${KEY_FILES.credentialPrivate})"`);
  console.log(`\nThe public halves are read by \`sst deploy --stage ${stage}\`; keep ${dir}/ out of git (it is ignored).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
