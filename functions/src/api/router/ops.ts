import { Event } from "@zhubo/core/event";
import { procedure, router } from "../trpc.js";

/** Platform operations' view of the event bus: failed deliveries and their replay. */
export const opsRouter = router({
  deadLetters: procedure.input(Event.deadLetters.schema).query(({ input }) => Event.deadLetters(input)),
  replay: procedure.input(Event.replay.schema).mutation(({ input }) => Event.replay(input)),
});
