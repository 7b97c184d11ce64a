import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TERMS_VERSION } from "./terms";

describe("the terms' version", () => {
  it("is the one the API records at sign-up", () => {
    const core = readFileSync(new URL("../../../packages/core/src/account/index.ts", import.meta.url), "utf8");
    expect(core).toContain(`export const TERMS_VERSION = "${TERMS_VERSION}";`);
  });
});
