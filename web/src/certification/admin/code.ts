/**
 * A certificate code as someone types it — grouped with dashes or spaces, lower case, O for 0,
 * I or L for 1 — made canonical the way the API does (packages/core certification/code.ts),
 * so a typo is caught before asking. Undefined when it can't be a code.
 */
export function normaliseCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  // 26 Crockford base-32 characters carrying 128 bits: the first is at most 7.
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(cleaned) ? cleaned : undefined;
}
