export {
  accept,
  acceptTerms,
  apply,
  type Booking,
  type BookingMoney,
  booking,
  bookings,
  CANCEL_CUTOFF_HOURS,
  type Contract,
  cancel,
  completeDue,
  counter,
  countSession,
  decline,
  invite,
  loadBooking,
  loadOffer,
  myOffers,
  NO_SHOW_WINDOW_HOURS,
  noShow,
  type Offer,
  offersOfGig,
  proposeTerms,
  review,
  type Terms,
  TermsSchema,
} from "./deal.js";
export { hostCardEntity, listingEntity } from "./entity.js";
export { BookingCancelled, BookingCompleted, BookingConfirmed, BookingNoShow, OfferCountered, OfferDeclined, OfferMade } from "./events.js";
export { CreateSchema as GigSchema, close, create, type Gig, get, load as loadGig, ofBrandList, UpdateSchema as GigUpdateSchema, update, view } from "./gig.js";
export { ANY_CITY, CardSchema, card, type HostCard, listingsOf, myCard, refresh as relist, saveCard } from "./host.js";
export * as Market from "./index.js";
export { type Candidate, candidates, forMe, MAX_READ, PAGE, partitionOf, rank, type Stats } from "./match.js";
export { available, languages, type Reason, ratingTenths, type Scored, score, slotFee, standing } from "./rules.js";
