import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Calendar } from "../calendar/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure, notFound } from "../error/index.js";
import { fn, invalid } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Org } from "../org/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { brandRecordEntity, gigEntity, offerEntity } from "./entity.js";
import { type GigFacts, languages, startOf, TimeSchema } from "./rules.js";

export interface Gig {
  gigID: string;
  brandID: string;
  brandName: string;
  title: string;
  products: { name: string; priceFen: number }[];
  category: string;
  mode: "onsite" | "remote";
  city?: string;
  venue?: string;
  date: string;
  startTime: string;
  minutes: number;
  startsAt: string;
  requiredCertifications: string[];
  languages: string[];
  budgetFen: number;
  commissionBps: number;
  status: "open" | "closed";
  listing?: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const gigID = Id.schema("gig", "gig");
const brandID = Id.schema("brand", "brand");
const PAGE = 50;

const Fields = {
  title: Text.line({ min: 2, max: 80 }),
  products: z
    .array(
      z.object({
        name: Text.line({ min: 1, short: "Name the product", max: 80 }),
        priceFen: z.int().check(z.minimum(0, "Not negative"), z.maximum(100_000_000, "At most ¥1,000,000")),
      }),
    )
    .check(z.minLength(1, "Add at least one product"), z.maxLength(50, "At most 50 products")),
  category: z.enum(Org.categories, "Unknown category"),
  mode: z.enum(["onsite", "remote"]),
  city: z.optional(z.enum(Person.cities, "Unknown city")),
  venue: z.optional(Text.line({ max: 200 })),
  date: Calendar.Day,
  startTime: TimeSchema,
  minutes: z.int().check(z.minimum(30, "At least 30 minutes"), z.maximum(12 * 60, "At most 12 hours")),
  requiredCertifications: z.array(Id.schema("certification", "definition")).check(z.maxLength(3, "At most 3 certifications")),
  languages: z.array(z.enum(languages)).check(z.maxLength(6)),
  budgetFen: z.int().check(z.minimum(0, "Not negative"), z.maximum(100_000_000, "At most ¥1,000,000")),
  commissionBps: z.int().check(z.minimum(0, "Not negative"), z.maximum(10_000, "At most 100%")),
};

/** Rules across fields: on-site gigs name a city and venue; the session starts in the future. */
function checkGig(input: { mode: string; city?: string; venue?: string; date: string; startTime: string }) {
  const issues: { path: string[]; message: string }[] = [];
  if (input.mode === "onsite" && !input.city) issues.push({ path: ["city"], message: "On-site gigs need a city" });
  if (input.mode === "onsite" && !input.venue) issues.push({ path: ["venue"], message: "On-site gigs need a venue" });
  const starts = startOf(input.date, input.startTime);
  if (Number.isNaN(starts)) issues.push({ path: ["date"], message: "A date like 2026-12-01" });
  else if (starts <= Clock.now()) issues.push({ path: ["date"], message: "The session must be in the future" });
  if (issues.length) throw invalid(issues);
  return new Date(starts).toISOString();
}

async function read(id: string): Promise<Gig | undefined> {
  const found = await (await gigEntity()).get({ gigID: id }).go();
  return (found.data as Gig | null) ?? undefined;
}

export function facts(g: Gig): GigFacts {
  const startsAt = Date.parse(g.startsAt);
  return {
    category: g.category,
    mode: g.mode,
    city: g.city,
    startsAt,
    endsAt: startsAt + g.minutes * 60_000,
    requiredCertifications: g.requiredCertifications,
    languages: g.languages,
    budgetFen: g.budgetFen,
    commissionBps: g.commissionBps,
  };
}

const ofBrand = (g: Gig): Tenant.Ref => ({ kind: "brand", id: g.brandID });

export const CreateSchema = z.object({ brandID, ...Fields });

/** A brand's members post gigs; they are open (hosts see them) until closed. */
export const create = fn(CreateSchema, async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID });
  const startsAt = checkGig(input);
  const brand = await Org.get({ orgID: input.brandID });
  if (brand.status !== "active") throw conflict("brand.not_active", "Your brand is waiting for approval");
  const now = Clock.iso();
  const gig: Gig = {
    ...input,
    city: input.mode === "onsite" ? input.city : undefined,
    venue: input.mode === "onsite" ? input.venue : undefined,
    gigID: Id.create("gig"),
    brandName: brand.name,
    startsAt,
    status: "open",
    listing: "open",
    version: 1,
    createdBy: Actor.person().personID,
    createdAt: now,
    updatedAt: now,
  };
  await (await gigEntity()).create(gig).go();
  return gig;
});

export const UpdateSchema = z.object({ gigID, version: z.int(), ...Fields });

/** Edits an open gig (optimistic on `version`). Offers already made keep their own terms. */
export const update = fn(UpdateSchema, async ({ gigID: id, version, ...fields }) => {
  const gig = await Tenant.load("gig.not_found", () => read(id), ofBrand);
  if (gig.status !== "open") throw conflict("gig.closed", "A closed gig can't be edited");
  const startsAt = checkGig(fields);
  const next: Gig = {
    ...gig,
    ...fields,
    city: fields.mode === "onsite" ? fields.city : undefined,
    venue: fields.mode === "onsite" ? fields.venue : undefined,
    startsAt,
    version: gig.version + 1,
    updatedAt: Clock.iso(),
  };
  try {
    await (await gigEntity())
      .put(next)
      .where((a, op) => `${op.eq(a.version, version)} AND ${op.eq(a.status, "open")}`)
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("gig.edited_elsewhere", "This gig changed meanwhile. Reload and try again.");
    throw e;
  }
  return next;
});

/**
 * The brand closes a gig: it leaves the open-gigs index (that index's keys are removed), nobody
 * can apply, be invited or accept any more (accept checks the gig in its own transaction), and
 * offers still under negotiation are withdrawn. Bookings already made stand:
 * cancelling one has its own rules. Closing a closed gig returns it unchanged.
 */
export const close = fn(z.object({ gigID }), async ({ gigID: id }) => {
  const gig = await Tenant.load("gig.not_found", () => read(id), ofBrand);
  if (gig.status === "closed") return gig;
  const next: Gig = { ...gig, status: "closed", listing: "closed", version: gig.version + 1, updatedAt: Clock.iso() };
  try {
    // A listing other than "open" fails the open-gigs index's condition: ElectroDB removes its keys.
    // status is part of "gigs of a brand"'s sort key, which also needs the date.
    await (await gigEntity())
      .patch({ gigID: id })
      .set({ status: "closed", listing: "closed", version: next.version, updatedAt: next.updatedAt })
      .composite({ date: gig.date, category: gig.category })
      .where((a, op) => `${op.eq(a.version, gig.version)} AND ${op.eq(a.status, "open")}`)
      .go();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const now = await read(id);
    if (now?.status !== "closed") throw conflict("gig.edited_elsewhere", "This gig changed meanwhile. Reload and try again.");
    return now;
  }
  await withdrawOffers(id);
  return next;
});

/**
 * A transaction item that holds only while the gig is open (a ConditionCheck): accept commits with it.
 * ElectroDB has `check` on every entity at runtime but types it only inside its own transaction callback.
 */
export async function stillOpen(id: string): Promise<Dynamo.Commit> {
  type Check = { check(key: { gigID: string }): { where(cb: (a: { status: unknown }, op: { eq(x: unknown, v: unknown): string }) => string): object } };
  const gigs = (await gigEntity()) as unknown as Check;
  return Dynamo.commit(gigs.check({ gigID: id }).where((a, op) => op.eq(a.status, "open")));
}

/** Every offer of a closed gig still under negotiation ends as withdrawn (whatever round it reached meanwhile). */
async function withdrawOffers(id: string): Promise<void> {
  const offers = await offerEntity();
  const found = await offers.query.byGig({ gigID: id }).go({ pages: "all" });
  const updatedAt = Clock.iso();
  for (const o of found.data.filter((x) => x.status === "open")) {
    await offers
      .patch({ gigID: id, hostID: o.hostID })
      .set({ status: "withdrawn", updatedAt })
      .add({ round: 1 })
      .where((a, op) => op.eq(a.status, "open"))
      .go()
      .catch((e: unknown) => {
        if (!isConditionFailure(e)) throw e;
      });
  }
}

/** A gig as its brand sees it. */
export const get = fn(z.object({ gigID }), ({ gigID: id }) => Tenant.load("gig.not_found", () => read(id), ofBrand));

/** What hosts see of an open gig: no applicants, no other hosts' terms (those live on offers). */
export function publicGig(g: Gig) {
  const { createdBy: _createdBy, version: _version, listing: _listing, ...rest } = g;
  return rest;
}

/** Any signed-in host looks at an open gig; closed ones are their brand's business. */
export const view = fn(z.object({ gigID }), async ({ gigID: id }) => {
  Actor.person();
  const g = await read(id);
  if (!g || (g.status !== "open" && !Tenant.canSee(ofBrand(g)))) throw notFound("gig.not_found");
  const record = (await (await brandRecordEntity()).get({ brandID: g.brandID }).go()).data;
  return { ...publicGig(g), brandRating: { ratingSum: record?.ratingSum ?? 0, ratingCount: record?.ratingCount ?? 0 } };
});

export const ofBrandList = fn(z.object({ brandID, status: z.enum(["open", "closed"]), cursor: Page.cursor }), async ({ brandID: id, status, cursor }) => {
  Tenant.assert("brand.not_found", { kind: "brand", id });
  const q = Page.query("market.gigsOfBrand", id, status);
  const page = await (await gigEntity()).query.ofBrand({ brandID: id, status }).go({ cursor: Page.open(q, cursor), limit: PAGE });
  return { items: page.data as Gig[], cursor: Page.seal(q, page.cursor) };
});

export const load = read;
