import { Auth } from "@zhubo/core/auth";
import { Person } from "@zhubo/core/person";
import { procedure, router } from "../trpc.js";

export const authRouter = router({
  signUp: procedure.input(Auth.signUp.schema).mutation(({ input }) => Auth.signUp(input)),
  signIn: procedure.input(Auth.signIn.schema).mutation(({ input }) => Auth.signIn(input)),
  refresh: procedure.input(Auth.refresh.schema).mutation(({ input }) => Auth.refresh(input)),
  signOut: procedure.mutation(() => Auth.signOut()),
  session: procedure.query(() => Auth.session()),
  me: procedure.query(() => Person.me()),
  updateProfile: procedure.input(Person.updateProfile.schema).mutation(({ input }) => Person.updateProfile(input)),
});
