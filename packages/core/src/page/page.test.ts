import { Auth } from "@zhubo/core/auth";
import { VisibleError } from "@zhubo/core/error";
import { Page } from "@zhubo/core/page";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const position = Buffer.from(JSON.stringify({ pk: "$zhubo#agencyid_agy_1", sk: "$course#courseid_crs_1" })).toString("base64url");

function refusal(cb: () => unknown) {
  try {
    cb();
  } catch (e) {
    expect(e).toBeInstanceOf(VisibleError);
    return e as VisibleError;
  }
  return expect.fail("expected the cursor to be refused");
}

describe("Page cursors", () => {
  const mine = Page.query("course.listByAgency", "agy_1");

  it("a sealed position opens again for the same query, and the first page has none", () => {
    const cursor = Page.seal(mine, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Page.open(Page.query("course.listByAgency", "agy_1"), cursor)).toBe(position);
    expect(Page.open(mine, null)).toBeNull();
    expect(Page.open(mine, undefined)).toBeNull();
    expect(Page.seal(mine, null)).toBeNull();
  });

  it("does not show the table keys it carries", () => {
    const cursor = Page.seal(mine, position) as string;
    expect(Buffer.from(cursor, "base64url").toString("latin1")).not.toContain("agy_1");
  });

  it("refuses a cursor of another partition, another list or another filter as page.cursor_invalid on the cursor field", () => {
    const cursor = Page.seal(mine, position);
    for (const other of [
      Page.query("course.listByAgency", "agy_2"),
      Page.query("cohort.listByAgency", "agy_1"),
      Page.query("course.listByAgency", "agy_1", "food"),
    ]) {
      const e = refusal(() => Page.open(other, cursor));
      expect(e.kind).toBe("input");
      expect(e.code).toBe("page.cursor_invalid");
      expect(Object.keys(e.fields ?? {})).toEqual(["cursor"]);
    }
  });

  it("refuses an ElectroDB cursor handed in raw, and any edited byte", () => {
    refusal(() => Page.open(mine, position));
    const raw = Buffer.from(Page.seal(mine, position) as string, "base64url");
    for (let i = 0; i < raw.length; i += 1) {
      const edited = Buffer.from(raw);
      edited[i] = (edited[i] as number) ^ 1;
      refusal(() => Page.open(mine, edited.toString("base64url")));
    }
  });

  it("refuses every string that is not a cursor it sealed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/)), (s) => {
        fc.pre(s !== "");
        expect(refusal(() => Page.open(mine, s)).code).toBe("page.cursor_invalid");
      }),
    );
  });

  it("a cursor sealed under another signing key is refused (rotating the JWT key ends open cursors)", async () => {
    const cursor = Page.seal(mine, position);
    const before = process.env.JWT_PRIVATE_JWK;
    process.env.JWT_PRIVATE_JWK = await Auth.generateSigningJwk();
    try {
      refusal(() => Page.open(mine, cursor));
    } finally {
      process.env.JWT_PRIVATE_JWK = before;
    }
    expect(Page.open(mine, cursor)).toBe(position);
  });
});
