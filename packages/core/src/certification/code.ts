import { randomBytes } from "node:crypto";

/**
 * Verification codes: 128 random bits (crypto RNG) as 26 Crockford base-32 characters, shown in
 * groups of four. Unguessable: the public lookup is also rate-limited, and a malformed code gets
 * the same "not found" as an unknown one.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_BITS = 128;
export const CODE_LENGTH = 26;

export function create(): string {
  const bytes = randomBytes(CODE_BITS / 8);
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** What a person typed or a QR link carried → the canonical code, or undefined when it can't be one. */
export function normalise(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  // 26 characters carry 130 bits: the first is at most 7 (its top two bits are 0).
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(cleaned) ? cleaned : undefined;
}

/** "0ABC-DEFG-…" for people to read and type. */
export function display(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
