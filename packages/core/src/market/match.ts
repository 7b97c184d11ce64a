import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { fn, invalid } from "../fn/index.js";
import { Page } from "../page/index.js";
import { Tenant } from "../tenant/index.js";
import { gigEntity, listingEntity } from "./entity.js";
import { facts, type Gig, gigID, load as loadGig, publicGig } from "./gig.js";
import { ANY_CITY, load as loadCard } from "./host.js";
import { type HostFacts, type Reason, score } from "./rules.js";

/** Candidates per page, and the most listing items one page may read (so reads stay bounded as hosts grow). */
export const PAGE = 20;
export const MAX_READ = 2 * PAGE;

export interface Stats {
  /** Items DynamoDB read (ScannedCount) and the capacity units it charged, summed over the page's queries. */
  itemsRead: number;
  capacityUnits: number;
  queries: number;
}

type Key = { pk: string; sk: string };
type Listing = HostFacts & { displayName: string; facet: string; scope: string; order: string };

const cursorOf = (key: Key) => Buffer.from(JSON.stringify([key.pk, key.sk])).toString("base64url");
function keyOf(cursor: string, pk: string): Key {
  try {
    const [p, s] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (p === pk && typeof s === "string" && s.length < 300) return { pk, sk: s };
  } catch {}
  throw invalid([{ path: ["cursor"], message: "Not a cursor of this list" }]);
}

/**
 * Reads a ranked listing partition from `after`, a window at a time, until `want` items pass
 * `keep` or MAX_READ items were read. Returns the kept items in index order and the key of the
 * last item looked at (the next page starts after it).
 */
async function walk(
  facet: string,
  scope: string,
  after: string | undefined,
  want: number,
  keep: (l: Listing) => boolean,
  stats: Stats,
): Promise<{ kept: Listing[]; last?: Key; more: boolean }> {
  const listings = await listingEntity();
  const { DynamoDBDocumentClient, QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  const doc = DynamoDBDocumentClient.from(await Dynamo.getClient());
  const base = listings.query.ranked({ facet, scope }).params() as {
    TableName: string;
    KeyConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  };
  const pk = base.ExpressionAttributeValues[":pk"] as string;
  let start: Key | undefined = after ? keyOf(after, pk) : undefined;
  const kept: Listing[] = [];
  let read = 0;
  let more = true;
  while (kept.length < want && read < MAX_READ && more) {
    const limit = Math.min(MAX_READ - read, Math.max(want - kept.length, 1));
    const out = await doc.send(
      new QueryCommand({ ...base, Limit: limit, ExclusiveStartKey: start, ReturnConsumedCapacity: "TOTAL" } as ConstructorParameters<typeof QueryCommand>[0]),
    );
    stats.queries += 1;
    stats.itemsRead += out.ScannedCount ?? 0;
    stats.capacityUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
    read += out.ScannedCount ?? 0;
    const items = ((listings.parse({ Items: out.Items ?? [] }) as { data: Listing[] }).data ?? []) as Listing[];
    (out.Items ?? []).forEach((raw, i) => {
      const item = items[i];
      start = { pk: raw.pk as string, sk: raw.sk as string };
      if (item && keep(item)) kept.push(item);
    });
    more = Boolean(out.LastEvaluatedKey);
  }
  return { kept, last: start, more };
}

export interface Candidate {
  hostID: string;
  displayName: string;
  city: string;
  languages: string[];
  slotFeePerHourFen: number;
  minCommissionBps: number;
  certs: HostFacts["certs"];
  score: number;
  reasons: Reason[];
}

/**
 * Where a gig's candidates are found — the most selective index partition for it: hosts holding
 * its (first) required certification; else its category with its first required language other
 * than Mandarin; else its category. In its city, or everyone for remote gigs.
 */
export function partitionOf(g: Gig): { facet: string; scope: string } {
  const [cert] = g.requiredCertifications;
  const language = g.languages.find((l) => l !== "mandarin");
  const facet = cert ? `cert:${cert}` : language ? `cat:${g.category}:lang:${language}` : `cat:${g.category}`;
  return { facet, scope: g.mode === "onsite" && g.city ? g.city : ANY_CITY };
}

/**
 * A page of candidates for a gig, for its brand: hosts in standing order from the index, those
 * who can't take it (a required certification not active then, a required language) left out,
 * each scored with reasons and the page ordered by score.
 */
export async function rank(g: Gig, cursor: string | undefined, stats: Stats = { itemsRead: 0, capacityUnits: 0, queries: 0 }) {
  const f = facts(g);
  const scored = new Map<string, ReturnType<typeof score>>();
  const { facet, scope } = partitionOf(g);
  const { kept, last, more } = await walk(
    facet,
    scope,
    cursor,
    PAGE,
    (l) => {
      const s = score(f, l);
      scored.set(l.hostID, s);
      return s.eligible;
    },
    stats,
  );
  const items: Candidate[] = kept
    .map((l) => {
      const s = scored.get(l.hostID) as ReturnType<typeof score>;
      return {
        hostID: l.hostID,
        displayName: l.displayName,
        city: l.city,
        languages: l.languages,
        slotFeePerHourFen: l.slotFeePerHourFen,
        minCommissionBps: l.minCommissionBps,
        certs: l.certs,
        score: s.score,
        reasons: s.reasons,
      };
    })
    .sort((a, b) => b.score - a.score);
  return { items, cursor: more && last ? cursorOf(last) : null, stats };
}

export const candidates = fn(z.object({ gigID, cursor: Page.cursor }), async ({ gigID: id, cursor }) => {
  const g = await Tenant.load(
    "gig.not_found",
    () => loadGig(id),
    (x) => ({ kind: "brand", id: x.brandID }),
  );
  // The gig's partition is part of the query: editing the gig's certifications, category or city moves it.
  const { facet, scope } = partitionOf(g);
  const q = Page.query("market.candidates", id, facet, scope);
  const page = await rank(g, Page.open(q, cursor) ?? undefined);
  return { items: page.items, cursor: Page.seal(q, page.cursor) };
});

/**
 * Open gigs that fit a host, ranked the same way: from the open-gigs index for each of the host's
 * categories, upcoming first (a bounded read per category), on-site in their city or remote.
 */
export const forMe = fn(z.object({}), async () => {
  const actor = Actor.person();
  const card = await loadCard(actor.personID);
  if (!card) return { items: [] };
  const today = new Date(Clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const gigs = await gigEntity();
  const pages = await Promise.all(card.categories.map((category) => gigs.query.open({ listing: "open", category }).gte({ date: today }).go({ limit: 50 })));
  const items = pages
    .flatMap((p) => p.data as Gig[])
    .filter((g) => Date.parse(g.startsAt) > Clock.now() && (g.mode === "remote" || g.city === card.city))
    .map((g) => ({ gig: publicGig(g), ...score(facts(g), card) }))
    .filter((x) => x.eligible)
    .sort((a, b) => b.score - a.score || a.gig.startsAt.localeCompare(b.gig.startsAt));
  return { items };
});
