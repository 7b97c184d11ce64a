import { fork, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Auth } from "@zhubo/core/auth";
import { Dynamo } from "@zhubo/core/dynamo";
import { ensureTable } from "@zhubo/core/dynamo/admin";
import { buildApi, buildLambda } from "@zhubo/functions/bundle";
import { freePort, startDynamoLocal } from "../src/dynamo-local.js";
import { createLocalBus, loadSubscribers } from "../src/event-bus.js";
import { startStack } from "../src/stack.js";
import { startStreamReader } from "../src/stream-reader.js";
import { eventRows, measureDelivery, roundTrips } from "./events.js";
import { benchMatching } from "./matching.js";
import { benchMoney } from "./money.js";
import { benchPayouts } from "./payouts.js";

/**
 * `pnpm bench`: every figure is a ratio against a baseline measured in the same run,
 * on the same machine, so the numbers travel between machines.
 */
const here = fileURLToPath(new URL(".", import.meta.url));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const runs = Number(process.env.BENCH_RUNS ?? 15);
/** BENCH_ONLY=events: just the event-delivery figures (skips cold starts, throughput and matching); BENCH_ONLY=money: just the money's; BENCH_ONLY=payouts: the payout run's. */
const only = process.env.BENCH_ONLY;
const out = mkdtempSync(join(tmpdir(), "zhubo-bench-"));
const dataDir = mkdtempSync(join(tmpdir(), "zhubo-bench-data-"));

const stack = await startStack({ dataDir, apiPort: await freePort(), dynamoPort: await freePort(), web: "none", seed: true });
try {
  if (only === "payouts") {
    console.log("\nzhubo bench (payouts only)");
    // the stack's bus would start the in-process engine on each run's event: a second executor (safe, but not what is measured)
    await stack.events.stop();
    for (const [what, figure, ratio] of await benchPayouts({ payees: Number(process.env.BENCH_PAYEES ?? 10_000) }))
      console.log(`  ${what}\n    ${figure}  ${ratio}`);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
  if (only === "money") {
    console.log("\nzhubo bench (money only)");
    for (const [what, figure, ratio] of await benchMoney({ rows: Number(process.env.BENCH_ROWS ?? 10_000) })) console.log(`  ${what}\n    ${figure}  ${ratio}`);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
  // Event delivery, first: it needs the stack's table and reader (matching below swaps the client).
  const changes = Number(process.env.BENCH_CHANGES ?? 200);
  const baseline = await roundTrips();
  const viaStack = await measureDelivery(stack.events, changes);
  // The same through a reader with a shorter idle pause, in place of the stack's (same checkpoint).
  await stack.events.stop();
  const idleMs = 20;
  const shortReader = await startStreamReader({
    client: await Dynamo.getClient(),
    endpoint: stack.dynamoEndpoint,
    table: Dynamo.table(),
    bus: createLocalBus({ subscribers: await loadSubscribers() }),
    checkpoint: join(dataDir, "stream-checkpoint.json"),
    idleMs,
  });
  const viaShort = await measureDelivery(shortReader, changes).finally(() => shortReader.stop());
  const events = eventRows(changes, baseline, viaStack, { idleMs, delivery: viaShort });
  if (only === "events") {
    console.log("\nzhubo bench (events only)");
    for (const [what, figure, ratio] of events) console.log(`  ${what}\n    ${figure}  ${ratio}`);
  } else {
    const api = await buildApi(join(out, "api"));
    const hello = await buildLambda(join(here, "hello.ts"), join(out, "hello"));

    const coldStart = (bundle: string, path: string, authorization?: string) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const child = spawnSync(process.execPath, [join(here, "cold-start.mjs"), bundle, path, authorization ?? ""], {
          env: { ...process.env, NODE_NO_WARNINGS: "1" },
          encoding: "utf8",
        });
        if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
        times.push(performance.now() - t0);
      }
      return median(times);
    };
    const signedIn = await Auth.signIn({ login: "13800000004", password: "zhubo-demo-2026" });
    const bearer = `Bearer ${signedIn.accessToken}`;
    const baseCold = coldStart(hello.entry, "/healthz");
    const apiCold = coldStart(api.entry, "/healthz");
    const apiColdSession = coldStart(api.entry, "/trpc/auth.session", bearer);
    const apiColdMe = coldStart(api.entry, "/trpc/auth.me", bearer);

    // Throughput: requests/s of an authenticated tRPC query vs a bare Hono route, same server kind.
    const barePort = await freePort();
    const apiPort = await freePort();
    const servers = fork(join(here, "servers.ts"), {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, BARE_PORT: String(barePort), API_PORT: String(apiPort), NODE_NO_WARNINGS: "1" },
    });
    await new Promise<void>((resolve, reject) => {
      servers.once("message", () => resolve());
      servers.once("exit", (code) => reject(new Error(`bench servers exited with ${code}`)));
    });
    const seconds = Number(process.env.BENCH_SECONDS ?? 5);
    const load = async (url: string, headers: Record<string, string> = {}) => {
      const concurrency = 16;
      const deadline = performance.now() + seconds * 1000;
      const warm = performance.now() + 500;
      let counted = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const res = await fetch(url, { headers });
            if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
            await res.arrayBuffer();
            if (performance.now() > warm) counted++;
          }
        }),
      );
      return counted / (seconds - 0.5);
    };
    const bareRps = await load(`http://127.0.0.1:${barePort}/hello`);
    const apiRps = await load(`http://127.0.0.1:${apiPort}/trpc/auth.session`, { authorization: bearer });
    servers.kill();

    const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
    const rows = [
      [
        `cold start (fresh node: import bundle + 1 request), median of ${runs}`,
        `${apiCold.toFixed(0)} ms GET /healthz (reads the table) / ${baseCold.toFixed(0)} ms bare hono`,
        `${(apiCold / baseCold).toFixed(2)}× (target ≤ 1.5×)`,
      ],
      [
        "cold start, authenticated tRPC auth.session (token only)",
        `${apiColdSession.toFixed(0)} ms / ${baseCold.toFixed(0)} ms bare hono`,
        `${(apiColdSession / baseCold).toFixed(2)}×`,
      ],
      [
        "cold start, authenticated tRPC auth.me (token + GetItem)",
        `${apiColdMe.toFixed(0)} ms / ${baseCold.toFixed(0)} ms bare hono`,
        `${(apiColdMe / baseCold).toFixed(2)}×`,
      ],
      [
        "throughput, authenticated tRPC auth.session vs bare Hono route (server in its own process)",
        `${apiRps.toFixed(0)} req/s / ${bareRps.toFixed(0)} req/s`,
        `${(apiRps / bareRps).toFixed(2)}× (target ≥ 0.5×)`,
      ],
      ["API Lambda bundle (ESM, minified, node22)", `${kib(api.bytes)} in all, ${kib(api.entryBytes)} parsed at start / bare hono ${kib(hello.bytes)}`, ""],
      ...events,
      ...(await benchMoney({ rows: Number(process.env.BENCH_ROWS ?? 10_000) })),
    ];
    console.log("\nzhubo bench");
    for (const [what, figure, ratio] of rows) console.log(`  ${what}\n    ${figure}  ${ratio}`);

    // Matching at scale (BENCH_HOSTS, default 100,000 host cards), on its own DynamoDB Local — on disk:
    // in memory, half a million items outgrow the JVM's default heap.
    const matchingData = mkdtempSync(join(tmpdir(), "zhubo-bench-matching-"));
    const dynamo = await startDynamoLocal({ port: await freePort(), dbPath: matchingData });
    try {
      const client = await Dynamo.createClient({ endpoint: dynamo.endpoint });
      Dynamo.useClient(client);
      process.env.TABLE_NAME = "zhubo-bench-matching";
      await ensureTable(client, "zhubo-bench-matching");
      for (const [what, figure, ratio] of await benchMatching(Number(process.env.BENCH_HOSTS ?? 100_000))) {
        console.log(figure ? `  ${what}\n    ${figure}  ${ratio}` : `  ${what}`);
      }
    } finally {
      await dynamo.stop();
      rmSync(matchingData, { recursive: true, force: true });
    }
  }
} finally {
  await stack.stop();
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
