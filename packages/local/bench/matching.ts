import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Clock } from "@zhubo/core/clock";
import { Dynamo } from "@zhubo/core/dynamo";
import { type Gig, type HostCard, Market } from "@zhubo/core/market";
import { Person } from "@zhubo/core/person";

/**
 * The matching benchmark: N host cards (and their listings) written straight into DynamoDB Local,
 * then pages of 20 candidates for typical gigs — the items each page reads and the capacity it
 * consumes (ReturnConsumedCapacity), against a full-table Scan finding the same candidates, in the
 * same run. The Scan is the baseline only: no request path scans.
 */
const CITIES = Person.jiangsu;
const CATEGORIES = ["food", "fresh_produce", "apparel", "beauty", "home", "electronics", "local_speciality"];
const CERT = "cdf_01BENCH00000000000000000A";

function hostCard(i: number): HostCard {
  const city = CITIES[i % CITIES.length] as string;
  const categories = [...new Set([CATEGORIES[i % 7] as string, CATEGORIES[(i * 5 + 2) % 7] as string])];
  const certified = i % 10 === 0;
  return {
    hostID: `prs_BENCH${String(i).padStart(21, "0")}`,
    displayName: `主播${i}`,
    city,
    categories,
    languages: i % 6 === 0 ? ["mandarin", "english"] : ["mandarin"],
    slotFeePerHourFen: 30_000 + ((i * 7919) % 150_000),
    minCommissionBps: 500 + ((i * 31) % 1500),
    weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: i % 3 ? "10:00" : "19:00", to: "23:00" })),
    exceptions: [],
    clips: [],
    certs: certified ? [{ definitionID: CERT, name: "食品带货主播（初级）", level: 1 + (i % 3), category: "food", expiresAt: "2099-01-01T00:00:00.000Z" }] : [],
    sessions: (i * 13) % 120,
    noShows: i % 17 === 0 ? 2 : 0,
    ratingSum: ((i * 13) % 120) * (3 + (i % 3)),
    ratingCount: (i * 13) % 120,
    listed: [],
    version: 0,
    updatedAt: "",
  };
}

async function writeAll(items: Record<string, unknown>[], doc: DynamoDBDocumentClient, table: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= items.length) return;
      let pending: Record<string, unknown>[] = items.slice(start, start + 25);
      while (pending.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
        pending = (out.UnprocessedItems?.[table] ?? []).map((r) => r.PutRequest?.Item as Record<string, unknown>);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

function gig(patch: Partial<Gig>): Gig {
  const startsAt = new Date(Date.parse(`${new Date(Clock.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10)}T19:30:00+08:00`)).toISOString();
  return {
    gigID: "gig_BENCH",
    brandID: "brd_BENCH",
    brandName: "bench",
    title: "bench",
    products: [],
    category: "food",
    mode: "onsite",
    city: "xuzhou",
    date: startsAt.slice(0, 10),
    startTime: "19:30",
    minutes: 120,
    startsAt,
    requiredCertifications: [],
    languages: ["mandarin"],
    budgetFen: 200_000,
    commissionBps: 1500,
    status: "open",
    version: 1,
    createdBy: "bench",
    createdAt: startsAt,
    updatedAt: startsAt,
    ...patch,
  };
}

export async function benchMatching(n: number): Promise<string[][]> {
  const doc = DynamoDBDocumentClient.from(await Dynamo.getClient());
  const table = Dynamo.table();
  const [cards, listings] = await Promise.all([Market.hostCardEntity(), Market.listingEntity()]);
  const t0 = performance.now();
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const { card, listings: list } = Market.listingsOf(hostCard(i), 1);
    items.push((cards.put(card).params() as { Item: Record<string, unknown> }).Item);
    for (const l of list) items.push((listings.put(l).params() as { Item: Record<string, unknown> }).Item);
  }
  await writeAll(items, doc, table);
  const seeded = performance.now() - t0;

  const gigs: [string, Gig][] = [
    ["on-site food, Xuzhou", gig({})],
    ["on-site, certification required, Suzhou", gig({ city: "suzhou", requiredCertifications: [CERT] })],
    ["remote apparel", gig({ category: "apparel", mode: "remote", city: undefined })],
    ["on-site beauty, Nanjing, English required", gig({ category: "beauty", city: "nanjing", languages: ["mandarin", "english"] })],
  ];
  const rows: string[][] = [
    [`matching: ${n.toLocaleString("en")} host cards (${items.length.toLocaleString("en")} items) seeded in ${(seeded / 1000).toFixed(0)} s`, "", ""],
  ];
  for (const [label, g] of gigs) {
    const first = await Market.rank(g, undefined);
    const second = first.cursor ? await Market.rank(g, first.cursor) : undefined;
    for (const [page, r] of [
      [1, first],
      [2, second],
    ] as const) {
      if (!r) continue;
      const ratio = r.items.length ? r.stats.itemsRead / r.items.length : Number.POSITIVE_INFINITY;
      rows.push([
        `  ${label}, page ${page}`,
        `${r.items.length} candidates, ${r.stats.itemsRead} items read in ${r.stats.queries} queries, ${r.stats.capacityUnits.toFixed(1)} RCU`,
        `${ratio.toFixed(2)} read/returned (target ≤ 2)`,
      ]);
    }
  }
  // Baseline: the same first page by a full-table Scan (what an unindexed search costs).
  let scanned = 0;
  let capacity = 0;
  let found = 0;
  const t1 = performance.now();
  const SEGMENTS = 4;
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new ScanCommand({ TableName: table, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start, ReturnConsumedCapacity: "TOTAL" }),
        );
        scanned += out.ScannedCount ?? 0;
        capacity += out.ConsumedCapacity?.CapacityUnits ?? 0;
        found += (out.Items ?? []).filter((x) => x.__edb_e__ === "hostCard" && x.city === "xuzhou" && (x.categories as string[]).includes("food")).length;
        start = out.LastEvaluatedKey;
      } while (start);
    }),
  );
  rows.push([
    "  baseline: full-table Scan for on-site food, Xuzhou",
    `${found} candidates, ${scanned.toLocaleString("en")} items read, ${capacity.toFixed(0)} RCU, ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    `${(scanned / Math.min(20, Math.max(found, 1))).toFixed(0)} read per candidate returned`,
  ]);
  return rows;
}
