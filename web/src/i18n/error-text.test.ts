import { describe, expect, it } from "vitest";
import type { ApiError } from "../api/errors";
import { describeError } from "./error-text";

const err = (over: Partial<ApiError>): ApiError => ({ fields: {}, message: "", network: false, ...over });

describe("describeError", () => {
  it("translates a known code into the form message", () => {
    expect(describeError(err({ code: "auth.invalid_credentials" }), "zh-CN")).toEqual({ form: "手机号/邮箱或密码不正确", fields: {} });
    expect(describeError(err({ code: "auth.invalid_credentials" }), "en").form).toBe("Wrong mobile number, email or password");
  });

  it("prefers a translation for the code and field", () => {
    const taken = err({ code: "person.login_taken", fields: { login: "Already registered" } });
    expect(describeError(taken, "zh-CN").fields).toEqual({ login: "已注册，请直接登录" });
    expect(describeError(taken, "en").fields).toEqual({ login: "Already registered — sign in instead" });
  });

  it("uses the API's English in English and a per-field hint in Chinese", () => {
    const invalid = err({ code: "input.invalid", fields: { password: "At least 8 characters", "members.0.role": "Invalid option" } });
    expect(describeError(invalid, "en").fields).toEqual({ password: "At least 8 characters", "members.0.role": "Invalid option" });
    expect(describeError(invalid, "zh-CN").fields).toEqual({ password: "密码需为 8–128 个字符", "members.0.role": "请检查此项" });
  });

  it("describes a field inside a list by the hint for that kind of field", () => {
    const invalid = err({
      code: "input.invalid",
      fields: { "modules.2.lessons.10.minutes": "At most 600 minutes", "schedule.0.startsAt": "Outside the dates" },
    });
    expect(describeError(invalid, "zh-CN").fields).toEqual({
      "modules.2.lessons.10.minutes": "请填写 1–600 之间的整数分钟",
      "schedule.0.startsAt": "上课时间需在开班与结班日期之间",
    });
  });

  it("rounds a throttle wait up to whole minutes", () => {
    expect(describeError(err({ code: "auth.throttled", retryAfterSeconds: 125 }), "zh-CN").form).toBe("失败次数过多，请 3 分钟后再试");
  });

  it("tells a network failure from a server failure, which carries the request id", () => {
    expect(describeError(err({ network: true }), "en").form).toBe("Can't reach the server. Check your connection and try again.");
    expect(describeError(err({ code: "unknown.thing", requestId: "req_1" }), "zh-CN").form).toBe("出了点问题，请稍后再试（请求编号 req_1）");
    expect(describeError(err({}), "en").form).toBe("Something went wrong. Please try again.");
  });

  it("says in Chinese what is wrong with hidden or look-alike characters, on any field", () => {
    const invalid = err({
      code: "input.invalid",
      fields: {
        displayName: "Remove invisible characters",
        "modules.0.title": "Remove characters that change the text's direction",
        login: "Uses letters from more than one alphabet (e.g. Latin and Cyrillic)",
      },
    });
    expect(describeError(invalid, "zh-CN").fields).toEqual({
      displayName: "请删除看不见的字符（如零宽空格）",
      "modules.0.title": "请删除会改变文字方向的控制字符",
      login: "混用了不同文字的字母（如拉丁字母和西里尔字母），请检查",
    });
    expect(describeError(invalid, "en").fields.login).toBe("Uses letters from more than one alphabet (e.g. Latin and Cyrillic)");
  });
});
