import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { Actor } from "@zhubo/core/actor";
import { Dynamo } from "@zhubo/core/dynamo";
import { Id } from "@zhubo/core/id";
import { Ledger } from "@zhubo/core/ledger";
import { Payee } from "@zhubo/core/payee";
import { Payout } from "@zhubo/core/payout";

/*
 * A payout run over many payees on DynamoDB Local (`BENCH_ONLY=payouts pnpm bench`, BENCH_PAYEES):
 * wall time, items read and written per payee (from every request's answer), the cost of
 * resuming a run killed half-way, and the baseline a run that selects payees by reading every
 * item (a Scan) would pay, measured in the same run. The provider answers at once: the run is
 * measured, not a network.
 */

type Row = [what: string, figure: string, ratio: string];

/** Items every request on `client` read and wrote, by its answer (Count/ScannedCount, Item, the transaction's items). */
function meter(client: DynamoDBClient) {
  const m = { read: 0, written: 0, requests: 0 };
  client.middlewareStack.remove("benchItems");
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const name = (context as { commandName?: string }).commandName ?? "";
      const input = args.input as { TransactItems?: unknown[]; RequestItems?: Record<string, unknown[]> };
      const output = out.output as { Item?: unknown; Count?: number; ScannedCount?: number; Responses?: Record<string, unknown[]> };
      m.requests++;
      if (name === "GetItemCommand") m.read += output.Item ? 1 : 0;
      else if (name === "QueryCommand" || name === "ScanCommand") m.read += output.ScannedCount ?? output.Count ?? 0;
      else if (name === "TransactWriteItemsCommand") m.written += input.TransactItems?.length ?? 0;
      else if (name === "PutItemCommand" || name === "UpdateItemCommand" || name === "DeleteItemCommand") m.written += 1;
      return out;
    },
    { step: "build", name: "benchItems" },
  );
  return {
    take() {
      const t = { ...m };
      m.read = 0;
      m.written = 0;
      m.requests = 0;
      return t;
    },
    stop: () => client.middlewareStack.remove("benchItems"),
  };
}

/** Succeeds every transfer at once, remembering it (a query answers the truth). */
function instantProvider(): Payout.Provider {
  const done = new Map<string, Payout.Outcome>();
  let n = 0;
  return {
    name: "bench",
    async transfer(t) {
      const earlier = done.get(t.reference);
      if (earlier) return earlier;
      const o: Payout.Outcome = { status: "succeeded", providerID: `B${n++}`, at: new Date().toISOString() };
      done.set(t.reference, o);
      return o;
    },
    async query(reference) {
      return done.get(reference) ?? { status: "not_found" };
    },
  };
}

async function pool<T>(items: T[], concurrency: number, act: (x: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await act(x);
    }),
  );
}

const SOURCE = "bench:earnings";
async function earnAll(payees: string[], fen: number, tag: string) {
  await pool(payees, 32, async (id) => {
    await Ledger.post({ commandID: `bench-earn-${tag}-${id}`, transfers: [{ debit: SOURCE, credit: Payee.earnedOf(id), amount: fen, memo: "release" }] });
  });
}

/** Reads every item of the table the way a Scan-based selection would (the baseline). */
async function scanAll(client: DynamoDBClient): Promise<number> {
  let items = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: Dynamo.table(), ExclusiveStartKey: start as never }));
    items += page.ScannedCount ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function benchPayouts(opts: { payees?: number } = {}): Promise<Row[]> {
  const n = opts.payees ?? 10_000;
  const client = await Dynamo.getClient();
  const ops = { type: "system" as const, name: "bench" };
  Payout.useProvider(instantProvider());
  await Ledger.open({ accountID: SOURCE, kind: "bench_source", ownerID: "bench", normal: "debit", overdraft: "always" });
  const payees = Array.from({ length: n }, () => Id.create("person"));
  const t0 = performance.now();
  await pool(payees, 32, async (id) => {
    await Payee.open(id, "host");
    await Payout.importMethod(id, { account: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`, name: "王小明" }, "bench");
  });
  await earnAll(payees, 5_000, "1");
  const setupS = (performance.now() - t0) / 1000;

  const m = meter(client);
  // 1. a clean run
  const started = performance.now();
  const run = await Actor.provide(ops, () => Payout.begin({ trigger: "ops", requestedBy: "bench" }));
  m.take();
  if ((await Actor.provide(ops, () => Payout.drive(run.runID))) !== "done") throw new Error("the bench run did not finish");
  const clean = m.take();
  const cleanS = (performance.now() - started) / 1000;
  const done = await Payout.advance(run.runID);
  if (done.run.paid < n) throw new Error(`the bench run paid ${done.run.paid} of ${n}`);

  // 2. a run killed half-way through paying, then resumed: what the resume re-reads
  await earnAll(payees, 5_000, "2");
  const second = await Actor.provide(ops, () => Payout.begin({ trigger: "ops", requestedBy: "bench" }));
  const chunks = Math.ceil(n / Payout.CHUNK);
  let paidChunks = 0;
  Payout.onBoundary((label) => {
    if (label === "pay:chunk" && ++paidChunks === Math.floor(chunks / 2)) throw new Error("killed half-way");
  });
  const killed = await Actor.provide(ops, () => Payout.drive(second.runID)).catch((e: Error) => e.message);
  Payout.onBoundary(undefined);
  if (killed !== "killed half-way")
    throw new Error(
      `expected the run to be killed, got ${killed} (${paidChunks} of ${chunks} chunks, ${JSON.stringify((await Payout.advance(second.runID)).run)})`,
    );
  m.take();
  const resumedAt = performance.now();
  await Actor.provide(ops, () => Payout.drive(second.runID));
  const resume = m.take();
  const resumeS = (performance.now() - resumedAt) / 1000;
  const after = await Payout.advance(second.runID);
  if (after.run.paid < n) throw new Error(`the resumed run paid ${after.run.paid} of ${n}`);

  // 3. the baseline: selecting payees by reading every item of the table (and this table holds only the bench's payees)
  const scanAt = performance.now();
  const scanned = await scanAll(client);
  const scanS = (performance.now() - scanAt) / 1000;
  m.stop();

  return [
    [
      `payout run over ${n.toLocaleString("en")} payees (each with ¥50 available and an Alipay method; setup ${setupS.toFixed(0)} s)`,
      `${cleanS.toFixed(1)} s wall (${(n / cleanS).toFixed(0)} payees/s), ${clean.requests.toLocaleString("en")} requests`,
      `${(clean.read / n).toFixed(1)} items read and ${(clean.written / n).toFixed(1)} written per payee`,
    ],
    [
      "resuming a run killed half-way through paying (the resumed part: planning is done, half the chunks are paid)",
      `${resumeS.toFixed(1)} s, ${resume.read.toLocaleString("en")} items read (${(resume.read / (n / 2)).toFixed(1)} per payee still to pay)`,
      `${(resume.read / scanned).toFixed(3)}× the baseline's reads`,
    ],
    [
      "baseline: a selection that reads every item (a Scan of the table, every account and setting)",
      `${scanned.toLocaleString("en")} items read in ${scanS.toFixed(1)} s, before paying anyone`,
      `the run's selection read ${(clean.read / scanned).toFixed(2)}× as many items in all (selection + paying)`,
    ],
  ];
}
