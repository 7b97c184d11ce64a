import { describe, expect, it } from "vitest";
import { LoginSchema } from "./index.js";
import { LOGIN_MESSAGES, loginKey, parseLogin } from "./login.js";

describe("logins", () => {
  it.each([
    ["13800138000", "+8613800138000"],
    ["+86 138 0013 8000", "+8613800138000"],
    ["86-138-0013-8000", "+8613800138000"],
    ["19912345678", "+8619912345678"],
  ])("reads %s as mainland mobile %s", (raw, value) => {
    expect(parseLogin(raw)).toEqual({ kind: "phone", value });
  });

  it("lower-cases emails and keys them apart from phones", () => {
    const login = parseLogin("  Li.Na@Example.CN ");
    expect(login).toEqual({ kind: "email", value: "li.na@example.cn" });
    expect(loginKey(login as NonNullable<typeof login>)).toBe("email:li.na@example.cn");
  });

  it.each(["12800138000", "1380013800", "+1 415 555 0100", "a@b", "no at sign", ""])("rejects %j", (raw) => {
    expect(parseLogin(raw)).toBeUndefined();
  });
});

describe("look-alike and invisible logins", () => {
  it.each([
    ["ops\u200B@zhubo.local", LOGIN_MESSAGES.hidden],
    ["\u200Bops@zhubo.local", LOGIN_MESSAGES.hidden],
    ["ops@zhubo\u2060.local", LOGIN_MESSAGES.hidden],
    ["\u202Eops@zhubo.local", LOGIN_MESSAGES.hidden],
    ["ops@zhubo.local\u0000", LOGIN_MESSAGES.hidden],
    ["138\u200B0013\u200D8000", LOGIN_MESSAGES.hidden],
    ["\uFEFF13800138000", LOGIN_MESSAGES.hidden],
    ["\u043Eps@zhubo.local", LOGIN_MESSAGES.mixed], // Cyrillic о
    ["ops@zhub\u043E.local", LOGIN_MESSAGES.mixed],
    ["\u043E\u0440\u0455@zhubo.local", LOGIN_MESSAGES.mixed], // all-Cyrillic "орѕ" before a Latin domain
    ["\u03B1dmin@zhubo.local", LOGIN_MESSAGES.mixed], // Greek α
    ["learner1@zhub\u03BF.local", LOGIN_MESSAGES.mixed], // Greek ο
    ["nope", LOGIN_MESSAGES.shape],
  ])("refuses %j: %s", (raw, message) => {
    expect(parseLogin(raw)).toBeUndefined();
    const out = LoginSchema.safeParse(raw);
    expect(out.success).toBe(false);
    expect(out.error?.issues[0]?.message).toBe(message);
  });

  it.each([
    ["ｏｐｓ@ｚｈｕｂｏ.ｌｏｃａｌ", { kind: "email", value: "ops@zhubo.local" }],
    ["１３８ ００１３ ８０００", { kind: "phone", value: "+8613800138000" }],
    ["张伟@qq.com", { kind: "email", value: "张伟@qq.com" }],
    ["иван@почта.рф", { kind: "email", value: "иван@почта.рф" }],
    ["Ops@Zhubo.Local", { kind: "email", value: "ops@zhubo.local" }],
  ])("accepts %j as one spelling", (raw, login) => {
    expect(LoginSchema.safeParse(raw).success).toBe(true);
    expect(parseLogin(raw)).toEqual(login);
  });
});
