import { describe, expect, it } from "vitest";
import { Id } from "./index.js";

describe("ids", () => {
  it("are prefixed 26-character ULIDs that sort by creation time", () => {
    const a = Id.ulid(Date.UTC(2026, 0, 1));
    const b = Id.ulid(Date.UTC(2026, 0, 2));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(Id.is("person", Id.create("person"))).toBe(true);
    expect(Id.is("person", Id.create("agency"))).toBe(false);
  });

  it("encodes the time like the ULID spec", () => {
    expect(Id.ulid(1469918176385).slice(0, 10)).toBe("01ARYZ6S41");
  });

  it("does not repeat across many draws", () => {
    const seen = new Set(Array.from({ length: 5000 }, () => Id.ulid(0)));
    expect(seen.size).toBe(5000);
  });
});
