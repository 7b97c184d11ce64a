import { Certification } from "../certification/index.js";
import { refresh } from "./host.js";

export {
  accept,
  acceptTerms,
  apply,
  type Booking,
  booking,
  bookings,
  CANCEL_CUTOFF_HOURS,
  type Contract,
  cancel,
  counter,
  decline,
  invite,
  myOffers,
  noShow,
  type Offer,
  offersOfGig,
  proposeTerms,
  review,
  type Terms,
  TermsSchema,
} from "./deal.js";
export { hostCardEntity, listingEntity } from "./entity.js";
export { CreateSchema as GigSchema, close, create, type Gig, get, ofBrandList, UpdateSchema as GigUpdateSchema, update, view } from "./gig.js";
export { ANY_CITY, CardSchema, card, type HostCard, listingsOf, myCard, refresh as relist, saveCard } from "./host.js";
export * as Market from "./index.js";
export { type Candidate, candidates, forMe, MAX_READ, PAGE, partitionOf, rank, type Stats } from "./match.js";
export { available, languages, type Reason, ratingTenths, type Scored, score, slotFee, standing } from "./rules.js";

let wired = false;
/**
 * Certification's evidence hook, plus: a host whose certificates change is re-listed, so matching
 * finds them under the new certification (or no longer under a revoked one). Entry points call it.
 */
export function wire(): void {
  if (wired) return;
  wired = true;
  Certification.wire();
  Certification.onChange(async (holderID) => refresh(holderID));
}
