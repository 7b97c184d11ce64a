import { afterEach, describe, expect, it, vi } from "vitest";
import { signUp, uniqueEmail } from "../../../packages/core/test/factory.js";
import { app } from "./app.js";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("the HTTP app", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers /healthz with ok only when the table answers", async () => {
    const ok = await app.request("/healthz");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, db: "ok" });
    const table = process.env.TABLE_NAME;
    process.env.TABLE_NAME = "no_such_table";
    try {
      const down = await app.request("/healthz");
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false, db: "unreachable" });
    } finally {
      process.env.TABLE_NAME = table;
    }
  });

  it("publishes the credential-signing public key as a JWKS, never the private half", async () => {
    const res = await app.request("/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age");
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String) });
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(secret);
  });

  it("returns per-field errors for invalid input over HTTP", async () => {
    const res = await post("auth.signUp", { login: "x", password: "short", displayName: "" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { code: string; fields: Record<string, string>; requestId: string } } };
    expect(body.error.data.code).toBe("input.invalid");
    expect(Object.keys(body.error.data.fields).sort()).toEqual(["agree", "displayName", "login", "password"]);
    expect(body.error.data.requestId).toMatch(/^req_/);
  });

  it("hides an unexpected failure's internals behind INTERNAL_SERVER_ERROR with the request id, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const table = process.env.TABLE_NAME;
    process.env.TABLE_NAME = "table_that_is_gone";
    let res: Response;
    try {
      res = await post("auth.signIn", { login: uniqueEmail(), password: "whatever-1" }, { "x-request-id": "trace-123" });
    } finally {
      process.env.TABLE_NAME = table;
    }
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/non-existent|table_that_is_gone|ResourceNotFound/i);
    expect(text).not.toContain("stack");
    expect(JSON.parse(text).error.data.requestId).toBe("trace-123");
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    expect(log.mock.calls.flat().join(" ")).toMatch(/trace-123.*non-existent/);
  });

  it("authenticates with a bearer token and refuses a bad one with 401", async () => {
    const tokens = await signUp("Bearer");
    const me = await app.request("/trpc/auth.me", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(200);
    const bad = await app.request("/trpc/auth.me", { headers: { authorization: "Bearer a.b.c" } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { data: { code: string } } }).error.data.code).toBe("auth.token_invalid");
  });
});
