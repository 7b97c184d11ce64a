import type { Fen } from "../money/index.js";

/*
 * The payout provider, as a port: one transfer per payee per payout attempt, idempotent by the
 * merchant's reference (Alipay's out_biz_no). Adapters: the laptop's local provider (a tester
 * decides each transfer's outcome) and Alipay (alipay.fund.trans.uni.transfer + common.query).
 * WeChat Pay's merchant transfer (the payee confirms inside WeChat) fits as an adapter whose
 * transfers answer "processing" until the payee confirms.
 */

/** Where the money goes: an Alipay account (its login id: a mainland mobile number or an email) and the holder's real name, which Alipay checks. */
export interface Destination {
  type: "alipay";
  account: string;
  name: string;
}

export interface TransferRequest {
  /** Stable per payout attempt (run + payee [+ attempt]): ≤ 64 letters, digits and underscores. */
  reference: string;
  amountFen: Fen;
  destination: Destination;
  /** Shown to the payee by the provider (Alipay's order_title / remark). */
  title: string;
}

/**
 * What the provider says about a transfer.
 * - `succeeded`: the money is in the payee's account (terminal).
 * - `failed`: it never left, and won't (terminal): `code` is the provider's machine code (Alipay's sub_code) that decisions are made on; `reason` is for people.
 * - `processing`: accepted, result later (Alipay DEALING/INIT, a WeChat transfer waiting for the payee): query again later.
 * - `unknown`: no answer that can be trusted (timeout, system error, bad signature): query before anything is retried.
 * - `not_found` (query only): the provider has no transfer under this reference, so submitting it (again, same reference) is safe.
 */
export type Outcome =
  | { status: "succeeded"; providerID: string; at: string }
  | { status: "failed"; code: string; reason: string }
  | { status: "processing"; providerID?: string }
  | { status: "unknown"; detail: string };

export type QueryOutcome = Outcome | { status: "not_found" };

export interface Provider {
  readonly name: string;
  transfer(request: TransferRequest): Promise<Outcome>;
  query(reference: string): Promise<QueryOutcome>;
}
