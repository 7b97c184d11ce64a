import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Dynamo } from "@zhubo/core/dynamo";
import { Enrolment } from "@zhubo/core/enrolment";
import type { Event } from "@zhubo/core/event";
import { subscriber as evidenceChanged } from "@zhubo/functions/events/enrolment-evidence-changed";
import type { StreamReader } from "../src/stream-reader.js";

/**
 * The event-delivery benchmark: `changes` evidence changes (Enrolment.setPractice on one seeded
 * enrolment), one at a time, each timed from just before its write to the moment the real
 * subscriber (enrolment-evidence-changed, which evaluates certification) has finished handling
 * its event — through the stack's own path: DynamoDB Local's stream → stream reader → local bus.
 * Sequential, so the figure is latency, not queueing; a random pause before each change lands it
 * at a random point of the reader's poll cycle (back to back, each write would fall while the
 * reader is still busy with the previous one and never meet its idle pause). The baseline is one
 * DynamoDB Local PutItem round trip, measured in the same run.
 */
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] as number;
};

export interface Delivery {
  /** Change written → subscriber done, per change (ms). */
  delays: number[];
  /** Of which: write returned → subscriber called (the stream pickup, including the reader's idle pause). */
  pickups: number[];
  /** Of which: the subscriber's own handling (receipt check, Certification.evaluate, receipt). */
  handling: number[];
}

/** One seeded enrolment to change: any will do (the subscriber's work is the same evaluation). */
async function anEnrolment(): Promise<{ cohortID: string; learnerID: string }> {
  const doc = DynamoDBDocumentClient.from(await Dynamo.getClient());
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({
        TableName: Dynamo.table(),
        FilterExpression: "#e = :e",
        ExpressionAttributeNames: { "#e": "__edb_e__" },
        ExpressionAttributeValues: { ":e": "enrolment" },
        ExclusiveStartKey: start,
      }),
    );
    const found = out.Items?.[0];
    if (found) return { cohortID: found.cohortID as string, learnerID: found.learnerID as string };
    start = out.LastEvaluatedKey;
  } while (start);
  throw new Error("event bench: no enrolment in the table (seed the stack)");
}

/** Median PutItem and GetItem round trips of one small item, against the same DynamoDB Local. */
export async function roundTrips(n = 200): Promise<{ put: number; get: number }> {
  const doc = DynamoDBDocumentClient.from(await Dynamo.getClient());
  const key = { pk: "$bench#round-trip", sk: "$bench#round-trip" };
  const puts: number[] = [];
  const gets: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    await doc.send(new PutCommand({ TableName: Dynamo.table(), Item: { ...key, n: i } }));
    const t1 = performance.now();
    await doc.send(new GetCommand({ TableName: Dynamo.table(), Key: key }));
    const t2 = performance.now();
    if (i < 10) continue; // warm-up
    puts.push(t1 - t0);
    gets.push(t2 - t1);
  }
  return { put: quantile(puts, 0.5), get: quantile(gets, 0.5) };
}

/**
 * Times `changes` evidence changes through `reader`, whose bus must hold the real
 * enrolment-evidence-changed subscriber (the stack's does: loadSubscribers imports the same module).
 */
export async function measureDelivery(reader: StreamReader, changes: number): Promise<Delivery> {
  const target = await anEnrolment();
  await reader.settled();
  let waiting: { called?: number; resolve: (at: number) => void } | undefined;
  const handle = evidenceChanged.handle;
  const observed = (e: Event.Envelope) => {
    const p = e.properties as { cohortID?: string; learnerID?: string };
    return waiting && p.cohortID === target.cohortID && p.learnerID === target.learnerID ? waiting : undefined;
  };
  (evidenceChanged as { handle: Event.Subscriber["handle"] }).handle = async (e) => {
    const w = observed(e);
    if (w) w.called ??= performance.now();
    const result = await handle.call(evidenceChanged, e);
    if (w && result === "done") w.resolve(performance.now());
    return result;
  };
  const delivery: Delivery = { delays: [], pickups: [], handling: [] };
  try {
    for (let i = 0; i < changes; i++) {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      let timer: NodeJS.Timeout | undefined;
      const w: NonNullable<typeof waiting> = { resolve: () => {} };
      const done = new Promise<number>((resolve, reject) => {
        w.resolve = resolve;
        timer = setTimeout(() => reject(new Error(`event bench: change ${i} not delivered in 10 s`)), 10_000);
      });
      waiting = w;
      const t0 = performance.now();
      await Enrolment.setPractice(target.cohortID, target.learnerID, { minutes: 10_000 + i, sessions: 1 + i });
      const written = performance.now();
      const t1 = await done.finally(() => clearTimeout(timer));
      waiting = undefined;
      delivery.delays.push(t1 - t0);
      delivery.pickups.push((w.called ?? t1) - written);
      delivery.handling.push(t1 - (w.called ?? t1));
    }
  } finally {
    (evidenceChanged as { handle: Event.Subscriber["handle"] }).handle = handle;
  }
  return delivery;
}

/** The rows `pnpm bench` prints: the stack's reader (default idle pause) and, when given, a shorter pause. */
export function eventRows(
  changes: number,
  baseline: { put: number; get: number },
  stack: Delivery,
  shorter?: { idleMs: number; delivery: Delivery },
): string[][] {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const figure = (d: Delivery) =>
    `${ms(quantile(d.delays, 0.5))} median / ${ms(quantile(d.delays, 0.95))} p95 (pickup ${ms(quantile(d.pickups, 0.5))}, handling ${ms(quantile(d.handling, 0.5))} median)`;
  const ratio = (d: Delivery) => `${(quantile(d.delays, 0.5) / baseline.put).toFixed(1)}× a PutItem`;
  const rows = [
    [
      `event delivery (change → subscriber effect), median / p95 of ${changes} sequential changes, stack's reader (idle pause 100 ms)`,
      figure(stack),
      `${ratio(stack)} (target ≤ 2 s p95, the issue's "within a few seconds")`,
    ],
  ];
  if (shorter) rows.push([`  same, reader idle pause ${shorter.idleMs} ms`, figure(shorter.delivery), ratio(shorter.delivery)]);
  rows.push(["  baseline: one DynamoDB Local round trip, median of 200", `PutItem ${baseline.put.toFixed(1)} ms, GetItem ${baseline.get.toFixed(1)} ms`, ""]);
  return rows;
}
