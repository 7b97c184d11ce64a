import { Practice } from "@zhubo/core/practice";
import { procedure, router } from "../trpc.js";

export const practiceRouter = router({
  book: procedure.input(Practice.book.schema).mutation(({ input }) => Practice.book(input)),
  open: procedure.input(Practice.open.schema).mutation(({ input }) => Practice.open(input)),
  cancel: procedure.input(Practice.cancel.schema).mutation(({ input }) => Practice.cancel(input)),
  mine: procedure.input(Practice.mine.schema).query(({ input }) => Practice.mine(input)),
  live: procedure.input(Practice.live.schema).query(({ input }) => Practice.live(input)),
  readiness: procedure.input(Practice.readiness.schema).query(({ input }) => Practice.readiness(input)),
  sessions: procedure.input(Practice.sessions.schema).query(({ input }) => Practice.sessions(input)),
  review: procedure.input(Practice.review.schema).mutation(({ input }) => Practice.review(input)),
  myReviews: procedure.input(Practice.myReviews.schema).query(({ input }) => Practice.myReviews(input)),
  mySessions: procedure.input(Practice.mySessions.schema).query(({ input }) => Practice.mySessions(input)),
});
