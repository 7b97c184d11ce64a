import { Dynamo } from "../dynamo/index.js";

/** "payout settings of a payee": where its money goes, the minimum, and the pause after a change of method. */
export const settingsEntity = Dynamo.entity({
  model: { entity: "payoutSettings", version: "1", service: "zhubo" },
  attributes: {
    payeeID: { type: "string", required: true, readOnly: true },
    payeeKind: { type: ["host", "agency"] as const, required: true, readOnly: true },
    /** The Alipay login id and the holder's real name; absent until set. */
    account: { type: "string" },
    name: { type: "string" },
    minimumFen: { type: "number", required: true },
    methodSetAt: { type: "string" },
    /** Payouts to a changed method wait until then (a takeover's first move is to change it). */
    pausedUntil: { type: "string" },
    updatedBy: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
    version: { type: "number", required: true },
  },
  indexes: {
    byPayee: { pk: { field: "pk", composite: ["payeeID"] }, sk: { field: "sk", composite: [] } },
  },
});

/** "payout run by id" and "payout runs by start" (ops' list): the run's progress, kept with every step's own write. */
export const runEntity = Dynamo.entity({
  model: { entity: "payoutRun", version: "1", service: "zhubo" },
  attributes: {
    runID: { type: "string", required: true, readOnly: true },
    trigger: { type: ["schedule", "ops"] as const, required: true, readOnly: true },
    requestedBy: { type: "string", required: true, readOnly: true },
    /** planning (reading the index a page = a chunk at a time) → paying (a chunk at a time) → settling (querying open outcomes) → done. */
    phase: { type: ["planning", "paying", "settling", "done"] as const, required: true },
    /** Where planning stopped in the "credited accounts" index; "-" before the first page. */
    cursor: { type: "string", required: true },
    chunks: { type: "number", required: true },
    chunksPaid: { type: "number", required: true },
    planned: { type: "number", required: true },
    plannedFen: { type: "number", required: true },
    paid: { type: "number", required: true },
    paidFen: { type: "number", required: true },
    failed: { type: "number", required: true },
    failedFen: { type: "number", required: true },
    skipped: { type: "number", required: true },
    /** Planning steps so far: a step re-run after a crash is the same step (the condition on it). */
    step: { type: "number", required: true },
    startedAt: { type: "string", required: true, readOnly: true },
    finishedAt: { type: "string" },
  },
  indexes: {
    byRun: { pk: { field: "pk", composite: ["runID"] }, sk: { field: "sk", composite: [] } },
    recent: { index: "gsi1", pk: { field: "gsi1pk", composite: [] }, sk: { field: "gsi1sk", composite: ["startedAt", "runID"] } },
  },
});

/** "chunks of a run": the payees one paying step handles. */
export const chunkEntity = Dynamo.entity({
  model: { entity: "payoutChunk", version: "1", service: "zhubo" },
  attributes: {
    runID: { type: "string", required: true, readOnly: true },
    chunk: { type: "number", required: true, readOnly: true },
    payeeIDs: { type: "list", items: { type: "string" }, required: true, readOnly: true },
  },
  indexes: {
    byRun: { pk: { field: "pk", composite: ["runID"] }, sk: { field: "sk", composite: ["chunk"] } },
  },
});

/** "the run in progress": one at a time, so two runs never plan the same payee at once. */
export const lockEntity = Dynamo.entity({
  model: { entity: "payoutLock", version: "1", service: "zhubo" },
  attributes: {
    lock: { type: ["run"] as const, required: true, readOnly: true },
    runID: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byName: { pk: { field: "pk", composite: ["lock"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * "payouts of a run by payee", "payouts of a payee by time", and sparsely "payouts of a run
 * awaiting an outcome" (submitted, no final answer yet). One item per (run, payee); a retry after
 * a known failure is the next attempt of the same item under the next reference.
 */
export const payoutEntity = Dynamo.entity({
  model: { entity: "payout", version: "1", service: "zhubo" },
  attributes: {
    runID: { type: "string", required: true, readOnly: true },
    payeeID: { type: "string", required: true, readOnly: true },
    payeeKind: { type: ["host", "agency"] as const, required: true, readOnly: true },
    chunk: { type: "number", required: true, readOnly: true },
    amountFen: { type: "number", required: true },
    /** The method as it was when planned: { type, account, name } (a change later pauses, it never redirects this payout). */
    destination: { type: "any", required: true },
    attempt: { type: "number", required: true },
    reference: { type: "string", required: true },
    /** planned → reserved (in flight) → submitted → paid | failed (returned); skipped when the balance no longer covers it. */
    status: { type: ["planned", "reserved", "submitted", "paid", "failed", "skipped"] as const, required: true },
    /** The provider's last word while submitted: processing or unknown (query before anything else). */
    outcome: { type: "string" },
    code: { type: "string" },
    reason: { type: "string" },
    providerID: { type: "string" },
    /** "yes" while not final (the settling step's work), "failed" while failed (ops' list): the sparse "needs attention" index. */
    awaiting: { type: ["yes", "failed", "no"] as const, required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
    /** Earlier attempts: [{ attempt, reference, code, reason, at }]. */
    attempts: { type: "any" },
  },
  indexes: {
    byRun: { pk: { field: "pk", composite: ["runID"] }, sk: { field: "sk", composite: ["payeeID"] } },
    ofPayee: { index: "gsi1", pk: { field: "gsi1pk", composite: ["payeeID"] }, sk: { field: "gsi1sk", composite: ["createdAt", "runID"] } },
    awaiting: {
      index: "gsi2",
      condition: (attr) => attr.awaiting === "yes" || attr.awaiting === "failed",
      // a patch writes only the keys whose composites it sets: every payout write sets `awaiting` and `updatedAt`
      pk: { field: "gsi2pk", composite: ["runID", "awaiting"] },
      sk: { field: "gsi2sk", composite: ["updatedAt", "payeeID"] },
    },
  },
});
