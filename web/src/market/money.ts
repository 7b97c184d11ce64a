import { fenToDecimal } from "../i18n/format";

/**
 * What people type for money and rates, read as strings into integers (fen, basis points) so no
 * float ever touches money: "800" → 80000 fen, "12.5" → 1250 bps. Full-width digits and a
 * Chinese IME's "．" are accepted, as are "¥", thousands commas, spaces and a trailing "%".
 */
function normalise(value: string): string {
  return value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[，,\s]/g, "");
}

/** Digits with at most `decimals` decimals → an integer scaled by 10^decimals; undefined for anything else. */
function scaled(value: string, decimals: number, maxWhole: number): number | undefined {
  const match = new RegExp(`^(\\d{1,${maxWhole}})(?:\\.(\\d{0,${decimals}}))?$`).exec(value);
  if (!match) return undefined;
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").padEnd(decimals, "0");
  return Number(whole) * 10 ** decimals + Number(fraction || "0");
}

/** Yuan as typed ("800", "1,600.5", "¥12.30") → fen; undefined when it isn't a non-negative amount with at most 2 decimals. */
export function parseYuan(value: string): number | undefined {
  return scaled(normalise(value).replace(/^[¥￥]/, ""), 2, 9);
}

/** A percentage as typed ("15", "12.5", "12.55%") → basis points; undefined when it isn't one with at most 2 decimals. */
export function parsePercent(value: string): number | undefined {
  return scaled(normalise(value).replace(/%$|％$/, ""), 2, 5);
}

/** Fen → what the yuan box shows ("1600", "1600.50"). */
export function yuanInput(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : fenToDecimal(fen);
}

/** Basis points → what the percent box shows ("15", "12.5", "12.55"). */
export function percentInput(bps: number): string {
  if (!Number.isSafeInteger(bps)) throw new RangeError(`not an integer number of basis points: ${bps}`);
  const sign = bps < 0 ? "-" : "";
  const abs = Math.abs(bps);
  const fraction = String(abs % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ""}`;
}

/** Basis points → "15%" / "12.5%". */
export function percent(bps: number): string {
  return `${percentInput(bps)}%`;
}

/** The slot fee for a session of `minutes` at an hourly rate, rounded up to the fen — the API's own rule. */
export function slotFee(perHourFen: number, minutes: number): number {
  return Math.ceil((perHourFen * minutes) / 60);
}
