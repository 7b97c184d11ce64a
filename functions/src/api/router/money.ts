import { Earnings } from "@zhubo/core/earnings";
import { Payee } from "@zhubo/core/payee";
import { Sale } from "@zhubo/core/sale";
import { Wallet } from "@zhubo/core/wallet";
import { procedure, router } from "../trpc.js";

/** Brand wallets: balance, movements, top-ups by the payment provider's reference. */
export const walletRouter = router({
  balance: procedure.input(Wallet.balance.schema).query(({ input }) => Wallet.balance(input)),
  movements: procedure.input(Wallet.movements.schema).query(({ input }) => Wallet.movements(input)),
  topUp: procedure.input(Wallet.topUp.schema).mutation(({ input }) => Wallet.topUp(input)),
});

/** A booked session's sales: preview and import (CSV or JSON rows), and the booking's money. */
export const saleRouter = router({
  preview: procedure.input(Sale.preview.schema).mutation(({ input }) => Sale.preview(input)),
  import: procedure.input(Sale.importSales.schema).mutation(({ input }) => Sale.importSales(input)),
  ofBooking: procedure.input(Sale.ofBooking.schema).query(({ input }) => Sale.ofBooking(input)),
});

/** What payees earned: hosts their own, agency admins their agency's share, ops the platform's; shares and the platform fee. */
export const earningsRouter = router({
  mine: procedure.input(Earnings.mine.schema).query(({ input }) => Earnings.mine(input)),
  ofAgency: procedure.input(Earnings.ofAgency.schema).query(({ input }) => Earnings.ofAgency(input)),
  movements: procedure.input(Earnings.movements.schema).query(({ input }) => Earnings.movements(input)),
  series: procedure.input(Earnings.series.schema).query(({ input }) => Earnings.series(input)),
  overview: procedure.input(Earnings.overview.schema).query(({ input }) => Earnings.overview(input)),
  check: procedure.input(Earnings.check.schema).mutation(({ input }) => Earnings.check(input)),
  share: procedure.input(Payee.share.schema).query(({ input }) => Payee.share(input)),
  proposeShare: procedure.input(Payee.proposeShare.schema).mutation(({ input }) => Payee.proposeShare(input)),
  decideShare: procedure.input(Payee.decideShare.schema).mutation(({ input }) => Payee.decideShare(input)),
  waitingShares: procedure.input(Payee.waitingShares.schema).query(({ input }) => Payee.waitingShares(input)),
  platformFee: procedure.query(async () => ({ platformFeeBps: await Payee.platformFeeBps() })),
  setPlatformFee: procedure.input(Payee.setPlatformFee.schema).mutation(({ input }) => Payee.setPlatformFee(input)),
});
