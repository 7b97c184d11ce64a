import { Account } from "@zhubo/core/account";
import { Auth } from "@zhubo/core/auth";
import { Person } from "@zhubo/core/person";
import { procedure, router } from "../trpc.js";

export const authRouter = router({
  signUp: procedure.input(Account.signUp.schema).mutation(({ input }) => Account.signUp(input)),
  confirmSignUp: procedure.input(Account.confirmSignUp.schema).mutation(({ input }) => Account.confirmSignUp(input)),
  resendSignUpCode: procedure.input(Account.resendSignUpCode.schema).mutation(({ input }) => Account.resendSignUpCode(input)),
  requestVerification: procedure.mutation(() => Account.requestVerification({})),
  confirmVerification: procedure.input(Account.confirmVerification.schema).mutation(({ input }) => Account.confirmVerification(input)),
  requestPasswordReset: procedure.input(Account.requestPasswordReset.schema).mutation(({ input }) => Account.requestPasswordReset(input)),
  resetPassword: procedure.input(Account.resetPassword.schema).mutation(({ input }) => Account.resetPassword(input)),
  signIn: procedure.input(Auth.signIn.schema).mutation(({ input }) => Auth.signIn(input)),
  refresh: procedure.input(Auth.refresh.schema).mutation(({ input }) => Auth.refresh(input)),
  signOut: procedure.mutation(() => Auth.signOut()),
  session: procedure.query(() => Auth.session()),
  me: procedure.query(() => Person.me()),
  updateProfile: procedure.input(Person.updateProfile.schema).mutation(({ input }) => Person.updateProfile(input)),
});
