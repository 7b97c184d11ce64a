import { z } from "zod/mini";

export * as Text from "./index.js";

/**
 * Free text people type for others to read (names, titles, descriptions). Names and titles are normalised with NFKC, so
 * compatibility look-alikes fold into one spelling ("ｏｐｓ", "𝐨𝐩𝐬" and "ops" are one name), except
 * the full-width punctuation Chinese text is written with (，！？：；（） ￥), which NFKC would turn
 * into ASCII. Then refused: control characters, direction overrides and isolates (U+202E makes
 * "gpj.exe" read backwards), invisible and zero-width characters, and lone surrogates.
 */

/** Full-width ASCII punctuation and signs: kept as typed. Letters and digits still fold. */
const KEPT = /([\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF60\uFFE0-\uFFE6]+)/u;

export function normalise(raw: string): string {
  return raw
    .split(KEPT)
    .map((part, i) => (i % 2 === 1 ? part : part.normalize("NFKC")))
    .join("");
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Format characters (zero-width space/joiners, word joiner, BOM, soft hyphen, tags …) and blank fillers that render as nothing. */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\u180B|\u180C|\u180D|\u180F/u;
const CONTROL_LINE = /[\p{Cc}\u2028\u2029]/u;
/** Unicode White_Space at either end (unlike String.trim, which also eats U+FEFF: that one is refused). */
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
export function trim(text: string): string {
  return text.replace(EDGE_SPACE, "");
}

/** Multi-line text keeps line feeds and tabs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_PROSE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/u;

export const MESSAGES = {
  surrogate: "Contains a broken character",
  bidi: "Remove characters that change the text's direction",
  invisible: "Remove invisible characters",
  control: "Remove control characters",
} as const;

/** The first problem of already-normalised text, or undefined when it's fine. */
export function problem(text: string, multiline = false): string | undefined {
  if (LONE_SURROGATE.test(text)) return MESSAGES.surrogate;
  if (BIDI.test(text)) return MESSAGES.bidi;
  if (INVISIBLE.test(text)) return MESSAGES.invisible;
  if ((multiline ? CONTROL_PROSE : CONTROL_LINE).test(text)) return MESSAGES.control;
  return undefined;
}

/** True when the text carries nothing a reader can't see or that reorders what they see. */
export function isClean(text: string, multiline = false): boolean {
  return problem(text, multiline) === undefined;
}

interface Bounds {
  max: number;
  /** Minimum length after trimming (0: may be empty). */
  min?: number;
  /** What to say when shorter than `min`. */
  short?: string;
}

function schema({ max, min = 0, short }: Bounds, multiline: boolean) {
  const control = multiline ? CONTROL_PROSE : CONTROL_LINE;
  return z.string().check(
    z.overwrite((raw) => (multiline ? raw.normalize("NFC").replace(/\r\n?/g, "\n") : normalise(raw))),
    z.overwrite(trim),
    z.minLength(min, short ?? (min === 1 ? "Enter some text" : `At least ${min} characters`)),
    z.refine((text) => !LONE_SURROGATE.test(text), MESSAGES.surrogate),
    z.refine((text) => !BIDI.test(text), MESSAGES.bidi),
    z.refine((text) => !INVISIBLE.test(text), MESSAGES.invisible),
    z.refine((text) => !control.test(text), MESSAGES.control),
    z.maxLength(max, `At most ${max} characters`),
  );
}

/** One line: a name or a title. */
export function line(bounds: Bounds) {
  return schema(bounds, false);
}

/**
 * Several lines: a description, a note, a reason. NFC only: compatibility folding would rewrite
 * what people wrote at length ("①" → "1", "㎡" → "m2"); the same characters are refused.
 */
export function prose(bounds: Bounds) {
  return schema(bounds, true);
}
