import { Ledger } from "@zhubo/core/ledger";
import { expect } from "vitest";

/** The ledger check finds no difference, and debits equal credits, posted and pending. */
export async function expectLedgerSound() {
  const checked = await Ledger.check();
  expect(checked.differences).toEqual([]);
  expect(checked.total.debitsPosted).toBe(checked.total.creditsPosted);
  expect(checked.total.debitsPending).toBe(checked.total.creditsPending);
  return checked;
}
