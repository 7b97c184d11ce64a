import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Text } from "./index.js";

const name = Text.line({ min: 1, short: "Enter a name", max: 40 });
const note = Text.prose({ max: 500 });

const refusal = (schema: typeof name, raw: string) => {
  const out = schema.safeParse(raw);
  return out.success ? undefined : out.error.issues[0]?.message;
};

/** Every character the schemas refuse, one of each kind. */
const BANNED = [
  ..."\u0000\u0007\u001B\u007F\u0085\u009F",
  ..."\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C",
  ..."\u200B\u200C\u200D\u2060\uFEFF\u00AD\u2061\u2064\u180E\u3164\u115F\uFFA0\u034F",
  "\u{E0041}",
  "\uD800",
  "\uDFFF",
];

describe("names and titles", () => {
  it.each([
    ["周小雨", "周小雨"],
    ["  吴佳怡  ", "吴佳怡"],
    ["ｏｐｓ", "ops"],
    ["𝐚𝐝𝐦𝐢𝐧", "admin"],
    ["ﬁne", "fine"],
    ["直播带货入门（初级）", "直播带货入门（初级）"],
    ["牛肉月饼，好吃！", "牛肉月饼，好吃！"],
    ["坑位费￥500", "坑位费￥500"],
    ["Café", "Café"],
    ["李\u3000娜", "李 娜"],
    ["😀 主播", "😀 主播"],
  ])("normalises %j to %j", (raw, want) => {
    expect(name.parse(raw)).toBe(want);
  });

  it.each([
    ["", "Enter a name"],
    ["   ", "Enter a name"],
    ["\uFEFF", Text.MESSAGES.invisible],
    ["\uFEFF周", Text.MESSAGES.invisible],
    ["\u200B", Text.MESSAGES.invisible],
    ["\u200B\u200C\u200D", Text.MESSAGES.invisible],
    ["ops\u200B", Text.MESSAGES.invisible],
    ["a\u2060b", Text.MESSAGES.invisible],
    ["soft\u00ADhyphen", Text.MESSAGES.invisible],
    ["\u3164", Text.MESSAGES.invisible],
    ["flag\u{E0067}\u{E0062}", Text.MESSAGES.invisible],
    ["exe.\u202Egpj", Text.MESSAGES.bidi],
    ["\u202Dreverse", Text.MESSAGES.bidi],
    ["a\u2066b\u2069", Text.MESSAGES.bidi],
    ["mark\u200F", Text.MESSAGES.bidi],
    ["arabic\u061Cmark", Text.MESSAGES.bidi],
    ["bell\u0007", Text.MESSAGES.control],
    ["two\nlines", Text.MESSAGES.control],
    ["tab\tinside", Text.MESSAGES.control],
    ["nul\u0000", Text.MESSAGES.control],
    ["del\u007F", Text.MESSAGES.control],
    ["c1\u0085next", Text.MESSAGES.control],
    ["line\u2028sep", Text.MESSAGES.control],
    ["broken\uD800", Text.MESSAGES.surrogate],
    ["\uDC00tail", Text.MESSAGES.surrogate],
    ["x".repeat(41), "At most 40 characters"],
  ])("refuses %j: %s", (raw, message) => {
    expect(refusal(name, raw)).toBe(message);
  });

  it("multi-line text keeps line feeds and tabs but refuses the rest", () => {
    expect(note.parse("第一行\r\n第二行\t完")).toBe("第一行\n第二行\t完");
    expect(refusal(note, "注意\u202E")).toBe(Text.MESSAGES.bidi);
    expect(refusal(note, "a\u0000")).toBe(Text.MESSAGES.control);
    expect(note.parse("")).toBe("");
  });

  it("refuses every banned character inside a name, and at its ends refuses it or trims it away (white space)", () => {
    for (const bad of BANNED) {
      for (const raw of [`名${bad}字`, `A${bad}B`]) expect(name.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
      for (const raw of [`${bad}名字`, `名字${bad}`]) {
        const out = name.safeParse(raw);
        if (out.success) expect([out.data, /^\p{White_Space}$/u.test(bad)], JSON.stringify(raw)).toEqual(["名字", true]);
      }
    }
  });

  it("property: an accepted name never contains a banned character and is already normal", () => {
    const chars = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...BANNED, "a", "о", "（", "ｏ", " ", "周", "\u0301"), maxLength: 12 }),
    );
    fc.assert(
      fc.property(chars, (raw) => {
        const out = name.safeParse(raw);
        if (!out.success) return;
        const points = new Set(Array.from(out.data));
        for (const bad of BANNED) expect(points.has(bad), JSON.stringify(out.data)).toBe(false);
        expect(Text.isClean(out.data)).toBe(true);
        expect(name.parse(out.data)).toBe(out.data);
      }),
      { numRuns: 500 },
    );
  });

  it("property: inserting any banned character into an accepted name makes it refused", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 20 }),
        fc.constantFrom(...BANNED.filter((c) => c !== "\uFEFF")),
        fc.nat(),
        (raw, bad, at) => {
          const good = name.safeParse(raw);
          if (!good.success || good.data.length < 2) return;
          const i = 1 + (at % (good.data.length - 1));
          expect(name.safeParse(good.data.slice(0, i) + bad + good.data.slice(i)).success).toBe(false);
        },
      ),
    );
  });
});
