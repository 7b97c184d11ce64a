import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, signUp, uniqueEmail } from "../../../packages/core/test/factory.js";
import { buildApi } from "../../bundle.js";

/** The artefact that ships: bundled exactly as deployed, run in a fresh Node process with API Gateway v2 events. */
const out = mkdtempSync(join(tmpdir(), "zhubo-lambda-"));
let entry: string;

beforeAll(async () => {
  entry = (await buildApi(out)).entry;
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function invoke(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.cn", "content-type": "application/json", ...headers },
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "198.51.100.20", userAgent: "test" },
      requestId: "lambda-test",
      routeKey: "$default",
      stage: "$default",
      timeEpoch: Date.now(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
  const script = `const { handler } = await import(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, {})));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, NODE_NO_WARNINGS: "1" }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { statusCode: number; body: string; headers: Record<string, string> };
}

describe("the bundled API Lambda", () => {
  it("answers /healthz from the table", () => {
    const res = invoke("GET", "/healthz");
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, db: "ok" });
  });

  it("runs a tRPC mutation that reads and writes the table (ElectroDB and the AWS SDK load lazily in the bundle)", async () => {
    const login = uniqueEmail("bundle");
    await signUp("打包测试", login);
    const ok = invoke("POST", "/trpc/auth.signIn", { login, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    const token = JSON.parse(ok.body).result.data.accessToken as string;
    const me = invoke("GET", "/trpc/auth.me", undefined, { authorization: `Bearer ${token}` });
    expect(JSON.parse(me.body).result.data.displayName).toBe("打包测试");
    const bad = invoke("POST", "/trpc/auth.signIn", { login, password: "not-the-password" });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers["x-request-id"]).toBe("lambda-test");
  }, 60_000);
});
