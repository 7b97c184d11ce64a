/**
 * Verification codes as people type them. The API's rule (packages/core certification/code.ts),
 * mirrored here because the web app imports no core code at runtime: 26 Crockford base-32
 * characters, shown in groups of four; case, spaces and dashes don't matter, and the letters
 * people confuse with digits (I, L, O) read as 1 and 0.
 */
export const CODE_LENGTH = 26;

/** What was typed or scanned → the canonical code, or undefined when it can't be one. */
export function normaliseCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  // 26 characters carry 130 bits for a 128-bit code: the first is at most 7.
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(cleaned) ? cleaned : undefined;
}

/** "0ABC-DEFG-…" for people to read and type. */
export function displayCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** The public page a QR code and a printed link lead to. */
export function verifyUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${encodeURIComponent(code)}`;
}
