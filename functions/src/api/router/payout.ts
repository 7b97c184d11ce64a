import { Payout } from "@zhubo/core/payout";
import { Statement } from "@zhubo/core/statement";
import { procedure, router } from "../trpc.js";

/** Payout settings and payouts for payees (hosts, agency admins); runs, retries and the run's ledger check for ops. */
export const payoutRouter = router({
  settings: procedure.input(Payout.settings.schema).query(({ input }) => Payout.settings(input)),
  setMethod: procedure.input(Payout.setMethod.schema).mutation(({ input }) => Payout.setMethod(input)),
  setMinimum: procedure.input(Payout.setMinimum.schema).mutation(({ input }) => Payout.setMinimum(input)),
  mine: procedure.input(Payout.mine.schema).query(({ input }) => Payout.mine(input)),
  runs: procedure.input(Payout.runs.schema).query(({ input }) => Payout.runs(input)),
  run: procedure.input(Payout.run.schema).query(({ input }) => Payout.run(input)),
  payouts: procedure.input(Payout.payouts.schema).query(({ input }) => Payout.payouts(input)),
  start: procedure.input(Payout.start.schema).mutation(({ input }) => Payout.start(input)),
  retry: procedure.input(Payout.retry.schema).mutation(({ input }) => Payout.retry(input)),
  check: procedure.input(Payout.check.schema).mutation(({ input }) => Payout.check(input)),
});

/** Monthly statements: payees' available and pending accounts, brands' wallets (CSV and print views are built from it in the browser). */
export const statementRouter = router({
  of: procedure.input(Statement.of.schema).query(({ input }) => Statement.of(input)),
  download: procedure.input(Statement.download.schema).query(({ input }) => Statement.download(input)),
});
