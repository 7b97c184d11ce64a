import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import { Dynamo } from "@zhubo/core/dynamo";
import { ensureTable } from "@zhubo/core/dynamo/admin";
import { Market } from "@zhubo/core/market";
import { Messaging } from "@zhubo/core/messaging";
import { Notification } from "@zhubo/core/notification";
import { Payment } from "@zhubo/core/payment";
import { Payout } from "@zhubo/core/payout";
import { Practice } from "@zhubo/core/practice";
import type { IvsEvent } from "@zhubo/core/practice/events";
import { Sale } from "@zhubo/core/sale";
import { Stream } from "@zhubo/core/stream";
import { app } from "@zhubo/functions/api/app";
import { BANK_PATH, bankRoute } from "./bank.js";
import { assertPortFree, type DynamoLocal, startDynamoLocal } from "./dynamo-local.js";
import { createLocalBus, loadSubscribers } from "./event-bus.js";
import { localMessaging, MESSAGES_PATH, messagesRoute } from "./messages.js";
import { localEngine, PAYOUTS_PATH, payoutsRoute } from "./payouts.js";
import { startLocalIvs } from "./rtmp/server.js";
import { seed } from "./seed.js";
import { type StreamReader, startStreamReader } from "./stream-reader.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface StackOptions {
  /** Where DynamoDB Local keeps its data and the signing key lives; default `<repo>/.data`. */
  dataDir?: string;
  /** Wipe the data folder first. */
  fresh?: boolean;
  /** Use a running DynamoDB Local instead of starting one (tests). */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  table?: string;
  apiPort?: number;
  webPort?: number;
  /** "dev": Vite dev server with HMR; "preview": serve the built web/dist (tests); "none": API only. */
  web?: "dev" | "preview" | "none";
  /** Start the local IVS stand-in (RTMP ingest + playback) on these ports; off when absent. */
  streaming?: {
    rtmpPort: number;
    httpPort: number;
    /** Sees each event after the ledger recorded it (tests). */
    tap?: (event: IvsEvent) => void;
  };
  /**
   * Fill a new table with the demo data (default). A function fills it instead, from whatever it
   * likes (tests copy a template seeded once per run): either way the stream reader starts past what
   * was written, as for the seed.
   */
  seed?: boolean | (() => Promise<boolean>);
  log?: (line: string) => void;
}

export interface Stack {
  apiUrl: string;
  webUrl?: string;
  /** RTMP ingest base ("rtmp://127.0.0.1:1935/app/") and playback origin, when streaming is on. */
  rtmpUrl?: string;
  playbackUrl?: string;
  dynamoEndpoint: string;
  seeded: boolean;
  /** What the API "sent" (codes, notices): also served at MESSAGES_PATH for the dev web app's /dev/messages. */
  messages: Messaging.Outbox;
  /** The domain events' stream reader: `settled()` waits until every change so far has reached its subscribers. */
  events: StreamReader;
  stop(): Promise<void>;
}

/**
 * A key kept in the data folder across runs (`--fresh` makes new ones): tokens and credentials stay valid.
 * Readable by this user alone, whatever the umask, and tightened when an older run left it wider.
 */
function keptKey(dataDir: string, file: string, generate: () => Promise<string>): Promise<string> | string {
  const path = join(dataDir, file);
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return readFileSync(path, "utf8");
  }
  return generate().then((jwk) => {
    writeFileSync(path, jwk, { mode: 0o600 });
    chmodSync(path, 0o600);
    return jwk;
  });
}

/** The data folder holds password hashes, refresh digests and private keys: this user's alone (0700). */
function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Vite exits the process on SIGTERM (and on stdin end) by itself, which would leave
 * DynamoDB Local running; the stack's own stop() owns shutdown, so those listeners go.
 */
async function withoutViteExitHandlers<T>(start: () => Promise<T>): Promise<T> {
  const before = { term: process.listeners("SIGTERM"), end: process.stdin.listeners("end") };
  try {
    return await start();
  } finally {
    for (const l of process.listeners("SIGTERM")) if (!before.term.includes(l)) process.off("SIGTERM", l);
    for (const l of process.stdin.listeners("end")) if (!before.end.includes(l)) process.stdin.off("end", l as () => void);
  }
}

/** DynamoDB Local → table → seed → API → web, and a stop() that undoes them in reverse. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const dataDir = opts.dataDir ?? join(repoRoot, ".data");
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
    privateDir(dataDir);
    privateDir(join(dataDir, "dynamodb"));
    const apiPort = opts.apiPort ?? 3000;
    const webPort = opts.webPort ?? 5173;
    if (apiPort) await assertPortFree(apiPort, "API");
    if (opts.web !== "none" && webPort) await assertPortFree(webPort, "web app");

    let dynamo: DynamoLocal | undefined;
    if (!opts.dynamoEndpoint) {
      dynamo = await startDynamoLocal({ port: opts.dynamoPort ?? 8000, dbPath: join(dataDir, "dynamodb") });
      stops.push(() => (dynamo as DynamoLocal).stop());
    }
    const endpoint = opts.dynamoEndpoint ?? (dynamo as DynamoLocal).endpoint;
    log(`DynamoDB Local  ${endpoint}`);

    process.env.DYNAMO_ENDPOINT = endpoint;
    process.env.TABLE_NAME = opts.table ?? process.env.TABLE_NAME ?? "zhubo-local";
    process.env.JWT_PRIVATE_JWK = await keptKey(dataDir, "jwt-private.jwk.json", Auth.generateSigningJwk);
    process.env.CREDENTIAL_PRIVATE_JWK = await keptKey(dataDir, "credential-private.jwk.json", Certification.generateSigningJwk);
    Auth.resetKeys();
    Certification.resetKeys();
    const client = await Dynamo.createClient({ endpoint });
    Dynamo.useClient(client);
    for (const line of await ensureTable(client, Dynamo.table())) log(line);
    // The payment provider's stand-in (simulated bank transfers), before the seed funds demo wallets.
    const bank = Payment.createLocalProvider();
    Payment.use(bank);
    // The payout provider's stand-in (transfers as files a tester decides) and the in-process engine, before the seed's run.
    const payoutProvider = Payout.createLocalPayoutProvider(join(dataDir, "payouts"));
    Payout.useProvider(payoutProvider);
    const payoutEngine = localEngine({ log });
    stops.push(() => payoutEngine.stop());
    const seeded = typeof opts.seed === "function" ? await opts.seed() : opts.seed === false ? false : await seed();
    if (seeded) log("seeded demo data");
    // Domain events: DynamoDB Local's stream → the relay → the local bus → functions/src/events/*.
    const events = await startStreamReader({
      client,
      endpoint,
      table: Dynamo.table(),
      bus: createLocalBus({ subscribers: [...(await loadSubscribers()), payoutEngine.subscriber], log }),
      checkpoint: join(dataDir, "stream-checkpoint.json"),
      // The seed makes its own reactions (it evaluates certificates and lists cards as it goes).
      skipExisting: seeded,
      log,
    });
    stops.push(() => events.stop());
    // The cloud's 15-minute completion job, as a timer: bookings past their no-show window complete.
    // The cloud's 15-minute release job, as a timer: commission past its return window becomes available.
    const release = setInterval(
      () =>
        void Actor.provide({ type: "system", name: "commission-release" }, () => Sale.releaseDue()).catch((e) =>
          console.error("commission release failed:", e),
        ),
      30_000,
    );
    stops.push(async () => clearInterval(release));
    const completion = setInterval(
      () =>
        void Actor.provide({ type: "system", name: "booking-completion" }, () => Market.completeDue()).catch((e) =>
          console.error("booking completion failed:", e),
        ),
      30_000,
    );
    stops.push(async () => clearInterval(completion));
    // The cloud's 5-minute messages job, as a timer: SMS/email held for quiet hours go to the outbox when they end.
    const dueMessages = setInterval(
      () =>
        void Actor.provide({ type: "system", name: "notification-messages" }, () => Notification.sendDueMessages()).catch((e) =>
          console.error("notification messages failed:", e),
        ),
      60_000,
    );
    stops.push(async () => clearInterval(dueMessages));
    // The cloud's weekly payout schedule, as a timer: the week's run starts once (its id is the week's).
    const payouts = setInterval(
      () => void Actor.provide({ type: "system", name: "payout-schedule" }, () => Payout.scheduled()).catch((e) => console.error("payout schedule failed:", e)),
      600_000,
    );
    stops.push(async () => clearInterval(payouts));

    let streaming: { rtmpUrl: string; httpUrl: string } | undefined;
    if (opts.streaming) {
      await assertPortFree(opts.streaming.rtmpPort, "RTMP ingest");
      await assertPortFree(opts.streaming.httpPort, "stream playback");
      // The same handler the cloud's EventBridge rule calls: events land in the session ledger.
      const { tap, ...ports } = opts.streaming;
      const local = await startLocalIvs({
        ...ports,
        dataDir: join(dataDir, "streams"),
        onEvent: async (event) => {
          await Practice.record(event);
          tap?.(event);
        },
      });
      Stream.use(local.provider);
      stops.push(() => local.stop());
      // The cloud's scheduled job, as a timer: ended leases stop streaming and lose their key.
      const expiry = setInterval(() => void Practice.expireDue().catch((e) => console.error("practice expiry failed:", e)), 30_000);
      stops.push(async () => clearInterval(expiry));
      streaming = local;
      log(`RTMP ingest     ${local.rtmpUrl}`);
    }

    const messages = localMessaging(opts.log);
    Messaging.use(messages);
    const localRoutes = messagesRoute(messages);
    const bankRoutes = bankRoute(bank);
    const payoutRoutes = payoutsRoute(payoutProvider);
    const api = serve({
      fetch: (req, env) => {
        const path = new URL(req.url).pathname;
        if (path === MESSAGES_PATH) return localRoutes.fetch(req, env);
        if (path.startsWith(`${BANK_PATH}/`)) return bankRoutes.fetch(req, env);
        if (path.startsWith(`${PAYOUTS_PATH}/`)) return payoutRoutes.fetch(req, env);
        return app.fetch(req, env);
      },
      port: apiPort,
      hostname: "127.0.0.1",
    });
    // Node closes idle keep-alive sockets after 5 s; a client (fetch, Vite's proxy) that reuses one
    // just as it closes gets ECONNRESET on a POST it can't safely retry. Idle sockets live a minute.
    (api as Server).keepAliveTimeout = 65_000;
    (api as Server).headersTimeout = 66_000;
    await new Promise<void>((r, j) => {
      api.once("listening", () => r());
      api.once("error", j);
    });
    stops.push(() => new Promise<void>((r) => api.close(() => r())));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

    let webUrl: string | undefined;
    if (opts.web !== "none") {
      const vite = await import("vite");
      const proxy = { "/trpc": apiUrl, "/healthz": apiUrl, [MESSAGES_PATH]: apiUrl, [BANK_PATH]: apiUrl, [PAYOUTS_PATH]: apiUrl };
      const root = join(repoRoot, "web");
      // The web app's Content-Security-Policy (web/vite.config.ts) lets video in from this playback server only.
      if (streaming) process.env.ZHUBO_MEDIA_ORIGINS = new URL(streaming.httpUrl).origin;
      if (opts.web === "preview") {
        if (!existsSync(join(root, "dist", "index.html"))) throw new Error("web/dist is missing: run `pnpm --filter @zhubo/web build` first");
        const server = await withoutViteExitHandlers(() =>
          vite.preview({ root, configFile: join(root, "vite.config.ts"), preview: { port: webPort, host: "127.0.0.1", strictPort: true, proxy } }),
        );
        stops.push(() => server.close());
        webUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
      } else {
        const server = await withoutViteExitHandlers(async () => {
          const dev = await vite.createServer({
            root,
            configFile: join(root, "vite.config.ts"),
            server: { port: webPort, host: "127.0.0.1", strictPort: true, proxy },
          });
          return dev.listen();
        });
        stops.push(() => server.close());
        webUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
      }
    }
    return { apiUrl, webUrl, rtmpUrl: streaming?.rtmpUrl, playbackUrl: streaming?.httpUrl, dynamoEndpoint: endpoint, seeded, messages, events, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
