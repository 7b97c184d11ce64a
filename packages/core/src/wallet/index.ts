import { z } from "zod/mini";
import { conflict } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import { Payment } from "../payment/index.js";
import { Tenant } from "../tenant/index.js";

export * as Wallet from "./index.js";

/*
 * A brand's prepaid wallet: a credit-normal ledger account that never overdraws. Top-ups come
 * from the payment provider's clearing account, one posting per provider reference.
 */

const brandID = Id.schema("brand", "brand");
const walletOf = (id: string) => `wallet:${id}`;
const clearingOf = (provider: string) => `clearing:${provider}`;

async function ensure(id: string): Promise<string> {
  await Ledger.open({ accountID: walletOf(id), kind: "brand_wallet", ownerID: id, normal: "credit", overdraft: "never" });
  return walletOf(id);
}

/** Available to spend, held for upcoming bookings, spent so far (fen). */
export const balance = fn(z.object({ brandID }), async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID }, { roles: ["admin"] });
  const b = await Ledger.balance(await ensure(input.brandID));
  return { available: b.available, held: b.debitsPending, spent: b.debitsPosted, toppedUp: b.creditsPosted };
});

/**
 * A brand admin records a top-up by the provider's reference: credited once the provider confirms
 * it, exactly once however often it is recorded (the reference is the ledger command's id); a
 * reference already credited to another brand is a CONFLICT.
 */
export const topUp = fn(z.object({ brandID, reference: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/, "Not a payment reference")) }), async (input) => {
  Tenant.assert("brand.not_found", { kind: "brand", id: input.brandID }, { roles: ["admin"] });
  const provider = Payment.current();
  const confirmed = await provider.confirm(input.reference);
  if (!confirmed) throw conflict("payment.unknown", "The provider knows no payment with this reference", { reference: "Unknown reference" });
  if (confirmed.currency !== "CNY") throw conflict("payment.currency", "Only CNY payments can fund a wallet", { reference: `A ${confirmed.currency} payment` });
  if (confirmed.status !== "succeeded")
    throw conflict(
      `payment.${confirmed.status}`,
      confirmed.status === "pending" ? "The provider hasn't confirmed this payment yet" : "The provider says this payment failed",
    );
  await Ledger.open({ accountID: clearingOf(provider.name), kind: "provider_clearing", ownerID: "zhubo", normal: "debit", overdraft: "always", shards: 4 });
  const wallet = await ensure(input.brandID);
  try {
    await Ledger.post({
      commandID: `topup:${provider.name}:${confirmed.reference}`,
      transfers: [{ debit: clearingOf(provider.name), credit: wallet, amount: confirmed.amountFen }],
    });
  } catch (e) {
    if ((e as { code?: string }).code === "ledger.command_conflict")
      throw conflict("payment.used", "This payment was already credited to another wallet", { reference: "Already used" });
    throw e;
  }
  return { credited: confirmed.amountFen, ...(await balance({ brandID: input.brandID })) };
});
