import { type AttributeValue, type DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Dynamo } from "@zhubo/core/dynamo";
import { Ledger } from "@zhubo/core/ledger";
import { Market } from "@zhubo/core/market";
import { Sale } from "@zhubo/core/sale";
import { as, brand, cardInput, gigInput, people } from "../../core/test/factory.js";
import { douyinExport } from "../src/seed-money.js";

/*
 * The money's benchmarks, each against a baseline measured in the same run:
 * - write capacity a posting consumes ÷ the least its items could (a transactional write of an
 *   item up to 1 KB costs 2 WCU), from ReturnConsumedCapacity on every TransactWriteItems;
 * - postings per second when every posting touches the platform fee account: 8 shard items vs
 *   one item (same accounts otherwise, same concurrency);
 * - a 10,000-row Douyin CSV import's time and peak memory, against writing the same number of
 *   items with plain PutItems at the import's own concurrency.
 */

type Row = [what: string, figure: string, ratio: string];

/**
 * An item's size as DynamoDB bills it: attribute names and values in UTF-8, a number about one
 * byte per two significant digits plus one, maps and lists 3 bytes plus 1 per element
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, "").length / 2) + 1;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + Buffer.byteLength(k) + value(x) + 1, 0);
    if (v.L) return 3 + v.L.reduce((s, x) => s + value(x) + 1, 0);
    if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
    return 0;
  };
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + value(v), 0);
}

/** The TransactWriteItems on `client`: each one's items as sent, and how many attempts were cancelled by a conflict. */
function meterTransactions(client: DynamoDBClient) {
  const seen: { TransactItems: { Put?: { Item: Record<string, AttributeValue> }; Update?: { Key: Record<string, AttributeValue> } }[] }[] = [];
  let conflicts = 0;
  client.middlewareStack.remove("benchCapacity");
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if ((context as { commandName?: string }).commandName !== "TransactWriteItemsCommand") return next(args);
      try {
        const out = await next(args);
        seen.push(args.input as (typeof seen)[number]);
        return out;
      } catch (e) {
        if (String((e as { message?: string }).message).includes("TransactionConflict")) conflicts++;
        throw e;
      }
    },
    { step: "build", name: "benchCapacity" },
  );
  return {
    seen,
    get conflicts() {
      return conflicts;
    },
    stop: () => client.middlewareStack.remove("benchCapacity"),
  };
}

/** The WCU a transaction of these items costs: 2 per 1 KB (rounded up) of each item, an update billed on the item it leaves. */
async function transactionWcu(client: DynamoDBClient, t: typeof meterTransactions extends (c: DynamoDBClient) => { seen: (infer S)[] } ? S : never) {
  let wcu = 0;
  for (const x of t.TransactItems) {
    let item: Record<string, AttributeValue> | undefined = x.Put?.Item;
    if (!item && x.Update) item = (await client.send(new GetItemCommand({ TableName: Dynamo.table(), Key: x.Update.Key }))).Item;
    wcu += 2 * Math.max(1, Math.ceil(itemBytes(item ?? {}) / 1024));
  }
  return { wcu, items: t.TransactItems.length };
}

let tag = 0;
async function accounts(shards: number, wallets: number) {
  const t = `${Date.now().toString(36)}${tag++}`;
  const clearing = `bench-clearing-${t}`;
  await Ledger.open({ accountID: clearing, kind: "provider_clearing", ownerID: "zhubo", normal: "debit", overdraft: "always", shards: 8 });
  const platform = `bench-platform-${t}`;
  await Ledger.open({ accountID: platform, kind: "platform_earned", ownerID: "zhubo", normal: "credit", overdraft: "always", shards });
  const ids: string[] = [];
  for (let i = 0; i < wallets; i++) {
    const id = `bench-wallet-${t}-${i}`;
    await Ledger.open({ accountID: id, kind: "brand_wallet", ownerID: "bench", normal: "credit", overdraft: "never" });
    await Ledger.post({ commandID: `bench-fund-${id}`, transfers: [{ debit: clearing, credit: id, amount: 100_000_000 }] });
    ids.push(id);
  }
  return { platform, wallets: ids, host: `bench-host-${t}` };
}

/** `n` postings (wallet → host, wallet → platform fee), `concurrency` at a time, each from its own wallet: postings per second. */
async function postings(n: number, concurrency: number, shards: number): Promise<number> {
  const a = await accounts(shards, concurrency);
  await Ledger.open({ accountID: a.host, kind: "host_earned", ownerID: "bench", normal: "credit", overdraft: "clawback" });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    a.wallets.map(async (wallet) => {
      while (next < n) {
        const i = next++;
        await Ledger.post({
          commandID: `bench-post-${a.platform}-${i}`,
          transfers: [
            { debit: wallet, credit: a.host, amount: 900 },
            { debit: wallet, credit: a.platform, amount: 100 },
          ],
        });
      }
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

/** Peak of RSS and heap while `work` runs, sampled every 5 ms, above what they were before. */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number; ms: number }> {
  global.gc?.();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 5);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, rss: rss - before.rss, heap: heap - before.heapUsed, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchMoney(opts: { rows?: number; postings?: number } = {}): Promise<Row[]> {
  const client = await Dynamo.getClient();
  const rows: Row[] = [];

  // 1. write capacity per posting
  const meter = meterTransactions(client);
  const a = await accounts(8, 1);
  await Ledger.open({ accountID: a.host, kind: "host_earned", ownerID: "bench", normal: "credit", overdraft: "clawback" });
  meter.seen.length = 0;
  for (let i = 0; i < 100; i++) {
    await Ledger.post({
      commandID: `bench-wcu-${a.platform}-${i}`,
      transfers: [
        { debit: a.wallets[0] as string, credit: a.host, amount: 900, memo: "commission" },
        { debit: a.wallets[0] as string, credit: a.platform, amount: 100, memo: "commission" },
      ],
      ref: "bkg_bench",
    });
  }
  meter.stop();
  let used = 0;
  let least = 0;
  for (const t of meter.seen) {
    const { wcu, items } = await transactionWcu(client, t);
    used += wcu;
    least += 2 * items;
  }
  rows.push([
    `write capacity per posting (2 transfers: 1 command + 2 transfers + 4 lines + 3 balance updates, each item sized by DynamoDB's rules), ${meter.seen.length} postings`,
    `${(used / meter.seen.length).toFixed(1)} WCU / ${(least / meter.seen.length).toFixed(1)} WCU least (2 per transactional item ≤ 1 KB)`,
    `${(used / least).toFixed(2)}× (target ≤ 1.25×)`,
  ]);

  // 2. the hot platform-fee account: 8 shards vs one item
  const n = opts.postings ?? 300;
  const concurrency = 24;
  const hot = meterTransactions(client);
  const single = await postings(n, concurrency, 1);
  const singleConflicts = hot.conflicts;
  const sharded = await postings(n, concurrency, 8);
  const shardedConflicts = hot.conflicts - singleConflicts;
  hot.stop();
  rows.push([
    `postings/s, ${n} postings ${concurrency} at a time, every one crediting the platform fee account (transaction conflicts retried)`,
    `${sharded.toFixed(0)}/s with 8 shard items (${shardedConflicts} conflicts) / ${single.toFixed(0)}/s with one item (${singleConflicts} conflicts)`,
    `${(sharded / single).toFixed(2)}×`,
  ]);

  // 3. a 10,000-row CSV import
  const count = opts.rows ?? 10_000;
  const [host] = (await people(1, "主播")) as [Actor.PersonActor];
  await as(host, () => Market.saveCard(cardInput()));
  const b = await brand("徐州老城牛肉月饼", { fundFen: 100_000_000 });
  const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
  await as(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 0, commissionBps: 2000, tiers: [] } }));
  const booking = await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
  const t0 = Date.parse(booking.startsAt);
  const csv = douyinExport(
    Array.from({ length: count }, (_, i) => ({
      order: `69400000${String(i).padStart(11, "0")}`,
      sku: String(3600 + (i % 7)),
      product: "老城牛肉月饼礼盒（6枚装）",
      paidYuan: `${10 + (i % 300)}.${String(i % 100).padStart(2, "0")}`,
      paidAt: t0 + (i % 7200) * 1000,
    })),
  );
  const file = Buffer.from(csv).toString("base64");
  Clock.use(Clock.fixed(Date.parse(booking.endsAt) + 3_600_000));
  try {
    const imported = await peakMemory(() => as(b.actor, () => Sale.importSales({ bookingID: booking.bookingID, file })));
    if (imported.result.imported !== count) throw new Error(`imported ${imported.result.imported} of ${count}`);
    // the baseline: the same number of plain PutItems, 16 at a time (the import's concurrency)
    const doc = DynamoDBDocumentClient.from(client);
    let next = 0;
    const p0 = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < count) {
          const i = next++;
          await doc.send(new PutCommand({ TableName: Dynamo.table(), Item: { pk: `$bench#put#${i}`, sk: "$bench", n: i, text: "老城牛肉月饼礼盒（6枚装）" } }));
        }
      }),
    );
    const puts = performance.now() - p0;
    const mib = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MiB`;
    rows.push([
      `importing a ${count.toLocaleString("en")}-row Douyin CSV (${(file.length / 1024 / 1024).toFixed(1)} MiB base64): parse, check, write each line, post the commission`,
      `${(imported.ms / 1000).toFixed(1)} s (${(count / (imported.ms / 1000)).toFixed(0)} rows/s), peak +${mib(imported.rss)} RSS / +${mib(imported.heap)} heap; ${count.toLocaleString("en")} plain PutItems ${(puts / 1000).toFixed(1)} s`,
      `${(imported.ms / puts).toFixed(2)}× plain writes`,
    ]);
  } finally {
    Clock.reset();
  }
  return rows;
}
