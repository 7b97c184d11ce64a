import { Practice } from "@zhubo/core/practice";
import { procedure, router } from "../trpc.js";

export const practiceRouter = router({
  book: procedure.input(Practice.book.schema).mutation(({ input }) => Practice.book(input)),
  open: procedure.input(Practice.open.schema).mutation(({ input }) => Practice.open(input)),
  mine: procedure.input(Practice.mine.schema).query(({ input }) => Practice.mine(input)),
});
