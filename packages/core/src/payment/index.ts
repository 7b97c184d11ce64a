import { conflict } from "../error/index.js";
import type { Fen } from "../money/index.js";

export * as Payment from "./index.js";

/**
 * The payment provider brands top up through (a bank transfer, Alipay …), as a port: the wallet
 * asks it to confirm a payment by the provider's own reference and credits only what it confirms.
 */
export interface Confirmation {
  reference: string;
  amountFen: Fen;
  currency: string;
  status: "succeeded" | "pending" | "failed";
}

export interface Provider {
  readonly name: string;
  confirm(reference: string): Promise<Confirmation | undefined>;
}

/**
 * The laptop's provider: simulated bank transfers that a tester starts and completes (the dev web
 * app's wallet page, tests). Kept in memory, like the local messaging outbox.
 */
export interface LocalProvider extends Provider {
  /** A transfer of `amountFen` announced by the payer; pending until completed. */
  start(amountFen: Fen): string;
  complete(reference: string, outcome?: "succeeded" | "failed"): void;
  /** Every transfer, newest first (the dev web app's simulated bank). */
  list(): Confirmation[];
}

export function createLocalProvider(): LocalProvider {
  const transfers = new Map<string, Confirmation>();
  let n = 0;
  return {
    name: "local-bank",
    start(amountFen) {
      if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError("amountFen must be a positive whole number of fen");
      const reference = `LB${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase().padStart(4, "0")}`;
      transfers.set(reference, { reference, amountFen, currency: "CNY", status: "pending" });
      return reference;
    },
    complete(reference, outcome = "succeeded") {
      const t = transfers.get(reference);
      if (!t) throw new Error(`no transfer ${reference}`);
      t.status = outcome;
    },
    list() {
      return [...transfers.values()].reverse().map((t) => ({ ...t }));
    },
    async confirm(reference) {
      const t = transfers.get(reference);
      return t ? { ...t } : undefined;
    },
  };
}

let provider: Provider | undefined;

/** Chosen once at start-up (the local stack, or the cloud adapter when it exists). */
export function use(next: Provider): void {
  provider = next;
}

/** The provider in use; a stage without one (the cloud has no adapter yet) refuses top-ups plainly rather than failing. */
export function current(): Provider {
  if (!provider) throw conflict("payment.unavailable", "Top-ups aren't available here yet: no payment provider is configured");
  return provider;
}
