import { describe, expect, it } from "vitest";
import { displayCode, normaliseCode, verifyUrl } from "./code";

const CODE = "0123456789ABCDEFGHJKMNPQRS";

describe("verification codes as typed", () => {
  it("accepts the canonical code", () => {
    expect(normaliseCode(CODE)).toBe(CODE);
  });

  it("accepts the grouped form, spaces, lowercase and stray whitespace", () => {
    expect(normaliseCode(displayCode(CODE))).toBe(CODE);
    expect(normaliseCode(" 0123 4567 89ab cdef ghjk mnpq rs ")).toBe(CODE);
    expect(normaliseCode("0123-4567-89ab-cdef-ghjk-mnpq-rs\n")).toBe(CODE);
  });

  it("reads I and L as 1 and O as 0, as the API does", () => {
    expect(normaliseCode("O123456789ABCDEFGHJKMNPQRS")).toBe(CODE);
    expect(normaliseCode("0i23456789ABCDEFGHJKMNPQRS")).toBe(CODE);
    expect(normaliseCode("0L23456789ABCDEFGHJKMNPQRS")).toBe(CODE);
  });

  it("refuses what can't be a code: wrong length, U, symbols, a first character above 7", () => {
    expect(normaliseCode("")).toBeUndefined();
    expect(normaliseCode(CODE.slice(1))).toBeUndefined();
    expect(normaliseCode(`${CODE}0`)).toBeUndefined();
    expect(normaliseCode(`${CODE.slice(0, -1)}U`)).toBeUndefined();
    expect(normaliseCode(`${CODE.slice(0, -1)}!`)).toBeUndefined();
    expect(normaliseCode(`8${CODE.slice(1)}`)).toBeUndefined();
    expect(normaliseCode("not-a-certificate")).toBeUndefined();
  });

  it("groups a code in fours", () => {
    expect(displayCode(CODE)).toBe("0123-4567-89AB-CDEF-GHJK-MNPQ-RS");
    expect(displayCode("")).toBe("");
  });

  it("builds the public verify URL on the site's origin", () => {
    expect(verifyUrl("https://zhubo.cn", CODE)).toBe(`https://zhubo.cn/verify/${CODE}`);
    expect(verifyUrl("http://127.0.0.1:5173/", CODE)).toBe(`http://127.0.0.1:5173/verify/${CODE}`);
  });
});
