import { generateKeyPairSync } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The stage's key pairs, made on the operator's machine by `pnpm keys --stage <stage>`:
 *  - recordings: RSA 2048, CloudFront signed URLs for the recordings CDN (public half → a CloudFront key group),
 *  - playback: EC P-384, IVS playback tokens for private channels (public half → an IVS playback key pair),
 *  - jwt: EC P-256 JWK, the API's access tokens (private only),
 *  - credential: RSA 2048 JWK, RS256 signatures on Open Badges credentials (public half served at /.well-known/jwks.json).
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
} as const;

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

/** Writes any missing key of the stage (never replaces one); returns the files it wrote. */
export function generateStageKeys(stage: string): string[] {
  const dir = keysDir(stage);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
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
    console.error("usage: pnpm keys --stage <stage>   (lowercase letters, digits and -)");
    process.exit(2);
  }
  const written = generateStageKeys(stage);
  const dir = path.relative(process.cwd(), keysDir(stage));
  console.log(written.length ? `wrote ${written.join(", ")} to ${dir}/` : `${dir}/ already has every key (nothing replaced)`);
  console.log(`\nPut the private halves in SSM for stage ${stage}:\n`);
  console.log(`  npx sst secrets set --stage ${stage} JWT_PRIVATE_JWK "$(cat ${dir}/${KEY_FILES.jwtPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} IVS_PLAYBACK_PRIVATE_KEY "$(cat ${dir}/${KEY_FILES.playbackPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} RECORDINGS_PRIVATE_KEY "$(cat ${dir}/${KEY_FILES.recordingsPrivate})"`);
  console.log(`  npx sst secrets set --stage ${stage} CREDENTIAL_PRIVATE_JWK "$(cat ${dir}/${KEY_FILES.credentialPrivate})"`);
  console.log(`\nThe public halves are read by \`sst deploy --stage ${stage}\`; keep ${dir}/ out of git (it is ignored).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
