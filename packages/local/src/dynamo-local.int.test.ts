import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./dynamo-local.js";
import { startStack } from "./stack.js";

/** Resolves "open" when a TCP connection is accepted, else the error code (ECONNREFUSED …). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("open");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/**
 * Every address of this machine but 127.0.0.1: its network interfaces, and on Linux another
 * loopback address (the whole 127/8 is loopback, so a server listening on every interface answers there).
 */
function otherAddresses(): string[] {
  const external = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).filter((a) => !a.internal).map((a) => (a.family === "IPv6" && a.scopeid ? `${a.address}%${name}` : a.address)),
  );
  return [...external, ...(process.platform === "linux" ? ["127.0.0.2"] : [])];
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("DynamoDB Local on a developer machine", () => {
  it("answers on 127.0.0.1 and refuses connections to every other address of the machine", async () => {
    const port = Number(new URL(process.env.DYNAMO_ENDPOINT as string).port);
    expect(await tryConnect("127.0.0.1", port)).toBe("open");
    const others = otherAddresses();
    expect(others.length).toBeGreaterThan(0);
    for (const address of others) expect([address, await tryConnect(address, port)]).toEqual([address, "ECONNREFUSED"]);
  });

  describe("the stack's data folder", () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "zhubo-perms-")), "data");
    const umask = process.umask();
    afterAll(() => {
      process.umask(umask);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("is this user's alone: folders 0700, keys and database files 0600, however wide the umask or an older run left them", async () => {
      // As an older run left it: world-readable folder and key.
      process.umask(0);
      mkdirSync(join(dataDir, "dynamodb"), { recursive: true, mode: 0o777 });
      chmodSync(dataDir, 0o777);
      writeFileSync(join(dataDir, "jwt-private.jwk.json"), JSON.stringify(JSON.parse(process.env.JWT_PRIVATE_JWK as string)), { mode: 0o666 });
      const env = { ...process.env };
      const stack = await startStack({ dataDir, dynamoPort: await freePort(), apiPort: await freePort(), web: "none", seed: false, table: "perms" });
      try {
        expect(mode(dataDir)).toBe(0o700);
        expect(mode(join(dataDir, "dynamodb"))).toBe(0o700);
        expect(mode(join(dataDir, "jwt-private.jwk.json"))).toBe(0o600);
        expect(mode(join(dataDir, "credential-private.jwk.json"))).toBe(0o600);
        const dbFiles = readdirSync(join(dataDir, "dynamodb"));
        expect(dbFiles.length).toBeGreaterThan(0);
        for (const file of dbFiles) expect([file, mode(join(dataDir, "dynamodb", file))]).toEqual([file, 0o600]);
      } finally {
        await stack.stop();
        process.env = env;
      }
    }, 90_000);
  });
});
