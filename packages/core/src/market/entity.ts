import { Dynamo } from "../dynamo/index.js";

/** A host's card: what brands see and what matching reads (through its listings). */
export const hostCardEntity = Dynamo.entity({
  model: { entity: "hostCard", version: "1", service: "zhubo" },
  attributes: {
    hostID: { type: "string", required: true, readOnly: true },
    displayName: { type: "string", required: true },
    city: { type: "string", required: true },
    categories: { type: "list", items: { type: "string" }, required: true },
    languages: { type: "list", items: { type: "string" }, required: true },
    headline: { type: "string" },
    slotFeePerHourFen: { type: "number", required: true },
    minCommissionBps: { type: "number", required: true },
    weekly: { type: "any", required: true },
    exceptions: { type: "any", required: true },
    /** [{ cohortID, streamId, title, startedAt, seconds }] chosen from the host's reviewed sessions. */
    clips: { type: "any", required: true },
    /** Active certificates as last listed: [{ definitionID, name, level, category, expiresAt }]. */
    certs: { type: "any", required: true },
    sessions: { type: "number", required: true, default: 0 },
    noShows: { type: "number", required: true, default: 0 },
    ratingSum: { type: "number", required: true, default: 0 },
    ratingCount: { type: "number", required: true, default: 0 },
    /** The listing keys written for this card ([{ facet, scope, order }]), so a change can replace them. */
    listed: { type: "any", required: true },
    version: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byHost: { pk: { field: "pk", composite: ["hostID"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * "hosts by (category, city) ranked" and "hosts by certification": one item per facet a host is
 * found under (`cat:<category>` or `cert:<definitionID>`) × scope (their city, and `any` for
 * remote gigs), ordered by standing (best first). It carries what scoring needs, so a page of
 * candidates is one Query.
 */
export const listingEntity = Dynamo.entity({
  model: { entity: "hostListing", version: "1", service: "zhubo" },
  attributes: {
    facet: { type: "string", required: true, readOnly: true },
    scope: { type: "string", required: true, readOnly: true },
    /** 999999 − standing, zero-padded: ascending order is best first. */
    order: { type: "string", required: true, readOnly: true },
    hostID: { type: "string", required: true, readOnly: true },
    displayName: { type: "string", required: true },
    city: { type: "string", required: true },
    categories: { type: "list", items: { type: "string" }, required: true },
    languages: { type: "list", items: { type: "string" }, required: true },
    slotFeePerHourFen: { type: "number", required: true },
    minCommissionBps: { type: "number", required: true },
    weekly: { type: "any", required: true },
    exceptions: { type: "any", required: true },
    certs: { type: "any", required: true },
    sessions: { type: "number", required: true },
    noShows: { type: "number", required: true },
    ratingSum: { type: "number", required: true },
    ratingCount: { type: "number", required: true },
  },
  indexes: {
    ranked: { pk: { field: "pk", composite: ["facet", "scope"] }, sk: { field: "sk", composite: ["order", "hostID"] } },
  },
});

export const gigEntity = Dynamo.entity({
  model: { entity: "gig", version: "1", service: "zhubo" },
  attributes: {
    gigID: { type: "string", required: true, readOnly: true },
    brandID: { type: "string", required: true, readOnly: true },
    brandName: { type: "string", required: true },
    title: { type: "string", required: true },
    /** [{ name, priceFen }] */
    products: { type: "any", required: true },
    category: { type: "string", required: true },
    mode: { type: ["onsite", "remote"] as const, required: true },
    city: { type: "string" },
    venue: { type: "string" },
    date: { type: "string", required: true },
    startTime: { type: "string", required: true },
    minutes: { type: "number", required: true },
    startsAt: { type: "string", required: true },
    requiredCertifications: { type: "list", items: { type: "string" }, required: true },
    languages: { type: "list", items: { type: "string" }, required: true },
    budgetFen: { type: "number", required: true },
    commissionBps: { type: "number", required: true },
    status: { type: ["open", "closed"] as const, required: true },
    /** "open" while open, "closed" after: only open gigs have keys in the open-gigs index (its condition). */
    listing: { type: "string" },
    version: { type: "number", required: true },
    createdBy: { type: "string", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["gigID"] }, sk: { field: "sk", composite: [] } },
    /** "gigs of a brand by status/date". */
    ofBrand: { index: "gsi1", pk: { field: "gsi1pk", composite: ["brandID"] }, sk: { field: "gsi1sk", composite: ["status", "date", "gigID"] } },
    /** "open gigs by (category, city, date)": remote gigs sit under city "any". Sparse: a closed gig's keys are removed. */
    open: {
      index: "gsi2",
      condition: (attr) => attr.listing === "open",
      pk: { field: "gsi2pk", composite: ["listing", "category"] },
      sk: { field: "gsi2sk", composite: ["date", "gigID"] },
    },
  },
});

/** The negotiation between a gig's brand and one host: invitation or application, then offers and counter-offers. */
export const offerEntity = Dynamo.entity({
  model: { entity: "offer", version: "1", service: "zhubo" },
  attributes: {
    gigID: { type: "string", required: true, readOnly: true },
    hostID: { type: "string", required: true, readOnly: true },
    brandID: { type: "string", required: true, readOnly: true },
    hostName: { type: "string", required: true },
    gigTitle: { type: "string", required: true },
    startsAt: { type: "string", required: true },
    endsAt: { type: "string", required: true },
    startedBy: { type: ["brand", "host"] as const, required: true },
    /** The terms on the table: { slotFeeFen, commissionBps, tiers: [{ aboveFen, commissionBps }] }. */
    terms: { type: "any", required: true },
    /** Who put the current terms on the table: the other side may accept or counter. */
    termsBy: { type: ["brand", "host"] as const, required: true },
    /** [{ by, terms, at, note }] */
    history: { type: "any", required: true },
    status: { type: ["open", "accepted", "declined", "withdrawn"] as const, required: true },
    bookingID: { type: "string" },
    round: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    /** The gig's applicants and invitees (its brand only). */
    byGig: { pk: { field: "pk", composite: ["gigID"] }, sk: { field: "sk", composite: ["hostID"] } },
    /** "offers of a host by time". */
    ofHost: { index: "gsi1", pk: { field: "gsi1pk", composite: ["hostID"] }, sk: { field: "gsi1sk", composite: ["startsAt", "gigID"] } },
  },
});

/** An accepted offer: the session, with its contract versions (terms never change in place). */
export const bookingEntity = Dynamo.entity({
  model: { entity: "booking", version: "1", service: "zhubo" },
  attributes: {
    bookingID: { type: "string", required: true, readOnly: true },
    gigID: { type: "string", required: true, readOnly: true },
    brandID: { type: "string", required: true, readOnly: true },
    hostID: { type: "string", required: true, readOnly: true },
    brandName: { type: "string", required: true },
    hostName: { type: "string", required: true },
    title: { type: "string", required: true },
    mode: { type: "string", required: true },
    city: { type: "string" },
    venue: { type: "string" },
    startsAt: { type: "string", required: true, readOnly: true },
    endsAt: { type: "string", required: true, readOnly: true },
    /** [{ version, terms, acceptedAt }]: the last is in force. */
    contracts: { type: "any", required: true },
    /** A change both sides must accept: { terms, by, at }. */
    proposal: { type: "any" },
    /** { platformFeeBps, agency?: { agencyID, shareBps, certificateID, until }, hold?: { transferID, amountFen, version } }: fixed at booking. */
    money: { type: "any" },
    status: { type: ["booked", "cancelled", "completed", "no_show"] as const, required: true },
    cancelledBy: { type: "string" },
    cancelReason: { type: "string" },
    hostReview: { type: "any" },
    brandReview: { type: "any" },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["bookingID"] }, sk: { field: "sk", composite: [] } },
    /** "bookings of a host by time". */
    ofHost: { index: "gsi1", pk: { field: "gsi1pk", composite: ["hostID"] }, sk: { field: "gsi1sk", composite: ["startsAt", "bookingID"] } },
    /** "bookings of a brand by time". */
    ofBrand: { index: "gsi2", pk: { field: "gsi2pk", composite: ["brandID"] }, sk: { field: "gsi2sk", composite: ["startsAt", "bookingID"] } },
    /**
     * "bookings to complete by end time" (the completion job): sparse, only bookings still booked
     * have keys here, so the job reads the due ones and nothing else. One partition: bookings are
     * written at the pace people accept offers, far below a partition's limits.
     */
    toComplete: {
      index: "gsi3",
      condition: (attr) => attr.status === "booked",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["endsAt", "bookingID"] },
    },
  },
});

/** "host time locks": one 15-minute block of a host's calendar, held by one booking. */
export const hostBlockEntity = Dynamo.entity({
  model: { entity: "hostBlock", version: "1", service: "zhubo" },
  attributes: {
    hostID: { type: "string", required: true, readOnly: true },
    block: { type: "string", required: true, readOnly: true },
    bookingID: { type: "string", required: true },
  },
  indexes: {
    byBlock: { pk: { field: "pk", composite: ["hostID", "block"] }, sk: { field: "sk", composite: [] } },
  },
});

/** A brand's record as hosts rated it (their reviews after sessions): shown to hosts on its gigs. */
export const brandRecordEntity = Dynamo.entity({
  model: { entity: "brandRecord", version: "1", service: "zhubo" },
  attributes: {
    brandID: { type: "string", required: true, readOnly: true },
    ratingSum: { type: "number", required: true, default: 0 },
    ratingCount: { type: "number", required: true, default: 0 },
  },
  indexes: {
    byBrand: { pk: { field: "pk", composite: ["brandID"] }, sk: { field: "sk", composite: [] } },
  },
});
