import { Dynamo } from "../dynamo/index.js";

const money = { type: "number", required: true, default: 0 } as const;

/**
 * "ledger account (its shards)": balances as TigerBeetle keeps them, plus `available` (what the
 * account may spend, on its normal side) so a posting's no-overdraft rule is one condition on the
 * value before the update. A hot account (the platform fee) has several shard items, summed on
 * read; every other account has shard 0 only.
 */
export const accountEntity = Dynamo.entity({
  model: { entity: "ledgerAccount", version: "1", service: "zhubo" },
  attributes: {
    accountID: { type: "string", required: true, readOnly: true },
    shard: { type: "number", required: true, readOnly: true },
    shards: { type: "number", required: true, readOnly: true },
    kind: { type: "string", required: true, readOnly: true },
    ownerID: { type: "string", required: true, readOnly: true },
    normal: { type: ["credit", "debit"] as const, required: true, readOnly: true },
    overdraft: { type: ["never", "clawback", "always"] as const, required: true, readOnly: true },
    debitsPosted: money,
    creditsPosted: money,
    debitsPending: money,
    creditsPending: money,
    available: money,
    createdAt: { type: "string", required: true, readOnly: true },
    /** Accounts whose credits someone acts on (a payee's earnings): every credit to `available` puts the account on the "credited accounts" index. */
    watch: { type: "boolean", readOnly: true },
    credited: { type: ["yes", "no"] as const },
    creditedAt: { type: "string" },
  },
  indexes: {
    byAccount: { pk: { field: "pk", composite: ["accountID"] }, sk: { field: "sk", composite: ["shard"] } },
    /** "every ledger account": the ledger check (ops, `pnpm ledger:check`), never a request path. */
    all: { index: "gsi1", pk: { field: "gsi1pk", composite: [] }, sk: { field: "gsi1sk", composite: ["accountID", "shard"] } },
    /**
     * "credited accounts" (sparse): watched accounts credited since someone last looked at them,
     * oldest credit first. The payout run reads only these, never every payee.
     */
    credited: {
      index: "gsi2",
      condition: (attr) => attr.credited === "yes",
      // `credited` in the key: a patch writes only the keys whose composites it sets
      pk: { field: "gsi2pk", composite: ["credited"] },
      sk: { field: "gsi2sk", composite: ["creditedAt", "accountID", "shard"] },
    },
  },
});

/** "transfer by id": immutable but for a pending transfer's status (pending → posted or voided, once). */
export const transferEntity = Dynamo.entity({
  model: { entity: "ledgerTransfer", version: "1", service: "zhubo" },
  attributes: {
    transferID: { type: "string", required: true, readOnly: true },
    postingID: { type: "string", required: true, readOnly: true },
    commandID: { type: "string", required: true, readOnly: true },
    debit: { type: "string", required: true, readOnly: true },
    credit: { type: "string", required: true, readOnly: true },
    debitShard: { type: "number", required: true, readOnly: true },
    creditShard: { type: "number", required: true, readOnly: true },
    amount: { type: "number", required: true, readOnly: true },
    movement: { type: ["post", "hold", "post_pending", "void_pending"] as const, required: true, readOnly: true },
    pendingID: { type: "string", readOnly: true },
    /** What the money is for (slot_fee, commission, release, clawback, top_up …) and what it's about (a booking). */
    memo: { type: "string", readOnly: true },
    ref: { type: "string", readOnly: true },
    status: { type: ["posted", "pending", "settled", "voided"] as const, required: true },
    at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["transferID"] }, sk: { field: "sk", composite: [] } },
  },
});

/** "ledger entries of an account by time": one line per side of every transfer, never changed. */
export const lineEntity = Dynamo.entity({
  model: { entity: "ledgerLine", version: "1", service: "zhubo" },
  attributes: {
    accountID: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    transferID: { type: "string", required: true, readOnly: true },
    side: { type: ["debit", "credit"] as const, required: true, readOnly: true },
    amount: { type: "number", required: true, readOnly: true },
    movement: { type: ["post", "hold", "post_pending", "void_pending"] as const, required: true, readOnly: true },
    /** The other side's account, the memo and the ref: a statement reads lines alone. */
    other: { type: "string", readOnly: true },
    memo: { type: "string", readOnly: true },
    ref: { type: "string", readOnly: true },
  },
  indexes: {
    byAccount: { pk: { field: "pk", composite: ["accountID"] }, sk: { field: "sk", composite: ["at", "transferID", "side"] } },
  },
});

/** "ledger command by id": what a command posted, so a retry returns it and a different command under the same id is refused. */
export const commandEntity = Dynamo.entity({
  model: { entity: "ledgerCommand", version: "1", service: "zhubo" },
  attributes: {
    commandID: { type: "string", required: true, readOnly: true },
    hash: { type: "string", required: true, readOnly: true },
    result: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byID: { pk: { field: "pk", composite: ["commandID"] }, sk: { field: "sk", composite: [] } },
  },
});
