import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure, notFound } from "../error/index.js";
import type { Event } from "../event/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Org } from "../org/index.js";
import { Person } from "../person/index.js";
import { Practice } from "../practice/index.js";
import { Text } from "../text/index.js";
import { hostCardEntity, listingEntity } from "./entity.js";
import { ExceptionsSchema, type HostFacts, languages, standing, WeeklySchema } from "./rules.js";

export interface HostCard extends HostFacts {
  displayName: string;
  headline?: string;
  clips: { cohortID: string; streamId: string; title: string }[];
  listed: { facet: string; scope: string; order: string }[];
  version: number;
  updatedAt: string;
}

export const hostID = Id.schema("host", "person");
export const ANY_CITY = "any";

export const CardSchema = z.object({
  city: z.enum(Person.cities),
  categories: z.array(z.enum(Org.categories)).check(z.minLength(1, "Pick at least one category"), z.maxLength(7)),
  languages: z.array(z.enum(languages)).check(z.minLength(1, "Pick at least one language"), z.maxLength(6)),
  headline: z.optional(Text.prose({ max: 200 })),
  slotFeePerHourFen: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000_000, "At most ¥100,000 an hour")),
  minCommissionBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000, "At most 100%")),
  weekly: WeeklySchema,
  exceptions: ExceptionsSchema,
  clips: z
    .array(z.object({ cohortID: Id.schema("cohort", "cohort"), streamId: z.string().check(z.maxLength(80)), title: Text.line({ max: 80 }) }))
    .check(z.maxLength(6, "At most 6 clips")),
  /** The version the editor loaded (0 for a new card). */
  version: z.int().check(z.minimum(0)),
});

const pad = (n: number) => String(999_999 - n).padStart(6, "0");

async function read(id: string): Promise<HostCard | undefined> {
  const found = await (await hostCardEntity()).get({ hostID: id }).go();
  return (found.data as HostCard | null) ?? undefined;
}

/** The host's active certificates as matching lists them. */
async function certsOf(id: string): Promise<HostCard["certs"]> {
  return (await Certification.activeOf(id)).map((c) => ({
    definitionID: c.definitionID,
    name: c.name,
    level: c.level,
    category: c.category,
    expiresAt: c.expiresAt,
  }));
}

/**
 * The listing keys a card is found under, in its city and for remote gigs: each category, each
 * category with each language other than Mandarin (gigs asking for English or a dialect read only
 * hosts who speak it), and each certification.
 */
function facetsOf(card: Pick<HostCard, "categories" | "certs" | "city" | "languages">, order: string) {
  const spoken = card.languages.filter((l) => l !== "mandarin");
  const facets = [
    ...card.categories.flatMap((c) => [`cat:${c}`, ...spoken.map((l) => `cat:${c}:lang:${l}`)]),
    ...card.certs.map((c) => `cert:${c.definitionID}`),
  ];
  return facets.flatMap((facet) => [card.city, ANY_CITY].map((scope) => ({ facet, scope, order })));
}

/**
 * Rewrites the card's listings (deletes the old keys, puts the new) in one transaction with the
 * card itself, conditioned on the version the caller read: concurrent edits can't leave stray listings.
 */
/** A card as saved (its listing keys set) and the listing items it is found under. */
export function listingsOf(card: HostCard, version: number) {
  const listed = facetsOf(card, pad(standing(card)));
  const next: HostCard = { ...card, listed, version, updatedAt: Clock.iso() };
  const { listed: _l, version: _v, updatedAt: _u, headline: _h, clips: _c, ...facts } = next;
  return { card: next, listings: listed.map((k) => ({ ...facts, ...k })) };
}

/** The card saved, or "duplicate" when `once`'s receipt was taken already (the change was made before). */
async function save(card: HostCard, previous: HostCard | undefined, once?: Event.Once): Promise<HostCard | "duplicate"> {
  const { card: next, listings: items } = listingsOf(card, (previous?.version ?? 0) + 1);
  const listed = next.listed;
  const [cards, listings] = await Promise.all([hostCardEntity(), listingEntity()]);
  const same = (a: { facet: string; scope: string; order: string }) => listed.some((b) => b.facet === a.facet && b.scope === a.scope && b.order === a.order);
  const commits = [
    Dynamo.commit(previous ? cards.put(next).where((a, op) => op.eq(a.version, previous.version)) : cards.create(next)),
    ...(previous?.listed ?? []).filter((k) => !same(k)).map((k) => Dynamo.commit(listings.delete({ ...k, hostID: card.hostID }))),
    ...items.map((item) => Dynamo.commit(listings.put(item))),
    ...(once ? [await once.receipt()] : []),
  ];
  // DynamoDB takes 100 items per transaction: 7 categories × 6 languages would be too many, so cards
  // are bounded below (categories × languages ≤ 21, plus certifications).
  const rejected = await Dynamo.transact(cards, commits);
  if (once && rejected === commits.length - 1) return "duplicate";
  if (rejected === 0) throw conflict("host.edited_elsewhere", "Your card changed meanwhile (another tab?). Reload and try again.");
  if (rejected !== -1) throw new Error(`host card save failed on item ${rejected}`);
  return next;
}

/** The signed-in person's own host card (created on first save). */
export const saveCard = fn(CardSchema, async (input) => {
  const actor = Actor.person();
  // Unverified people have no card, so they are never listed, matched, invited or able to apply.
  const [previous, me] = await Promise.all([read(actor.personID), Person.assertVerified(actor.personID)]);
  if ((previous?.version ?? 0) !== input.version) throw conflict("host.edited_elsewhere", "Your card changed meanwhile (another tab?). Reload and try again.");
  if (input.categories.length * input.languages.length > 21) {
    throw invalid([{ path: ["languages"], message: "At most 21 category × language combinations: pick fewer" }]);
  }
  const clips = await Promise.all(input.clips.map((c) => Practice.reviewedSession(c.cohortID, actor.personID, c.streamId)));
  const notMine = clips.flatMap((c, i) => (c ? [] : [{ path: ["clips", i, "streamId"], message: "Pick one of your reviewed practice sessions" }]));
  if (notMine.length) throw invalid(notMine);
  const duplicate = input.weekly.find((w, i) => input.weekly.some((o, j) => j < i && o.day === w.day && o.from < w.to && w.from < o.to));
  if (duplicate) throw invalid([{ path: ["weekly"], message: "Windows on the same day overlap" }]);
  const { version: _version, ...fields } = input;
  const card: HostCard = {
    ...fields,
    hostID: actor.personID,
    displayName: me.displayName,
    certs: await certsOf(actor.personID),
    sessions: previous?.sessions ?? 0,
    noShows: previous?.noShows ?? 0,
    ratingSum: previous?.ratingSum ?? 0,
    ratingCount: previous?.ratingCount ?? 0,
    listed: previous?.listed ?? [],
    version: previous?.version ?? 0,
    updatedAt: Clock.iso(),
  };
  try {
    return (await save(card, previous)) as HostCard;
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("host.edited_elsewhere", "Your card changed meanwhile (another tab?). Reload and try again.");
    throw e;
  }
});

/**
 * Re-lists a host after their certificates or track record changed (certification, reviews,
 * sessions). Optimistic on the card's version, retried when another change got there first; with
 * `once`, the subscriber's receipt commits with the card (a duplicate delivery changes nothing).
 */
export async function refresh(id: string, change: (card: HostCard) => Partial<HostCard> = () => ({}), once?: Event.Once): Promise<HostCard | undefined> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const previous = await read(id);
    if (!previous) return undefined;
    try {
      const saved = await save({ ...previous, ...change(previous), certs: await certsOf(id) }, previous, once);
      return saved === "duplicate" ? previous : saved;
    } catch (e) {
      if (!(e instanceof Error && "code" in e && (e as { code: string }).code === "host.edited_elsewhere") || attempt === 10) throw e;
    }
  }
  return undefined;
}

/** What anyone signed in sees of a host (brands browsing): no availability exceptions' reasons, no listing internals. */
export function publicCard(c: HostCard) {
  const { listed: _listed, version: _version, ...rest } = c;
  return rest;
}

export const card = fn(z.object({ hostID }), async (input) => {
  Actor.person();
  const c = await read(input.hostID);
  if (!c) throw notFound("host.not_found");
  return publicCard(c);
});

export const myCard = fn(z.object({}), async () => {
  const c = await read(Actor.person().personID);
  return c ? { ...publicCard(c), version: c.version } : null;
});

export const load = read;
