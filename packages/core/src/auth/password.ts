import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { Config } from "../config/index.js";

/** Stored as `scrypt$N$r$p$salt$hash` (base64url) so the cost can rise without a migration. */
function derive(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hash(password: string): Promise<string> {
  const { N, r, p } = Config.scrypt;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p, 32);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verify(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown login can't be told apart by timing. */
export async function burn(password: string): Promise<void> {
  dummy ??= hash("zhubo-timing-equaliser");
  await verify(password, await dummy);
}

/** True when a stored hash is weaker than the current policy (re-hash on next sign-in). */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split("$");
  const { N, r: R, p: P } = Config.scrypt;
  return Number(n) < N || Number(r) < R || Number(p) < P;
}
