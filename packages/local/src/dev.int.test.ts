import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./dynamo-local.js";
import { repoRoot } from "./stack.js";

/** `pnpm dev` as a person runs it: a real process, real ports, Ctrl-C at the end. */
const dataDir = mkdtempSync(join(tmpdir(), "zhubo-dev-"));
const children: ChildProcess[] = [];

/** A failed test may leave a dev process running: stop it politely (so it stops its java), then for sure. */
afterAll(async () => {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            c.kill("SIGKILL");
            resolve();
          }, 10_000);
          c.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill("SIGTERM");
        }),
    ),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The dev stack's DynamoDB Local with C1 only, as the test run's own servers (test/global-setup.ts):
 * for a server that lives a minute, C2 compiling is most of the JVM's work (this file's processes
 * took 64 CPU-s with C1 only instead of 87). JAVA_TOOL_OPTIONS is the JVM's own way to take options
 * from the environment, so `pnpm dev` itself runs exactly as a person starts it.
 */
const JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, "-XX:TieredStopAtLevel=1"].filter(Boolean).join(" ");

function dev(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [join(repoRoot, "packages/local/bin/run.mjs"), join(repoRoot, "packages/local/src/dev.ts"), ...args], {
    cwd: join(repoRoot, "packages/local"),
    env: { ...process.env, ZHUBO_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1", JAVA_TOOL_OPTIONS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // A cap, not a pause: the first start seeds the whole demo (money included) while other test files load the machine.
  const waitFor = async (text: string, ms = 240_000) => {
    const deadline = Date.now() + ms;
    while (!output.includes(text)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`never saw "${text}":\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

const javaRunningWith = (port: number) => spawnSync("pgrep", ["-f", `DynamoDBLocal.jar.*-port ${port}`]).status === 0;

describe("pnpm dev", () => {
  it("starts DynamoDB Local, seeds, serves the API and web, keeps data between runs, and stops everything on Ctrl-C", async () => {
    const ports = {
      PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      DYNAMO_PORT: String(await freePort()),
      RTMP_PORT: String(await freePort()),
      PLAYBACK_PORT: String(await freePort()),
    };
    const first = dev(ports);
    await first.waitFor("Ctrl-C stops everything.");
    expect(first.output()).toContain("seeded demo data");
    expect(first.output()).toContain("zhubo-demo-2026");
    expect(first.output()).toContain(`RTMP ingest     rtmp://127.0.0.1:${ports.RTMP_PORT}/app/`);
    const health = await fetch(`http://127.0.0.1:${ports.PORT}/healthz`);
    expect(await health.json()).toEqual({ ok: true, db: "ok" });
    const page = await fetch(`http://127.0.0.1:${ports.WEB_PORT}/`);
    expect(page.status).toBe(200);
    const proxied = await fetch(`http://127.0.0.1:${ports.WEB_PORT}/healthz`);
    expect(proxied.status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${ports.PORT}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "ops@zhubo.local", password: "zhubo-demo-2026" }),
    });
    expect(signIn.status).toBe(200);

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(javaRunningWith(Number(ports.DYNAMO_PORT))).toBe(false);

    // second run: same data folder, nothing to seed, the demo accounts still sign in
    const second = dev(ports);
    await second.waitFor("Ctrl-C stops everything.");
    expect(second.output()).not.toContain("seeded demo data");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(javaRunningWith(Number(ports.DYNAMO_PORT))).toBe(false);
  }, 360_000);

  it("says clearly which port is taken instead of crashing", async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      const run = dev({
        PORT: String(port),
        WEB_PORT: String(await freePort()),
        DYNAMO_PORT: String(await freePort()),
        RTMP_PORT: String(await freePort()),
        PLAYBACK_PORT: String(await freePort()),
      });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} (API) is already in use`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("says clearly that Java is missing", async () => {
    const run = dev({
      PATH: "/nonexistent",
      PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      DYNAMO_PORT: String(await freePort()),
      RTMP_PORT: String(await freePort()),
      PLAYBACK_PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("Java was not found");
  }, 60_000);
});
