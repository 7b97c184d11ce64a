import type { MessageKey } from "../i18n/translate";
import { parseYuan } from "../market/money";
import type { Checked } from "../money/amounts";

/*
 * The payout method and minimum as typed, checked with the API's own rules (core's
 * payout/settings.ts) so a mistake shows beside the field before anything is sent.
 */

export const MIN_MINIMUM_FEN = 100;
export const MAX_MINIMUM_FEN = 5_000_000;

const halfWidth = (value: string) => value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** An Alipay login: a mainland mobile number (spaces, dashes and +86 dropped) or an email address. */
export function checkAccount(text: string): Checked<string> {
  const value = halfWidth(text.trim());
  if (!value) return { ok: false, problem: "form.required" };
  const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(value.replace(/[\s-]/g, ""));
  if (mobile) return { ok: true, value: mobile[1] as string };
  if (value.length <= 100 && /^[^\s@]{1,64}@[^\s@]+\.[A-Za-z]{2,}$/.test(value)) return { ok: true, value: value.toLowerCase() };
  return { ok: false, problem: "payout.check.account" };
}

/** The account holder's real name as Alipay has it: letters of any script, a middle dot between names. */
export function checkName(text: string): Checked<string> {
  const value = text.trim();
  if (!value) return { ok: false, problem: "form.required" };
  const length = [...value].length;
  if (length < 2 || length > 40) return { ok: false, problem: "payout.check.nameLength" };
  if (/\d/.test(halfWidth(value))) return { ok: false, problem: "payout.check.nameDigits" };
  if (!/^\p{L}[\p{L}\p{M}·・. '-]*\p{L}$/u.test(value)) return { ok: false, problem: "payout.check.nameLetters" };
  return { ok: true, value };
}

/** The minimum payout in yuan → fen: ¥1 to ¥50,000, at most two decimals. */
export function checkMinimum(text: string): Checked<number> {
  if (!text.trim()) return { ok: false, problem: "form.required" };
  const fen = parseYuan(text);
  if (fen === undefined) return { ok: false, problem: "market.check.yuan" };
  if (fen < MIN_MINIMUM_FEN) return { ok: false, problem: "payout.check.minimum" };
  if (fen > MAX_MINIMUM_FEN) return { ok: false, problem: "payout.check.minimumMax" };
  return { ok: true, value: fen };
}

/**
 * The API's field messages for these fields (English, from its schemas) in our words: the shared
 * error text would fall back to hints written for other forms' fields of the same name.
 */
const SERVER_MESSAGES: Record<string, MessageKey> = {
  "An Alipay account is a mainland mobile number or an email address": "payout.check.account",
  "At most 100 characters": "payout.check.account",
  "At least 2 characters": "payout.check.nameLength",
  "At most 40 characters": "payout.check.nameLength",
  "A real name has no digits": "payout.check.nameDigits",
  "Letters only (a middle dot · between names is fine)": "payout.check.nameLetters",
  "At least ¥1": "payout.check.minimum",
  "At most ¥50,000": "payout.check.minimumMax",
  "Whole fen": "market.check.yuan",
};

export function serverProblem(message: string | undefined): MessageKey | undefined {
  return message ? SERVER_MESSAGES[message] : undefined;
}
