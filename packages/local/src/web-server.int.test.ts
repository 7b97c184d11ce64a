import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./dynamo-local.js";
import { repoRoot, type Stack, startStack } from "./stack.js";

/** GET with the path sent exactly as written (fetch would normalise `..` and some escapes away). */
function get(base: string, path: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: "GET", agent: false, headers: { accept: "*/*" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.once("error", reject);
    req.end();
  });
}

/** Secrets where `pnpm dev` and `pnpm keys` keep them, written for the test and removed after it. */
const SECRET = `secret-${randomBytes(8).toString("hex")}`;
const probe = `probe-${randomBytes(4).toString("hex")}`;
const created: string[] = [];
function plant(dir: string, file: string): string {
  const missing = [dir, dirname(dir)].filter((d) => !existsSync(d)).at(-1);
  if (missing) created.push(missing);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, file), JSON.stringify({ d: SECRET }), { mode: 0o600 });
  return join(dir, file);
}
const dataFile = plant(join(repoRoot, ".data"), `${probe}.jwk.json`);
plant(join(repoRoot, ".keys", probe), "jwt.jwk.json");
afterAll(() => {
  rmSync(dataFile, { force: true });
  rmSync(join(repoRoot, ".keys", probe), { recursive: true, force: true });
  for (const dir of created.reverse()) rmSync(dir, { recursive: true, force: true });
});

const repo = repoRoot.replace(/\/$/, "");
const attempts = [
  `/@fs${repo}/.data/${probe}.jwk.json`,
  `/@fs${repo}/.keys/${probe}/jwt.jwk.json`,
  `/@fs${repo}/.data/${probe}.jwk.json?import`,
  `/@fs${repo}/.data/${probe}.jwk.json?raw`,
  `/@fs${repo}/.data/${probe}.jwk.json?url`,
  `/@fs${repo}/%2Edata/${probe}.jwk.json`,
  `/@fs${repo}%2F.data%2F${probe}.jwk.json`,
  `/@fs${repo}/%252Edata/${probe}.jwk.json`,
  `/@fs${repo}/web/src/../../.data/${probe}.jwk.json`,
  `/@fs${repo}/web/src/%2e%2e/%2e%2e/.data/${probe}.jwk.json`,
  `/@fs${repo}/web/src/..%2f..%2f.data/${probe}.jwk.json`,
  `/@fs${repo}/web/src/..\\..\\.data/${probe}.jwk.json`,
  `/src/../../.data/${probe}.jwk.json`,
  `/../.data/${probe}.jwk.json`,
  `//${repo.slice(1)}/.data/${probe}.jwk.json`,
  `/.data/${probe}.jwk.json`,
  `/.keys/${probe}/jwt.jwk.json`,
  "/@fs/etc/passwd",
  "/@fs/etc/passwd?raw",
  `/@fs${repo}/package.json`,
  `/@fs${repo}/packages/local/src/stack.ts`,
];

function webServer(mode: "dev" | "preview") {
  let stack: Stack | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `zhubo-web-${mode}-`));
  beforeAll(async () => {
    stack = await startStack({
      dynamoEndpoint: process.env.DYNAMO_ENDPOINT as string,
      table: process.env.TABLE_NAME,
      dataDir,
      apiPort: await freePort(),
      webPort: await freePort(),
      web: mode,
      seed: false,
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => stack?.webUrl as string;
}

describe("the Vite dev server", () => {
  const url = webServer("dev");

  it("serves the app's own sources through /@fs/ (so a refusal below means something)", async () => {
    const own = await get(url(), `/@fs${repo}/web/src/index.tsx`);
    expect(own.status).toBe(200);
  });

  it("refuses .data, .keys and everything outside the web app's sources, however the path is spelled", async () => {
    for (const path of attempts) {
      const res = await get(url(), path);
      expect([path, [403, 404].includes(res.status)]).toEqual([path, true]);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain("root:x:0:0");
    }
  });

  it("still serves the app, with the security headers on every response", async () => {
    for (const path of ["/", "/sign-in", "/src/index.tsx", "/@vite/client"]) {
      const res = await get(url(), path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["permissions-policy"]).toContain("camera=()");
    }
    const page = await get(url(), "/");
    expect(page.body).toContain('<div id="root">');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe("the Vite preview server (the built app)", () => {
  const url = webServer("preview");

  it("refuses .data, .keys, /@fs/ and every path outside the build", async () => {
    for (const path of attempts) {
      const res = await get(url(), path);
      expect([path, [403, 404].includes(res.status)]).toEqual([path, true]);
      expect(res.body).not.toContain(SECRET);
    }
  });

  it("serves the build with the same headers and no inline script", async () => {
    const page = await get(url(), "/");
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain("unsafe");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["strict-transport-security"]).toBeUndefined();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] as string;
    const js = await get(url(), asset);
    expect(js.status).toBe(200);
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
  });
});
