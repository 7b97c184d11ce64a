import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { categories, cities } from "../api/catalog";
import { dictionaries, interpolate, isMessageKey, locales, placeholdersOf, translate } from "./translate";

const zhKeys = Object.keys(dictionaries["zh-CN"]).sort();

describe("messages", () => {
  it.each(locales)("defines every key, and only those keys, in %s", (locale) => {
    expect(Object.keys(dictionaries[locale]).sort()).toEqual(zhKeys);
  });

  it.each(locales)("has no empty message in %s", (locale) => {
    const empty = Object.entries(dictionaries[locale]).filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same placeholders in every language", () => {
    for (const key of zhKeys) {
      if (!isMessageKey(key)) throw new Error(key);
      const expected = placeholdersOf(dictionaries["zh-CN"][key]);
      for (const locale of locales) expect([key, placeholdersOf(dictionaries[locale][key])]).toEqual([key, expected]);
    }
  });

  it.each(["zh", "en"])("defines each %s key in one message file only, so no part silently overrides another", (lang) => {
    const dir = new URL(".", import.meta.url);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith("messages") && f.endsWith(`-${lang}.ts`))) {
      for (const [, key] of readFileSync(new URL(file, dir), "utf8").matchAll(/^\s*"([\w.]+)":/gm)) {
        if (seen.has(key as string)) twice.push(`${key} in ${seen.get(key as string)} and ${file}`);
        seen.set(key as string, file);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(twice).toEqual([]);
  });

  it("names every city and category the API accepts", () => {
    for (const value of [...cities.map((c) => `city.${c}`), ...categories.map((c) => `category.${c}`)]) expect(isMessageKey(value), value).toBe(true);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("zh-CN", "home.greeting", { name: "周小雨" })).toBe("你好，周小雨");
    expect(translate("en", "home.greeting", { name: "Lin" })).toBe("Hi, Lin");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
