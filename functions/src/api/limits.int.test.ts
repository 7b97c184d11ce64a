import { describe, expect, it } from "vitest";
import { PASSWORD, uniqueEmail } from "../../../packages/core/test/factory.js";
import { itemCount } from "../../../packages/core/test/table.js";
import { app } from "./app.js";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from "./limits.js";

type TrpcError = { error: { message: string; data: { code?: string; httpStatus: number } } };

/** One HTTP request carrying `calls` as a tRPC batch (what httpBatchLink sends). */
function batch(calls: { path: string; input: unknown }[], method: "POST" | "GET" = "POST") {
  const paths = calls.map((c) => c.path).join(",");
  const inputs = Object.fromEntries(calls.map((c, i) => [i, c.input]));
  if (method === "GET") return app.request(`/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`);
  return app.request(`/trpc/${paths}?batch=1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(inputs) });
}

const single = (path: string, input: unknown) =>
  app.request(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });

const times = <T>(n: number, make: () => T) => Array.from({ length: n }, make);

describe("batching limits on /trpc", () => {
  it("refuses one request batching 60 sign-ins before any runs: no attempt is counted, nothing is written", async () => {
    const login = uniqueEmail();
    const before = await itemCount();
    const res = await batch(times(60, () => ({ path: "auth.signIn", input: { login, password: "guess-guess-1" } })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as TrpcError).error.message).toBe("Batch call exceeds maximum size");
    expect(await itemCount()).toBe(before);
  });

  it(`refuses a batch of ${MAX_BATCH_SIZE + 1} withdrawals, POST or GET, before any runs`, async () => {
    const before = await itemCount();
    const withdraw = { path: "enrolment.withdraw", input: { cohortID: "coh_01J00000000000000000000000" } };
    const post = await batch(times(MAX_BATCH_SIZE + 1, () => withdraw));
    expect(post.status).toBe(400);
    expect(((await post.json()) as TrpcError).error.message).toBe("Batch call exceeds maximum size");
    const get = await batch(
      times(MAX_BATCH_SIZE + 1, () => ({ path: "course.browse", input: {} })),
      "GET",
    );
    expect(get.status).toBe(400);
    expect(await itemCount()).toBe(before);
  });

  it(`answers a batch of ${MAX_BATCH_SIZE} ordinary queries`, async () => {
    const res = await batch(
      times(MAX_BATCH_SIZE, () => ({ path: "course.browse", input: {} })),
      "GET",
    );
    expect(res.status).toBe(200);
    const results = (await res.json()) as { result?: unknown; error?: unknown }[];
    expect(results).toHaveLength(MAX_BATCH_SIZE);
    for (const r of results) expect(r).toHaveProperty("result");
  });

  it("refuses a sign-in, sign-up or refresh batched with anything else, even a batch of two, and runs none of it", async () => {
    const login = uniqueEmail();
    const before = await itemCount();
    const mixes = [
      [
        { path: "auth.signIn", input: { login, password: "guess-guess-1" } },
        { path: "auth.signIn", input: { login, password: "guess-guess-2" } },
      ],
      [
        { path: "auth.signUp", input: { agree: true, login, password: PASSWORD, displayName: "Batched" } },
        { path: "auth.signOut", input: undefined },
      ],
      [
        { path: "auth.refresh", input: { refreshToken: "r".repeat(40) } },
        { path: "enrolment.withdraw", input: { cohortID: "coh_01J00000000000000000000000" } },
      ],
    ];
    for (const calls of mixes) {
      const res = await batch(calls);
      expect(res.status).toBe(400);
      const body = (await res.json()) as TrpcError[];
      expect(body).toHaveLength(2);
      for (const r of body) expect(r.error.data.code).toBe("request.batch_refused");
      expect(body[0]?.error.message).toContain(`${calls[0]?.path} can't be batched`);
    }
    expect(await itemCount()).toBe(before);
  });

  it("accepts a single sign-in, and a batch holding that one sign-in alone", async () => {
    const login = uniqueEmail();
    const signUp = await single("auth.signUp", { agree: true, login, password: PASSWORD, displayName: "Alone" });
    expect(signUp.status).toBe(200);
    const res = await single("auth.signIn", { login, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken).toEqual(expect.any(String));
    const one = await batch([{ path: "auth.signIn", input: { login, password: PASSWORD } }]);
    expect(one.status).toBe(200);
  });
});

describe("the /trpc body limit", () => {
  const big = () => JSON.stringify({ login: uniqueEmail(), password: "x".repeat(2 * 1024 * 1024) });

  it("answers 413 to a 2 MB body, without parsing it or counting an attempt", async () => {
    const before = await itemCount();
    const res = await app.request("/trpc/auth.signIn", { method: "POST", headers: { "content-type": "application/json" }, body: big() });
    expect(res.status).toBe(413);
    expect(((await res.json()) as TrpcError).error.data).toMatchObject({ code: "request.too_large", httpStatus: 413 });
    expect(await itemCount()).toBe(before);
  });

  it("cuts off a chunked body that has no content-length at the same limit", async () => {
    const text = new TextEncoder().encode(big());
    const chunk = 64 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < text.length; at += chunk) controller.enqueue(text.subarray(at, at + chunk));
        controller.close();
      },
    });
    const request = new Request("http://localhost/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.has("content-length")).toBe(false);
    const res = await app.request(request);
    expect(res.status).toBe(413);
  });

  it("lets a sales import alone carry up to 6 MB (a 4 MB file as base64), never a batch, never more", async () => {
    const file = "A".repeat(5 * 1024 * 1024);
    const alone = await app.request("/trpc/sale.preview", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ bookingID: "bkg_x", file }),
    });
    // through the limit to the procedure, which wants a signed-in brand member
    expect(alone.status).not.toBe(413);
    const batched = await app.request("/trpc/sale.preview,sale.preview?batch=1", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ 0: { bookingID: "bkg_x", file }, 1: { bookingID: "bkg_x", file: "A" } }),
    });
    expect(batched.status).toBe(413);
    const huge = await app.request("/trpc/sale.import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file: "A".repeat(MAX_IMPORT_BODY_BYTES) }),
    });
    expect(huge.status).toBe(413);
  });

  it("lets a body under the limit through to the procedure's own validation", async () => {
    const credential = "a".repeat(MAX_BODY_BYTES - 1024);
    const res = await single("certification.verifyCredential", { credential });
    expect(res.status).toBe(400);
    expect(((await res.json()) as TrpcError).error.data.code).toBe("input.invalid");
  });
});
