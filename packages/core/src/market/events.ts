import { z } from "zod/mini";
import { Event } from "../event/index.js";

/** What every booking event carries: ids and the session's time, never names or terms' text. */
const BookingFacts = {
  bookingID: z.string(),
  gigID: z.string(),
  brandID: z.string(),
  hostID: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
};

/** What every offer event carries: the gig, the host, the brand, who acted and the round it made. */
const OfferFacts = { gigID: z.string(), hostID: z.string(), brandID: z.string(), by: z.enum(["brand", "host"]), round: z.int() };
/** A brand invited a host, or a host applied, with terms: the other side answers. */
export const OfferMade = Event.define("offer.made", 1, z.object(OfferFacts));
/** One side answered the other's terms with its own. */
export const OfferCountered = Event.define("offer.countered", 1, z.object(OfferFacts));
/** One side declined the other's terms, or withdrew its own. */
export const OfferDeclined = Event.define("offer.declined", 1, z.object({ ...OfferFacts, outcome: z.enum(["declined", "withdrawn"]) }));

/** An offer was accepted: the booking exists with contract version 1 and the host's time is taken. */
export const BookingConfirmed = Event.define(
  "booking.confirmed",
  1,
  z.object({ ...BookingFacts, contractVersion: z.int(), by: z.optional(z.enum(["brand", "host"])) }),
);
/** Either side cancelled before the cut-off; the host's time is free again. */
export const BookingCancelled = Event.define("booking.cancelled", 1, z.object({ ...BookingFacts, by: z.enum(["brand", "host"]) }));
/** The brand recorded that the host didn't show up. */
export const BookingNoShow = Event.define("booking.no_show", 1, z.object(BookingFacts));
/**
 * The session happened: the brand said so by reviewing it, or its no-show window closed
 * (NO_SHOW_WINDOW_HOURS after the end) without a no-show. Slot fees post on this.
 */
export const BookingCompleted = Event.define("booking.completed", 1, z.object({ ...BookingFacts, by: z.enum(["brand", "schedule"]) }));
