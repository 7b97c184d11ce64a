import { z } from "zod/mini";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure } from "../error/index.js";
import { Event } from "../event/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import type { Fen } from "../money/index.js";
import { Payee } from "../payee/index.js";
import { chunkEntity, lockEntity, payoutEntity, runEntity } from "./entity.js";
import type { Outcome, Provider, QueryOutcome } from "./provider.js";
import { DEFAULT_MINIMUM_FEN, destinationOf, kindOf, type PayeeKind, read as readSettings } from "./settings.js";

/*
 * A payout run as steps, each bounded (one page of payees, one chunk, one round of queries) and
 * safe to run again after a crash at any point: every state change is a conditional write, every
 * posting has a command id made from the payout's reference, and the provider is only ever asked
 * again about a transfer under the same reference, after a query. Step Functions runs the steps
 * in the cloud (functions/src/jobs/payout-step.ts); the local stack and tests run them in-process.
 */

/** Payees per planning page and per paying chunk: a chunk's transactions and provider calls take seconds, well inside a Lambda's limit. */
export const CHUNK = 25;
/** Payouts of a chunk in progress at once. */
export const PARALLEL = 5;

export type Phase = "planning" | "paying" | "settling" | "done";

/**
 * A run to execute (started, or reopened by a retry): written with the run's own change, so no run
 * is ever created without being executed. EventBridge hands it to the Step Functions state machine
 * (infra/payouts.ts); the laptop's bus to the in-process engine.
 */
export const RunRequested = Event.define("payout.run_requested", 1, z.object({ runID: z.string(), cause: z.enum(["start", "retry"]) }));
export type Status = "planned" | "reserved" | "submitted" | "paid" | "failed" | "skipped";

export const inflightOf = (payeeID: string) => `inflight:${payeeID}`;
export const paidOf = (payeeID: string) => `paidout:${payeeID}`;

let provider: Provider | undefined;
export function useProvider(next: Provider | undefined): void {
  provider = next;
}
export function currentProvider(): Provider {
  if (!provider) throw conflict("payout.unavailable", "Payouts aren't available here: no payout provider is configured");
  return provider;
}

/** Tests crash a run at each step boundary in turn: the hook throws where a Lambda could die. */
let hook: ((label: string) => void) | undefined;
export function onBoundary(next: ((label: string) => void) | undefined): void {
  hook = next;
}
const boundary = (label: string) => hook?.(label);

/** Opens a payee's in-flight and paid-out accounts (idempotent). */
const openedFor = new Set<string>();
export async function openAccounts(payeeID: string, kind: PayeeKind): Promise<void> {
  const key = `${Dynamo.table()}#${payeeID}`;
  if (openedFor.has(key)) return;
  await Ledger.open({ accountID: inflightOf(payeeID), kind: `${kind}_inflight`, ownerID: payeeID, normal: "credit", overdraft: "never" });
  await Ledger.open({ accountID: paidOf(payeeID), kind: `${kind}_paidout`, ownerID: payeeID, normal: "credit", overdraft: "never" });
  openedFor.add(key);
}

/** Alipay's out_biz_no: letters and digits, ≤ 64, the same for every call about one attempt. */
export const referenceOf = (runID: string, payeeID: string, attempt: number) => `ZB${runID.slice(4)}${payeeID.slice(4)}A${attempt}`;

export interface Run {
  runID: string;
  trigger: "schedule" | "ops";
  requestedBy: string;
  phase: Phase;
  cursor: string;
  chunks: number;
  chunksPaid: number;
  planned: number;
  plannedFen: Fen;
  paid: number;
  paidFen: Fen;
  failed: number;
  failedFen: Fen;
  skipped: number;
  step: number;
  startedAt: string;
  finishedAt?: string;
}

export interface Payout {
  runID: string;
  payeeID: string;
  payeeKind: PayeeKind;
  chunk: number;
  amountFen: Fen;
  destination: { type: "alipay"; account: string; name: string };
  attempt: number;
  reference: string;
  status: Status;
  outcome?: string;
  code?: string;
  reason?: string;
  providerID?: string;
  awaiting: "yes" | "failed" | "no";
  createdAt: string;
  updatedAt: string;
  attempts?: { attempt: number; reference: string; code?: string; reason?: string; at: string }[];
}

export async function readRun(runID: string): Promise<Run | undefined> {
  return ((await (await runEntity()).get({ runID }).go({ consistent: true })).data as Run | null) ?? undefined;
}

export async function readPayout(runID: string, payeeID: string): Promise<Payout | undefined> {
  return ((await (await payoutEntity()).get({ runID, payeeID }).go({ consistent: true })).data as Payout | null) ?? undefined;
}

/** The weekly run's id: the same for every firing in one China-time week (Monday 00:00), so a repeated schedule starts it once. */
export function weeklyRunID(nowMs: number): string {
  const china = new Date(nowMs + 8 * 3_600_000);
  const monday = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() - ((china.getUTCDay() + 6) % 7)) - 8 * 3_600_000;
  return `prn_${Id.ulid(monday).slice(0, 10)}${"0".repeat(16)}`;
}

/**
 * Starts a run (idempotent per run id): its record and the "run in progress" lock in one
 * transaction. Another run in progress → CONFLICT payout.run_active.
 */
export async function begin(input: { runID?: string; trigger: "schedule" | "ops"; requestedBy: string }): Promise<Run> {
  const runID = input.runID ?? Id.create("payoutRun");
  const existing = await readRun(runID);
  if (existing) return existing;
  const run: Run = {
    runID,
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    phase: "planning",
    cursor: "-",
    chunks: 0,
    chunksPaid: 0,
    planned: 0,
    plannedFen: 0,
    paid: 0,
    paidFen: 0,
    failed: 0,
    failedFen: 0,
    skipped: 0,
    step: 0,
    startedAt: Clock.iso(),
  };
  const [locks, runs] = await Promise.all([lockEntity(), runEntity()]);
  const rejected = await Dynamo.transact(runs, [
    Dynamo.commit(locks.create({ lock: "run", runID })),
    Dynamo.commit(runs.create(run)),
    await Event.create(RunRequested, { runID, cause: "start" }),
  ]);
  if (rejected === -1) return run;
  const again = await readRun(runID);
  if (again) return again;
  const holder = (await locks.get({ lock: "run" }).go({ consistent: true })).data;
  throw conflict("payout.run_active", "A payout run is in progress; wait for it to finish", { runID: holder?.runID ?? "" });
}

/** The run in progress (holding the lock), if any. */
export async function activeRun(): Promise<string | undefined> {
  return (await (await lockEntity()).get({ lock: "run" }).go({ consistent: true })).data?.runID;
}

export type Next = "continue" | "wait" | "done";

/** One bounded step of a run; call again until "done" ("wait": outcomes are still out, ask again later). */
export async function advance(runID: string): Promise<{ next: Next; run: Run }> {
  const run = await readRun(runID);
  if (!run) throw new Error(`no payout run ${runID}`);
  const next = run.phase === "planning" ? await plan(run) : run.phase === "paying" ? await pay(run) : run.phase === "settling" ? await settle(run) : "done";
  return { next, run: (await readRun(runID)) as Run };
}

/** Planning: one page of the "credited accounts" index; the payable ones become this run's next chunk. */
async function plan(run: Run): Promise<Next> {
  const page = await Ledger.credited({ limit: CHUNK, cursor: run.cursor === "-" ? null : run.cursor });
  const now = Clock.now();
  const plans: Payout[] = [];
  const leave: Ledger.Credited[] = [];
  for (const account of page.items) {
    if (account.kind !== "host_earned" && account.kind !== "agency_earned") continue;
    const payeeID = account.ownerID;
    if (await readPayout(run.runID, payeeID)) continue; // credited again during this run: the next run
    const [settings, balance] = await Promise.all([readSettings(payeeID), Ledger.balance(account.accountID)]);
    const destination = destinationOf(settings);
    if (settings?.pausedUntil && Date.parse(settings.pausedUntil) > now) continue; // stays on the index: after the pause
    if (!destination || balance.available < (settings?.minimumFen ?? DEFAULT_MINIMUM_FEN)) {
      leave.push(account); // nothing to do until a credit or a new method puts it back
      continue;
    }
    const reference = referenceOf(run.runID, payeeID, 1);
    plans.push({
      runID: run.runID,
      payeeID,
      payeeKind: kindOf(payeeID),
      chunk: run.chunks + 1,
      amountFen: balance.available,
      destination,
      attempt: 1,
      reference,
      status: "planned",
      awaiting: "no",
      createdAt: Clock.iso(),
      updatedAt: Clock.iso(),
    });
    leave.push(account);
  }
  boundary("plan:read");
  const [payouts, chunks, runs] = await Promise.all([payoutEntity(), chunkEntity(), runEntity()]);
  const commits = plans.map((p) => Dynamo.commit(payouts.create(p)));
  if (plans.length) commits.push(Dynamo.commit(chunks.create({ runID: run.runID, chunk: run.chunks + 1, payeeIDs: plans.map((p) => p.payeeID) })));
  commits.push(
    Dynamo.commit(
      runs
        .patch({ runID: run.runID })
        .set({ cursor: page.cursor ?? "-", phase: page.cursor ? "planning" : "paying", step: run.step + 1 })
        .add({ chunks: plans.length ? 1 : 0, planned: plans.length, plannedFen: plans.reduce((a, p) => a + p.amountFen, 0) })
        .where((a, op) => `${op.eq(a.step, run.step)} AND ${op.eq(a.phase, "planning")}`),
    ),
  );
  // a twin of this step committed first (a retried Lambda): its page stands, this one is dropped
  if ((await Dynamo.transact(runs, commits)) !== -1) return "continue";
  boundary("plan:written");
  for (const p of plans) await openAccounts(p.payeeID, p.payeeKind);
  for (const a of leave) await Ledger.seen(a.accountID, a.creditedAt);
  return "continue";
}

/** Paying: one chunk, each payout taken as far as it goes (reserved, submitted, answered). */
async function pay(run: Run): Promise<Next> {
  const chunk = run.chunksPaid + 1;
  const runs = await runEntity();
  if (chunk > run.chunks) {
    await runs
      .patch({ runID: run.runID })
      .set({ phase: "settling" })
      .where((a, op) => op.eq(a.phase, "paying"))
      .go()
      .catch(ignoreCondition);
    return "continue";
  }
  const item = (await (await chunkEntity()).get({ runID: run.runID, chunk }).go({ consistent: true })).data;
  // a few payees at once: each payout's writes are its own items (the run's counters retry on conflict), and provider calls overlap
  const queue = [...(item?.payeeIDs ?? [])];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let payeeID = queue.shift(); payeeID; payeeID = queue.shift()) {
        const p = await readPayout(run.runID, payeeID);
        if (p) await drive(p);
      }
    }),
  );
  await runs
    .patch({ runID: run.runID })
    .add({ chunksPaid: 1 })
    .where((a, op) => `${op.eq(a.chunksPaid, chunk - 1)} AND ${op.eq(a.phase, "paying")}`)
    .go()
    .catch(ignoreCondition);
  boundary("pay:chunk");
  return "continue";
}

/** Settling: every payout still awaiting an answer is asked about (or, if the provider never got it, sent again under the same reference). */
async function settle(run: Run): Promise<Next> {
  const payouts = await payoutEntity();
  let cursor: string | null = null;
  do {
    const page: { data: { payeeID: string }[]; cursor: string | null } = await payouts.query
      .awaiting({ runID: run.runID, awaiting: "yes" })
      .go({ cursor, limit: CHUNK });
    for (const found of page.data) {
      const p = await readPayout(run.runID, found.payeeID);
      if (p && p.awaiting === "yes") await drive(p, true);
    }
    cursor = page.cursor;
  } while (cursor);
  const now = (await readRun(run.runID)) as Run;
  if (now.planned > now.paid + now.failed + now.skipped) return "wait";
  await finish(now);
  return "done";
}

async function finish(run: Run): Promise<void> {
  const [runs, locks] = await Promise.all([runEntity(), lockEntity()]);
  await runs
    .patch({ runID: run.runID })
    .set({ phase: "done", finishedAt: Clock.iso() })
    .where((a, op) => op.eq(a.phase, "settling"))
    .go()
    .catch(ignoreCondition);
  boundary("finish:done");
  await locks
    .delete({ lock: "run" })
    .where((a, op) => op.eq(a.runID, run.runID))
    .go()
    .catch(ignoreCondition);
}

/** A conditional write that lost: someone (a retried step) did it already. */
function ignoreCondition(e: unknown): void {
  if (!isConditionFailure(e)) throw e;
}

/** Takes one payout as far as it can go now; a submitted one is asked about only when settling (`follow`). */
async function drive(p: Payout, follow = false): Promise<void> {
  let current: Payout | undefined = p;
  if (current.status === "planned") current = await reserve(current);
  if (current?.status === "reserved") current = await submit(current);
  else if (follow && current?.status === "submitted") await ask(current);
}

/** In flight: available → in-flight in one posting with the status change; a balance that no longer covers it skips it. */
async function reserve(p: Payout): Promise<Payout | undefined> {
  await openAccounts(p.payeeID, p.payeeKind);
  const command: Ledger.Command = {
    commandID: `payout:${p.reference}:reserve`,
    transfers: [{ debit: Payee.earnedOf(p.payeeID), credit: inflightOf(p.payeeID), amount: p.amountFen, memo: "payout" }],
    ref: p.runID,
  };
  const payouts = await payoutEntity();
  const move = payouts
    .patch({ runID: p.runID, payeeID: p.payeeID })
    .set({ status: "reserved", awaiting: p.awaiting, updatedAt: Clock.iso() })
    .where((a, op) => `${op.eq(a.status, "planned")} AND ${op.eq(a.attempt, p.attempt)}`);
  const prepared = await Ledger.prepare(command);
  if (!prepared.replayed) {
    const rejected = await Dynamo.transact(await Ledger.anchor(), [...prepared.commits, Dynamo.commit(move)]);
    const error = rejected === -1 ? undefined : prepared.explain(rejected);
    if ((error as { code?: string } | undefined)?.code === "ledger.insufficient_funds") {
      await skip(p, "balance_changed", "The balance no longer covered the payout when it was made");
      return readPayout(p.runID, p.payeeID);
    }
  }
  boundary("pay:reserved");
  return readPayout(p.runID, p.payeeID);
}

async function skip(p: Payout, code: string, reason: string): Promise<void> {
  const [payouts, runs] = await Promise.all([payoutEntity(), runEntity()]);
  await Dynamo.transact(runs, [
    Dynamo.commit(
      payouts
        .patch({ runID: p.runID, payeeID: p.payeeID })
        .set({ status: "skipped", code, reason, awaiting: "no", updatedAt: Clock.iso() })
        .where((a, op) => `${op.eq(a.status, "planned")} AND ${op.eq(a.attempt, p.attempt)}`),
    ),
    Dynamo.commit(runs.patch({ runID: p.runID }).add({ skipped: 1 })),
  ]);
}

/** Marks it submitted ("sending": a crash from here on means ask before anything), then sends it. */
async function submit(p: Payout): Promise<Payout | undefined> {
  const payouts = await payoutEntity();
  const marked = await payouts
    .patch({ runID: p.runID, payeeID: p.payeeID })
    .set({ status: "submitted", outcome: "sending", awaiting: "yes", updatedAt: Clock.iso() })
    .where((a, op) => `${op.eq(a.status, "reserved")} AND ${op.eq(a.attempt, p.attempt)}`)
    .go()
    .then(() => true)
    .catch((e: unknown) => {
      ignoreCondition(e);
      return false;
    });
  if (!marked) return readPayout(p.runID, p.payeeID);
  boundary("pay:marked");
  await send({ ...p, status: "submitted", outcome: "sending" });
  return readPayout(p.runID, p.payeeID);
}

async function send(p: Payout): Promise<void> {
  const outcome = await currentProvider()
    .transfer({ reference: p.reference, amountFen: p.amountFen, destination: p.destination, title: "主播学院收益 Zhubo Academy earnings" })
    .catch((e: unknown): Outcome => ({ status: "unknown", detail: String((e as Error)?.message ?? e) }));
  boundary("pay:answered");
  await record(p, outcome);
}

/** A submitted payout without a final answer: ask the provider; only a "never heard of it" lets it go again, under the same reference. */
async function ask(p: Payout): Promise<void> {
  const answer: QueryOutcome = await currentProvider()
    .query(p.reference)
    .catch((e: unknown): QueryOutcome => ({ status: "unknown", detail: String((e as Error)?.message ?? e) }));
  boundary("settle:asked");
  if (answer.status === "not_found") {
    if (p.outcome === "processing") return; // it had the transfer a moment ago: ask again later
    await send(p);
    return;
  }
  await record(p, answer);
}

/** Writes what the provider said: the final answers move the money (paid out, or back to available) with the status change, once. */
async function record(p: Payout, outcome: Outcome): Promise<void> {
  const [payouts, runs] = await Promise.all([payoutEntity(), runEntity()]);
  const where = (a: { status: unknown; attempt: unknown }, op: { eq: (x: unknown, y: unknown) => string }) =>
    `${op.eq(a.status, "submitted")} AND ${op.eq(a.attempt, p.attempt)}`;
  if (outcome.status === "processing" || outcome.status === "unknown") {
    await payouts
      .patch({ runID: p.runID, payeeID: p.payeeID })
      .set({
        awaiting: "yes",
        outcome: outcome.status,
        reason: outcome.status === "unknown" ? outcome.detail.slice(0, 300) : undefined,
        providerID: outcome.status === "processing" ? outcome.providerID : undefined,
        updatedAt: Clock.iso(),
      })
      .where(where as never)
      .go()
      .catch(ignoreCondition);
    return;
  }
  const paid = outcome.status === "succeeded";
  const command: Ledger.Command = paid
    ? {
        commandID: `payout:${p.reference}:paid`,
        transfers: [{ debit: inflightOf(p.payeeID), credit: paidOf(p.payeeID), amount: p.amountFen, memo: "payout_paid" }],
        ref: p.runID,
      }
    : {
        commandID: `payout:${p.reference}:returned`,
        transfers: [{ debit: inflightOf(p.payeeID), credit: Payee.earnedOf(p.payeeID), amount: p.amountFen, memo: "payout_returned" }],
        ref: p.runID,
      };
  const prepared = await Ledger.prepare(command);
  if (prepared.replayed) return;
  const change = paid
    ? {
        status: "paid" as const,
        outcome: "succeeded",
        providerID: (outcome as { providerID: string }).providerID,
        awaiting: "no" as const,
        updatedAt: Clock.iso(),
      }
    : {
        status: "failed" as const,
        outcome: "failed",
        code: (outcome as { code: string }).code,
        reason: (outcome as { reason: string }).reason.slice(0, 300),
        awaiting: "failed" as const,
        updatedAt: Clock.iso(),
      };
  await Dynamo.transact(await Ledger.anchor(), [
    ...prepared.commits,
    Dynamo.commit(
      payouts
        .patch({ runID: p.runID, payeeID: p.payeeID })
        .set(change)
        .where(where as never),
    ),
    Dynamo.commit(runs.patch({ runID: p.runID }).add(paid ? { paid: 1, paidFen: p.amountFen } : { failed: 1, failedFen: p.amountFen })),
  ]);
}

/**
 * Ops retry a failed payout: a new attempt (the next reference) to the payee's current method,
 * only once the old one is known to have failed (its money is back in available), and only if
 * the balance still covers it. The run goes back to settling, where the attempt is sent.
 */
export async function retry(runID: string, payeeID: string): Promise<Payout> {
  const p = await readPayout(runID, payeeID);
  if (!p) throw conflict("payout.not_found", "No such payout");
  if (p.status !== "failed") throw conflict("payout.not_failed", "Only a payout known to have failed can be tried again");
  const settings = await readSettings(payeeID);
  const destination = destinationOf(settings);
  if (!destination) throw conflict("payout.no_method", "The payee has no payout method");
  if (settings?.pausedUntil && Date.parse(settings.pausedUntil) > Clock.now())
    throw conflict("payout.paused", "The payee changed their payout method; payouts to it wait 24 hours");
  const attempt = p.attempt + 1;
  const reference = referenceOf(runID, payeeID, attempt);
  const prepared = await Ledger.prepare({
    commandID: `payout:${reference}:reserve`,
    transfers: [{ debit: Payee.earnedOf(payeeID), credit: inflightOf(payeeID), amount: p.amountFen, memo: "payout" }],
    ref: runID,
  });
  const [payouts, runs] = await Promise.all([payoutEntity(), runEntity()]);
  const history = [...(p.attempts ?? []), { attempt: p.attempt, reference: p.reference, code: p.code, reason: p.reason, at: p.updatedAt }];
  const rejected = await Dynamo.transact(await Ledger.anchor(), [
    ...prepared.commits,
    Dynamo.commit(
      payouts
        .patch({ runID, payeeID })
        .set({ status: "reserved", attempt, reference, destination, awaiting: "yes", attempts: history, updatedAt: Clock.iso() })
        .remove(["code", "reason", "outcome", "providerID"])
        .where((a, op) => `${op.eq(a.status, "failed")} AND ${op.eq(a.attempt, p.attempt)}`),
    ),
    Dynamo.commit(runs.patch({ runID }).add({ failed: -1, failedFen: -p.amountFen }).set({ phase: "settling" }).remove(["finishedAt"])),
    await Event.create(RunRequested, { runID, cause: "retry" }),
  ]);
  if (rejected !== -1) {
    const error = prepared.explain(rejected);
    if ((error as { code?: string } | undefined)?.code === "ledger.insufficient_funds")
      throw conflict("payout.balance_changed", "The payee's available balance no longer covers this payout");
    throw conflict("payout.changed", "The payout changed meanwhile. Reload.");
  }
  return (await readPayout(runID, payeeID)) as Payout;
}
