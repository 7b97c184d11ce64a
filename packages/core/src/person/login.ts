import { Text } from "../text/index.js";

/**
 * A login is an email or a mainland China mobile number, normalised so that
 * "138 0013 8000", "+86 13800138000" and "13800138000" are one account.
 */
export type Login = { kind: "email"; value: string } | { kind: "phone"; value: string };

const phone = /^(?:\+?86)?(1[3-9]\d{9})$/;
const email = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Why a login can't be an account's name, before its shape is looked at: characters nobody can
 * see (`ops\u200B@…`), and letters from scripts that don't go together (Cyrillic "о" in
 * `оps@zhubo.local`). Allowed mixes follow Unicode TS #39 "highly restrictive": one script, or
 * Latin with Han and Japanese kana, with Han and Bopomofo, or with Han and Hangul (张伟@qq.com is fine).
 */
export function loginProblem(raw: string): string | undefined {
  if (hasHiddenCharacters(raw)) return LOGIN_MESSAGES.hidden;
  if (mixesScripts(raw)) return LOGIN_MESSAGES.mixed;
  return undefined;
}

export const LOGIN_MESSAGES = {
  hidden: "Remove invisible or control characters",
  mixed: "Uses letters from more than one alphabet (e.g. Latin and Cyrillic)",
  shape: "Enter a valid email or mainland mobile number",
} as const;

export function hasHiddenCharacters(raw: string): boolean {
  return !Text.isClean(Text.trim(Text.normalise(raw)));
}

export function mixesScripts(raw: string): boolean {
  return !singleScript(Text.normalise(raw));
}

const SCRIPTS = ["Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Thai"] as const;
const tests = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")] as const);
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const MIXES: ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

function singleScript(text: string): boolean {
  const seen = new Set<string>();
  for (const ch of text) {
    if (NEUTRAL.test(ch)) continue;
    seen.add(tests.find(([, re]) => re.test(ch))?.[0] ?? "Other");
  }
  return seen.size <= 1 || MIXES.some((mix) => [...seen].every((s) => mix.has(s)));
}

export function parseLogin(raw: string): Login | undefined {
  if (loginProblem(raw)) return undefined;
  const text = Text.trim(Text.normalise(raw));
  const compact = text.replace(/[\s-]/g, "");
  const p = phone.exec(compact);
  if (p) return { kind: "phone", value: `+86${p[1]}` };
  const lower = text.toLowerCase();
  if (lower.length <= 254 && email.test(lower)) return { kind: "email", value: lower };
  return undefined;
}

/** The key a login is stored under: "email:a@b.cn" or "phone:+8613800138000". */
export function loginKey(login: Login): string {
  return `${login.kind}:${login.value}`;
}
