import { Market } from "@zhubo/core/market";
import { procedure, router } from "../trpc.js";

export const marketRouter = router({
  // host cards
  saveCard: procedure.input(Market.saveCard.schema).mutation(({ input }) => Market.saveCard(input)),
  myCard: procedure.input(Market.myCard.schema).query(({ input }) => Market.myCard(input)),
  card: procedure.input(Market.card.schema).query(({ input }) => Market.card(input)),
  // gigs
  createGig: procedure.input(Market.create.schema).mutation(({ input }) => Market.create(input)),
  updateGig: procedure.input(Market.update.schema).mutation(({ input }) => Market.update(input)),
  closeGig: procedure.input(Market.close.schema).mutation(({ input }) => Market.close(input)),
  gig: procedure.input(Market.get.schema).query(({ input }) => Market.get(input)),
  viewGig: procedure.input(Market.view.schema).query(({ input }) => Market.view(input)),
  gigsOfBrand: procedure.input(Market.ofBrandList.schema).query(({ input }) => Market.ofBrandList(input)),
  // matching
  candidates: procedure.input(Market.candidates.schema).query(({ input }) => Market.candidates(input)),
  gigsForMe: procedure.input(Market.forMe.schema).query(({ input }) => Market.forMe(input)),
  // offers
  invite: procedure.input(Market.invite.schema).mutation(({ input }) => Market.invite(input)),
  // `apply` is reserved by tRPC (a router can't have a procedure by that name).
  applyTo: procedure.input(Market.apply.schema).mutation(({ input }) => Market.apply(input)),
  counter: procedure.input(Market.counter.schema).mutation(({ input }) => Market.counter(input)),
  decline: procedure.input(Market.decline.schema).mutation(({ input }) => Market.decline(input)),
  accept: procedure.input(Market.accept.schema).mutation(({ input }) => Market.accept(input)),
  offersOfGig: procedure.input(Market.offersOfGig.schema).query(({ input }) => Market.offersOfGig(input)),
  myOffers: procedure.input(Market.myOffers.schema).query(({ input }) => Market.myOffers(input)),
  // bookings
  booking: procedure.input(Market.booking.schema).query(({ input }) => Market.booking(input)),
  bookings: procedure.input(Market.bookings.schema).query(({ input }) => Market.bookings(input)),
  cancel: procedure.input(Market.cancel.schema).mutation(({ input }) => Market.cancel(input)),
  proposeTerms: procedure.input(Market.proposeTerms.schema).mutation(({ input }) => Market.proposeTerms(input)),
  acceptTerms: procedure.input(Market.acceptTerms.schema).mutation(({ input }) => Market.acceptTerms(input)),
  noShow: procedure.input(Market.noShow.schema).mutation(({ input }) => Market.noShow(input)),
  review: procedure.input(Market.review.schema).mutation(({ input }) => Market.review(input)),
});
