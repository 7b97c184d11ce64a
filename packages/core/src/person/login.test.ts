import { describe, expect, it } from "vitest";
import { loginKey, parseLogin } from "./login.js";

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
