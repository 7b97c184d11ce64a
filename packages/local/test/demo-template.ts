import { randomBytes } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { Clock } from "@zhubo/core/clock";
import { Dynamo, TableDefinition } from "@zhubo/core/dynamo";
import { inject } from "vitest";
import { seed } from "../src/seed.js";
import { startStack } from "../src/stack.js";
// global-setup provides the template's folder (its `ProvidedContext` declaration types the inject).
import type {} from "./global-setup.js";

/**
 * The browser tests' demo data, seeded once per test run and copied for each file. Seeding runs the
 * domain verbs one by one (a scrypt hash per account, certificate signing …) and was most of a
 * browser test file's start-up; a copy is a few batch writes. The first file to get here seeds a
 * stack of its own (a template table, and a data folder with the signing keys the seeded data was
 * made with) and saves the table's items and the folder in the run's template folder; the others wait for
 * that. Every file then gets a data folder and a table of its own, filled from the template, so each
 * still changes fresh data nobody else sees.
 *
 * Generic on purpose: whatever the seed writes to the table or keeps in the data folder is copied,
 * with no knowledge of what it is.
 */

type Item = Record<string, AttributeValue>;

interface Template {
  /** The China date the seed ran on: its data is relative to that day (a cohort mid-run, gigs in N days). */
  seededOn: string;
  items: number;
}

const SEGMENTS = 4;
const BATCH = 25;
const WRITERS = 8;

/** Today in China (UTC+8), the seed's own notion of a day. */
const chinaDate = () => new Date(Clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const paths = (root: string) => ({
  lock: join(root, "lock"),
  ready: join(root, "ready.json"),
  failed: join(root, "failed.txt"),
  items: join(root, "items.json"),
  data: join(root, "data"),
});

/** Binary attributes (B, BS) as base64 in JSON; `this[key]` is the value before Buffer's own toJSON. */
function binaryOut(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Uint8Array ? { $base64: Buffer.from(raw).toString("base64") } : value;
}
function binaryIn(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && "$base64" in value && Object.keys(value).length === 1) {
    return new Uint8Array(Buffer.from((value as { $base64: string }).$base64, "base64"));
  }
  return value;
}

async function scan(client: DynamoDBClient, table: string): Promise<Item[]> {
  const segments = await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      const items: Item[] = [];
      let start: Item | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return segments.flat();
}

async function count(client: DynamoDBClient, table: string): Promise<number> {
  let total = 0;
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, Select: "COUNT", ExclusiveStartKey: start }));
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}

/** Streams on or off (UpdateTable), then waits until the table is ACTIVE again. */
async function streaming(client: DynamoDBClient, table: string, on: boolean): Promise<void> {
  await client.send(
    new UpdateTableCommand({
      TableName: table,
      StreamSpecification: on ? { StreamEnabled: true, StreamViewType: TableDefinition.stream } : { StreamEnabled: false },
    }),
  );
  while ((await client.send(new DescribeTableCommand({ TableName: table }))).Table?.TableStatus !== "ACTIVE") await new Promise((r) => setTimeout(r, 50));
}

async function writeAll(client: DynamoDBClient, table: string, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  let next = 0;
  const writer = async () => {
    while (next < batches.length) {
      let requests = (batches[next++] as Item[]).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt === 10) throw new Error(`DynamoDB Local left ${requests.length} items of a batch unwritten ten times`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

/** Seeds a stack of its own (the same start-up `pnpm dev` makes), saves its items and data folder, and drops its table. */
async function make(root: string): Promise<Template> {
  const at = paths(root);
  const env = { ...process.env };
  const table = `seed_${randomBytes(6).toString("hex")}`;
  const seededOn = chinaDate();
  const stack = await startStack({
    dynamoEndpoint: process.env.DYNAMO_ENDPOINT as string,
    table,
    dataDir: at.data,
    apiPort: 0,
    web: "none",
    seed: true,
  });
  try {
    const client = await Dynamo.getClient();
    const items = await scan(client, table);
    writeFileSync(`${at.items}.tmp`, JSON.stringify(items, binaryOut));
    renameSync(`${at.items}.tmp`, at.items);
    await client.send(new DeleteTableCommand({ TableName: table }));
    return { seededOn, items: items.length };
  } finally {
    await stack.stop();
    // The template's stack pointed the environment at its own table and keys: this file's again.
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The run's template: made here when this file is the first to ask, else waited for until the first one has written it. */
async function template(root: string): Promise<Template> {
  const at = paths(root);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  let lock: number | undefined;
  try {
    lock = openSync(at.lock, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  if (lock !== undefined) {
    writeSync(lock, String(process.pid));
    closeSync(lock);
    try {
      const made = await make(root);
      writeFileSync(`${at.ready}.tmp`, JSON.stringify(made));
      renameSync(`${at.ready}.tmp`, at.ready);
      return made;
    } catch (e) {
      writeFileSync(at.failed, (e as Error).stack ?? String(e));
      throw e;
    }
  }
  for (;;) {
    if (existsSync(at.ready)) return JSON.parse(readFileSync(at.ready, "utf8")) as Template;
    if (existsSync(at.failed)) throw new Error(`seeding the demo template failed in another test file:\n${readFileSync(at.failed, "utf8")}`);
    const holder = Number(readFileSync(at.lock, "utf8"));
    if (holder && !alive(holder)) throw new Error(`the test worker seeding the demo template (pid ${holder}) exited before it was ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A data folder and a `seed` for startStack, from the run's demo template: the folder holds the
 * template's signing keys and files, and `seed` fills the stack's new table with its items before
 * the stream reader starts (so, as after a seed, none of them arrives as an event). A template
 * seeded on another China day is stale (its dates are relative to that day): then `seed` seeds.
 */
export async function demoCopy(prefix: string): Promise<{ dataDir: string; seed: () => Promise<boolean> }> {
  const root = inject("demoTemplateDir");
  if (!root) throw new Error("no demo template folder: run the browser tests with packages/local/vitest.config.ts, whose global setup provides it");
  const made = await template(root);
  const at = paths(root);
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  // The stream position belongs to the template's table, not to the copy's.
  cpSync(at.data, dataDir, { recursive: true, filter: (src) => basename(src) !== "stream-checkpoint.json" });
  return {
    dataDir,
    async seed() {
      if (made.seededOn !== chinaDate()) return seed();
      const items = JSON.parse(readFileSync(at.items, "utf8"), binaryIn) as Item[];
      const client = await Dynamo.getClient();
      const table = Dynamo.table();
      // The copy's writes are no events (the seed made its reactions as it went), and a table that
      // streams writes a record with both images of each item, which made the copy several times
      // slower: the table streams again, from a new empty stream, once it holds them.
      await streaming(client, table, false);
      await writeAll(client, table, items);
      await streaming(client, table, true);
      const copied = await count(client, table);
      if (copied !== made.items) throw new Error(`copied ${copied} of the demo template's ${made.items} items`);
      return true;
    },
  };
}
