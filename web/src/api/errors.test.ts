import { describe, expect, it } from "vitest";
import { isSessionEnded, isTokenInvalid, toApiError } from "./errors";
import { trpcUrl } from "./url";

class FakeClientError extends Error {
  constructor(
    message: string,
    public data?: unknown,
  ) {
    super(message);
  }
}

describe("toApiError", () => {
  it("reads code, fields, retry-after and request id from the error data", () => {
    const e = new FakeClientError("Invalid input: login", {
      code: "input.invalid",
      httpStatus: 400,
      fields: { login: "Enter a valid email or mainland mobile number", junk: 3 },
      retryAfterSeconds: 30,
      requestId: "req_9",
    });
    expect(toApiError(e)).toEqual({
      code: "input.invalid",
      httpStatus: 400,
      fields: { login: "Enter a valid email or mainland mobile number" },
      message: "Invalid input: login",
      retryAfterSeconds: 30,
      requestId: "req_9",
      network: false,
    });
  });

  it("treats an error without data as a network failure", () => {
    expect(toApiError(new TypeError("Failed to fetch"))).toMatchObject({ network: true, fields: {}, message: "Failed to fetch" });
    expect(toApiError("boom")).toMatchObject({ network: true, message: "boom" });
  });

  it("knows when to refresh and when the session is over", () => {
    expect(isTokenInvalid(toApiError(new FakeClientError("x", { code: "auth.token_invalid", httpStatus: 401 })))).toBe(true);
    expect(isSessionEnded(toApiError(new FakeClientError("x", { code: "auth.session_expired", httpStatus: 401 })))).toBe(true);
    expect(isSessionEnded(toApiError(new TypeError("offline")))).toBe(false);
    expect(isSessionEnded(toApiError(new FakeClientError("x", { code: undefined, httpStatus: 500 })))).toBe(false);
  });
});

describe("trpcUrl", () => {
  it("is same-origin without an API origin and joins one without doubling slashes", () => {
    expect(trpcUrl("")).toBe("/trpc");
    expect(trpcUrl(undefined)).toBe("/trpc");
    expect(trpcUrl("https://abc.execute-api.ap-northeast-1.amazonaws.com/")).toBe("https://abc.execute-api.ap-northeast-1.amazonaws.com/trpc");
  });
});
