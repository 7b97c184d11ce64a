import { Dynamo } from "../dynamo/index.js";

/**
 * "sales of a booking by order line": the current revision of each imported order line (SKU).
 * A changed row becomes the next revision (its figures are appended to `revisions`); the key is
 * (booking, platform, line id), so the same line imported twice is the same item.
 */
export const saleLineEntity = Dynamo.entity({
  model: { entity: "saleLine", version: "1", service: "zhubo" },
  attributes: {
    bookingID: { type: "string", required: true, readOnly: true },
    platform: { type: "string", required: true, readOnly: true },
    lineID: { type: "string", required: true, readOnly: true },
    orderID: { type: "string", required: true },
    productName: { type: "string" },
    paidFen: { type: "number", required: true },
    refundedFen: { type: "number", required: true },
    status: { type: "string", required: true },
    paidAt: { type: "string", required: true },
    receivedAt: { type: "string" },
    /** When the return window closes and its commission becomes available; never moves once due. */
    releaseAt: { type: "string", required: true },
    /** The contract version in force when the order was paid. */
    contractVersion: { type: "number", required: true },
    revision: { type: "number", required: true },
    /** A hash of the figures that count: the same row again is no new revision. */
    hash: { type: "string", required: true },
    /** [{ revision, paidFen, refundedFen, status, at, importID }], oldest first, at most 20. */
    revisions: { type: "any", required: true },
    importID: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byBooking: { pk: { field: "pk", composite: ["bookingID"] }, sk: { field: "sk", composite: ["platform", "lineID"] } },
  },
});

/**
 * "money of a booking": what its commission has posted so far per payee (pending and released),
 * with the version every recomputation advances under a condition. Indexed as "bookings' money of
 * a host / of an agency by session time", and sparsely as "holds by release time": present while
 * some line's commission still waits for its return window (or a recomputation is owed).
 */
export const bookingMoneyEntity = Dynamo.entity({
  model: { entity: "bookingMoney", version: "1", service: "zhubo" },
  attributes: {
    bookingID: { type: "string", required: true, readOnly: true },
    brandID: { type: "string", required: true, readOnly: true },
    hostID: { type: "string", required: true, readOnly: true },
    /** The agency owed a share, or "-" (a sparse index needs its composite on every write). */
    agencyID: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    hostName: { type: "string" },
    startsAt: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true },
    /** { host, agency, platform } fen in each payee's pending account for this booking. */
    pending: { type: "any", required: true },
    /** { host, agency, platform } fen released to each payee's earned account. */
    released: { type: "any", required: true },
    /** { host, agency, platform } of the posted slot fee, once the session completed. */
    slotFee: { type: "any" },
    lines: { type: "number", required: true },
    gmvFen: { type: "number", required: true },
    refundedFen: { type: "number", required: true },
    commissionFen: { type: "number", required: true },
    releasedFen: { type: "number", required: true },
    clawedBackFen: { type: "number", required: true },
    /** The next moment a line's commission becomes due, now when a recomputation is owed, or "-" when nothing waits. */
    nextReleaseAt: { type: "string", required: true },
    /** Commission the brand's wallet couldn't cover at the last recomputation (fen). */
    shortFen: { type: "number" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byBooking: { pk: { field: "pk", composite: ["bookingID"] }, sk: { field: "sk", composite: [] } },
    ofHost: { index: "gsi1", pk: { field: "gsi1pk", composite: ["hostID"] }, sk: { field: "gsi1sk", composite: ["startsAt", "bookingID"] } },
    ofAgency: {
      index: "gsi2",
      condition: (attr) => attr.agencyID !== "-",
      pk: { field: "gsi2pk", composite: ["agencyID"] },
      sk: { field: "gsi2sk", composite: ["startsAt", "bookingID"] },
    },
    /** "holds by release time" (the release job): one partition, written at the pace of imports and releases. */
    toRelease: {
      index: "gsi3",
      condition: (attr) => attr.nextReleaseAt !== "-",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["nextReleaseAt", "bookingID"] },
    },
  },
});
