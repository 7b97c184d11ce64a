import { DEMO_ACCOUNTS, DEMO_LEARNERS, DEMO_PASSWORD } from "./seed.js";
import { startStack } from "./stack.js";

/** `pnpm dev`: the whole product on this laptop. Flags: --fresh wipes .data first. */
const fresh = process.argv.includes("--fresh");
const port = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got ${value}`);
  return n;
};

// Signals are handled from the first moment: one that arrives while the stack is still starting
// (seeding, say) stops it as soon as it has started, rather than leaving Java behind.
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let stopping: string | undefined;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = signal;
  if (!stack) return; // startStack is still running: the code after it stops what it started
  console.log(`\n${signal}: stopping web, API and DynamoDB Local…`);
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  stack = await startStack({
    fresh,
    dataDir: process.env.ZHUBO_DATA_DIR,
    apiPort: port("PORT", 3000),
    webPort: port("WEB_PORT", 5173),
    dynamoPort: port("DYNAMO_PORT", 8000),
    web: "dev",
    streaming: { rtmpPort: port("RTMP_PORT", 1935), httpPort: port("PLAYBACK_PORT", 8081) },
    log: (line) => console.log(`  ${line}`),
  });
  if (stopping) {
    const signal = stopping;
    stopping = undefined;
    await shutdown(signal);
  }
  const rows = [...Object.values(DEMO_ACCOUNTS), ...DEMO_LEARNERS].map((a) => `  ${a.role.padEnd(24)} ${a.login.padEnd(18)} ${a.name}`);
  console.log(`
zhubo is running on this machine
  web app         ${stack.webUrl}
  sent messages   ${stack.webUrl}/dev/messages  (sign-up and reset codes; also printed here as they're sent)
  API             ${stack.apiUrl}  (tRPC at /trpc, health at /healthz)
  RTMP ingest     ${stack.rtmpUrl}  (local stand-in for AWS IVS; playback on ${stack.playbackUrl})
  DynamoDB Local  ${stack.dynamoEndpoint}  (data in .data/, --fresh to wipe)

Demo accounts (password for all: ${DEMO_PASSWORD})
${rows.join("\n")}

Ctrl-C stops everything.`);
} catch (e) {
  console.error(`\nzhubo could not start: ${(e as Error).message}`);
  process.exit(1);
}
