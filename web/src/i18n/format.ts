import type { Locale } from "./translate";

/** Everyone we serve keeps Beijing time; formatting in it keeps dates identical for every viewer. */
export const TIME_ZONE = "Asia/Shanghai";

/** Integer fen → exact decimal yuan string ("-123.45"), so no float ever touches money. */
export function fenToDecimal(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer number of fen: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = String(Math.abs(fen)).padStart(3, "0");
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** "short" leaves out a zero fraction ("¥1,600" rather than "¥1,600.00"), as prices and fees are said. */
export type MoneyStyle = "full" | "short";

export function formatMoney(fen: number, locale: Locale, style: MoneyStyle = "full"): string {
  const decimal = fenToDecimal(fen) as Intl.StringNumericLiteral;
  const fraction = style === "short" && fen % 100 === 0 ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", ...fraction }).format(decimal);
}

export type DateStyle = "date" | "dateTime";

/** Accepts ISO strings and epoch milliseconds. */
export function formatDate(value: string | number, locale: Locale, style: DateStyle = "date"): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = style === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE }).format(d);
}

/** A China calendar day ("2026-12-01"), formatted as that same day for every viewer. */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(`${day}T00:00:00+08:00`, locale);
}

/**
 * "2026年12月1日 – 12月20日" / "Dec 1 – Dec 20, 2026": the year said once when it is shared, on the
 * side each language puts it. Composed here because engines format Intl ranges differently.
 */
export function formatDayRange(start: string, end: string, locale: Locale): string {
  const a = new Date(`${start}T00:00:00+08:00`);
  const b = new Date(`${end}T00:00:00+08:00`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return "";
  if (end <= start) return formatDay(start, locale);
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${formatDay(start, locale)} – ${formatDay(end, locale)}`;
  const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: TIME_ZONE });
  return locale === "en" ? `${short.format(a)} – ${formatDay(end, locale)}` : `${formatDay(start, locale)} – ${short.format(b)}`;
}

/** A live class: weekday, date and Beijing wall time ("12月1日周二 19:30"). */
export function formatClassTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE }).format(d);
}

/** "phone:+8613800000001", "+86 138…", "13800000001" → "138 0000 0001"; "email:a@b.cn" → "a@b.cn". */
export function displayLogin(value: string): string {
  const bare = loginForApi(value.trim());
  const phone = /^(?:\+?86)?(1\d{2})(\d{4})(\d{4})$/.exec(bare.replace(/[\s-]/g, ""));
  return phone ? `${phone[1]} ${phone[2]} ${phone[3]}` : bare;
}

/** Invitation lists carry stored login keys; the API's login inputs want the login itself. */
export function loginForApi(value: string): string {
  return value.replace(/^(phone|email):/, "");
}
