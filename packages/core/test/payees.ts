import { Ledger } from "@zhubo/core/ledger";
import { Payee } from "@zhubo/core/payee";

/** A source for test earnings: payout tests need payees with money, not the sessions it came from (the simulation earns it for real). */
const SOURCE = "test:earnings";
let n = 0;

/** Credits `fen` to a payee's earned (available) account, as a release would. */
export async function earn(payeeID: string, fen: number, kind: "host" | "agency" = payeeID.startsWith("agy_") ? "agency" : "host") {
  await Payee.open(payeeID, kind);
  await Ledger.open({ accountID: SOURCE, kind: "test_source", ownerID: "test", normal: "debit", overdraft: "always" });
  await Ledger.post({
    commandID: `test-earn-${payeeID}-${n++}-${Date.now()}`,
    transfers: [{ debit: SOURCE, credit: Payee.earnedOf(payeeID), amount: fen, memo: "release" }],
  });
}

/** Takes `fen` back from a payee's earned account as a clawback (it may go negative). */
export async function clawBack(payeeID: string, fen: number) {
  await Ledger.post({
    commandID: `test-claw-${payeeID}-${n++}-${Date.now()}`,
    transfers: [{ debit: Payee.earnedOf(payeeID), credit: SOURCE, amount: fen, memo: "clawback" }],
    clawback: true,
  });
}
