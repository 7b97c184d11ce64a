export * as Money from "./index.js";

/** Amounts are integer fen (1/100 CNY). No floats anywhere in money paths. */
export type Fen = number;

export function assertFen(value: number, field = "amount"): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer number of fen`);
  return value;
}

export function add(...amounts: Fen[]): Fen {
  return assertFen(
    amounts.reduce((a, b) => a + assertFen(b), 0),
    "sum",
  );
}

/** amount × basisPoints / 10000, rounded half to even, in integer arithmetic. */
export function applyBasisPoints(amount: Fen, basisPoints: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError("basisPoints must be an integer");
  const product = BigInt(amount) * BigInt(basisPoints);
  const divisor = 10000n;
  let quotient = product / divisor;
  const remainder = product % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n !== 0n)) quotient += product < 0n ? -1n : 1n;
  return Number(quotient);
}

/**
 * Splits an amount into parts proportional to weights by largest remainder (Hamilton): each part
 * is its exact share rounded down, and the fen left over go one each to the largest remainders
 * (ties to the earlier part). Parts sum exactly to the amount and each is within one fen of its
 * exact share; a negative amount splits as the mirror of its positive.
 */
export function allocate(amount: Fen, weights: number[]): Fen[] {
  assertFen(amount);
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError("weights must be non-negative integers");
  }
  const total = BigInt(weights.reduce((a, b) => a + b, 0));
  if (total === 0n) throw new RangeError("weights must not all be zero");
  if (amount < 0) return allocate(-amount, weights).map((p) => (p === 0 ? 0 : -p));
  const big = BigInt(amount);
  const exact = weights.map((w) => big * BigInt(w));
  const parts = exact.map((x) => x / total);
  let rest = big - parts.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((x, i) => ({ i, remainder: x % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (rest === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    rest -= 1n;
  }
  return parts.map(Number);
}

/** Parses "12", "12.3" or "12.34" yuan into fen; anything else is rejected. */
export function parseYuan(text: string): Fen {
  const match = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not an amount: ${text}`);
  const fen = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -fen : fen;
}

/** "123.45" exactly, for display and for Intl (which formats decimal strings without float rounding). */
export function toDecimalString(amount: Fen): string {
  assertFen(amount);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function format(amount: Fen, locale = "zh-CN"): string {
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" });
  return formatter.format(toDecimalString(amount) as unknown as number);
}
