import { describe, expect, it } from "vitest";
import { hash, needsRehash, verify } from "./password.js";

describe("password hashing", () => {
  it("stores scrypt at OWASP's minimum cost or above and verifies only the right password", async () => {
    const stored = await hash("月饼好吃 2026");
    const [scheme, N, r, p] = stored.split("$");
    expect([scheme, Number(N) >= 2 ** 17, Number(r) >= 8, Number(p) >= 1]).toEqual(["scrypt", true, true, true]);
    expect(await verify("月饼好吃 2026", stored)).toBe(true);
    expect(await verify("月饼好吃 2025", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash("scrypt$16384$8$1$c2FsdA$aGFzaA")).toBe(true);
  });

  it("salts every hash", async () => {
    expect(await hash("same password")).not.toBe(await hash("same password"));
  });
});
