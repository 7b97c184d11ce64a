import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { forbidden, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import { Page } from "../page/index.js";
import { Payee } from "../payee/index.js";
import { payoutEntity, runEntity } from "./entity.js";
import * as Run from "./run.js";
import * as Settings from "./settings.js";

export * as Payout from "./index.js";
export { type Behaviour, createLocalPayoutProvider, FAILURES, type LocalPayoutProvider, type LocalTransfer } from "./local.js";
export type { Destination, Outcome, Provider, QueryOutcome, TransferRequest } from "./provider.js";
export {
  CHUNK,
  currentProvider,
  inflightOf,
  onBoundary,
  type Payout as Item,
  paidOf,
  type Run as RunInfo,
  RunRequested,
  useProvider,
  weeklyRunID,
} from "./run.js";
export { assertManages, DEFAULT_MINIMUM_FEN, importMethod, maskAccount, maskName, PAUSE_HOURS } from "./settings.js";

/*
 * Paying hosts and agencies what they earned: payout settings (where the money goes), runs
 * (weekly and on demand, chunked and resumable: run.ts) and what payees and ops see of them.
 */

/** Runs a run's steps here until it is done or waits for answers (the local engine, the simulation, tests). */
export async function drive(runID: string, opts: { maxSteps?: number } = {}): Promise<Run.Next> {
  for (let i = 0; i < (opts.maxSteps ?? 100_000); i++) {
    const { next } = await Run.advance(runID);
    if (next !== "continue") return next;
  }
  return "continue";
}

export const advance = Run.advance;
export const activeRun = Run.activeRun;
export const begin = Run.begin;

const payeeID = Settings.payeeID;
const runID = Id.schema("payout run", "payoutRun");

/** A payee's payout settings (the method masked), for the payee (a host, or an agency's admins). */
export const settings = fn(z.object({ payeeID }), async (input) => {
  Settings.assertManages(input.payeeID);
  return Settings.view(input.payeeID, await Settings.read(input.payeeID));
});

/** Sets where the payee's money goes; needs the password again, and a change pauses payouts to it for 24 hours. */
export const setMethod = fn(
  z.object({
    payeeID,
    account: Settings.accountSchema,
    name: Settings.nameSchema,
    password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(128)),
  }),
  (input) => Settings.setMethod(input),
);

export const setMinimum = fn(z.object({ payeeID, minimumFen: Settings.minimumSchema }), (input) => Settings.setMinimum(input));

const STATUS_VIEW = (p: Run.Payout) => ({
  runID: p.runID,
  payeeID: p.payeeID,
  payeeKind: p.payeeKind,
  amountFen: p.amountFen,
  status: p.status,
  outcome: p.outcome,
  code: p.code,
  reason: p.reason,
  attempt: p.attempt,
  reference: p.reference,
  account: Settings.maskAccount(p.destination.account),
  name: Settings.maskName(p.destination.name),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  attempts: p.attempts ?? [],
});

/** A payee's balances for payouts: available, in flight, paid out so far. */
async function balancesOf(id: string) {
  const [earned, inflight, paid] = await Promise.all([
    Ledger.balance(Payee.earnedOf(id), { missing: "zero" }),
    Ledger.balance(Run.inflightOf(id), { missing: "zero" }),
    Ledger.balance(Run.paidOf(id), { missing: "zero" }),
  ]);
  return { availableFen: earned.available, inflightFen: inflight.available, paidOutFen: paid.available };
}

/** A payee's payouts, newest first, with its balances: the payee's payouts page. */
export const mine = fn(z.object({ payeeID, cursor: Page.cursor }), async (input) => {
  Settings.assertManages(input.payeeID);
  const q = Page.query("payout.mine", input.payeeID);
  const page = await (await payoutEntity()).query.ofPayee({ payeeID: input.payeeID }).go({ order: "desc", limit: 20, cursor: Page.open(q, input.cursor) });
  const [balances, stored] = await Promise.all([balancesOf(input.payeeID), Settings.read(input.payeeID)]);
  return {
    ...balances,
    settings: Settings.view(input.payeeID, stored),
    items: (page.data as Run.Payout[]).map(STATUS_VIEW),
    cursor: Page.seal(q, page.cursor),
  };
});

function assertOps(): void {
  if (!Actor.isOps()) throw forbidden("ops.only", "Only platform ops manage payout runs");
}

/** Ops start a run now (one at a time). */
export const start = fn(z.object({}), async () => {
  assertOps();
  return Run.begin({ trigger: "ops", requestedBy: Actor.person().personID });
});

/** The weekly schedule's run (the same id for every firing in a week); skipped while another run is in progress. */
export async function scheduled(nowMs = Clock.now()): Promise<Run.Run | undefined> {
  try {
    return await Run.begin({ runID: Run.weeklyRunID(nowMs), trigger: "schedule", requestedBy: "schedule" });
  } catch (e) {
    if ((e as { code?: string }).code === "payout.run_active") return undefined;
    throw e;
  }
}

/** Recent runs, newest first (ops' payout-run page). */
export const runs = fn(z.object({ cursor: Page.cursor }), async (input) => {
  assertOps();
  const q = Page.query("payout.runs");
  const page = await (await runEntity()).query.recent({}).go({ order: "desc", limit: 20, cursor: Page.open(q, input.cursor) });
  return { items: page.data as Run.Run[], cursor: Page.seal(q, page.cursor) };
});

/** One run: its progress and the payouts that failed (with the provider's reasons). */
export const run = fn(z.object({ runID }), async (input) => {
  assertOps();
  const found = await Run.readRun(input.runID);
  if (!found) throw notFound("payout.run_not_found");
  const failed = await (await payoutEntity()).query.awaiting({ runID: input.runID, awaiting: "failed" }).go({ limit: 100 });
  const open = await (await payoutEntity()).query.awaiting({ runID: input.runID, awaiting: "yes" }).go({ limit: 100 });
  return {
    run: found,
    failures: (failed.data as Run.Payout[]).map(STATUS_VIEW),
    open: (open.data as Run.Payout[]).map(STATUS_VIEW),
  };
});

/** A run's payouts, a page at a time. */
export const payouts = fn(z.object({ runID, cursor: Page.cursor }), async (input) => {
  assertOps();
  const q = Page.query("payout.payouts", input.runID);
  const page = await (await payoutEntity()).query.byRun({ runID: input.runID }).go({ limit: 50, cursor: Page.open(q, input.cursor) });
  return { items: (page.data as Run.Payout[]).map(STATUS_VIEW), cursor: Page.seal(q, page.cursor) };
});

/** Ops try a failed payout again (a new attempt, only after the old one is known to have failed). */
export const retry = fn(z.object({ runID, payeeID }), async (input) => {
  assertOps();
  return STATUS_VIEW(await Run.retry(input.runID, input.payeeID));
});

/**
 * The ledger check across a run: the whole ledger recomputed from its lines, and the run's counters
 * against its payouts (every paid one has its paid-out posting, nothing is left in flight once done).
 */
export const check = fn(z.object({ runID }), async (input) => {
  assertOps();
  const found = await Run.readRun(input.runID);
  if (!found) throw notFound("payout.run_not_found");
  const all = (await (await payoutEntity()).query.byRun({ runID: input.runID }).go({ pages: "all" })).data as Run.Payout[];
  const sum = (s: Run.Status) => all.filter((p) => p.status === s).reduce((a, p) => a + p.amountFen, 0);
  const inflight = await Promise.all(
    [...new Set(all.map((p) => p.payeeID))].map(async (id) => (await Ledger.balance(Run.inflightOf(id), { missing: "zero" })).available),
  );
  const ledger = await Ledger.check();
  const problems: string[] = [];
  if (sum("paid") !== found.paidFen) problems.push(`paid ${sum("paid")} ≠ run's ${found.paidFen}`);
  if (sum("failed") !== found.failedFen) problems.push(`failed ${sum("failed")} ≠ run's ${found.failedFen}`);
  const inflightFen = inflight.reduce((a, b) => a + b, 0);
  if (found.phase === "done" && inflightFen !== 0) problems.push(`${inflightFen} fen still in flight`);
  if (ledger.differences.length) problems.push(`${ledger.differences.length} accounts differ from their lines`);
  return { ok: problems.length === 0, problems, payouts: all.length, paidFen: sum("paid"), failedFen: sum("failed"), inflightFen, accounts: ledger.accounts };
});
