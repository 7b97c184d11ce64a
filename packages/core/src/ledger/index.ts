import { createHash } from "node:crypto";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, input, isConditionFailure, notFound } from "../error/index.js";
import { Id } from "../id/index.js";
import type { Fen } from "../money/index.js";
import { accountEntity, commandEntity, lineEntity, transferEntity } from "./entity.js";
import { type Balance, type Delta, type Leg, legProblem, type Movement, type Normal, plus, sideDelta, sumsToZero, ZERO } from "./rules.js";

export * as Ledger from "./index.js";
export { available, type Balance, type Normal } from "./rules.js";

/*
 * The double-entry ledger. Every command is one TransactWriteItems: the command's record (its
 * idempotency), the transfers, their lines, and one conditional balance update per touched
 * account — so a posting happens entirely or not at all, at most once, and never overdraws an
 * account that doesn't allow it. Entries are immutable; a correction is a reversing posting.
 */

/** Transfers per command: 1 command + 3 items per transfer + ≤ 2 accounts each stays under DynamoDB's 100 items. */
export const MAX_TRANSFERS = 19;

export type Overdraft = "never" | "clawback" | "always";

export interface Account {
  accountID: string;
  kind: string;
  ownerID: string;
  normal: Normal;
  overdraft: Overdraft;
  shards: number;
  /** Credits to it put it on the "credited accounts" index (unsharded accounts only). */
  watch?: boolean;
}

/** Opens an account (idempotent: opening it again returns it unchanged). */
export async function open(account: Omit<Account, "shards"> & { shards?: number }): Promise<Account> {
  const shards = account.shards ?? 1;
  if (account.watch && shards > 1) throw new Error("a watched account has one shard");
  const entity = await accountEntity();
  const createdAt = Clock.iso();
  for (let shard = 0; shard < shards; shard++) {
    await entity
      // the sparse index's composites on every write (ElectroDB): "-" until a credit
      .create({ ...account, shards, shard, createdAt, credited: "no", creditedAt: "-" })
      .go()
      .catch((e: unknown) => {
        if (!isConditionFailure(e)) throw e;
      });
  }
  return (await describe(account.accountID)) as Account;
}

async function describe(accountID: string): Promise<Account | undefined> {
  const found = (await (await accountEntity()).get({ accountID, shard: 0 }).go()).data;
  return found
    ? { accountID, kind: found.kind, ownerID: found.ownerID, normal: found.normal, overdraft: found.overdraft, shards: found.shards, watch: found.watch }
    : undefined;
}

export interface BalanceView extends Balance {
  accountID: string;
  available: Fen;
}

/** An account's balance: its shards summed. An account never opened has none (`missing: "zero"`) or is NOT_FOUND. */
export async function balance(accountID: string, opts: { missing?: "zero" | "throw" } = {}): Promise<BalanceView> {
  const shards = (await (await accountEntity()).query.byAccount({ accountID }).go({ pages: "all" })).data;
  if (!shards.length && opts.missing === "zero") return { accountID, ...ZERO, available: 0 };
  if (!shards.length) throw notFound("ledger.account_not_found");
  const sum = (k: keyof Balance | "available") => shards.reduce((a, s) => a + (s[k] as number), 0);
  return {
    accountID,
    debitsPosted: sum("debitsPosted"),
    creditsPosted: sum("creditsPosted"),
    debitsPending: sum("debitsPending"),
    creditsPending: sum("creditsPending"),
    available: sum("available"),
  };
}

export interface TransferInput {
  debit: string;
  credit: string;
  amount: Fen;
  /** A two-phase hold: the payer's available shrinks now; a later command posts or voids it. */
  pending?: boolean;
  /** What the money is for: slot_fee, commission, release, clawback, top_up … (statements show it). */
  memo?: string;
}

export interface SettleInput {
  pendingID: string;
  action: "post" | "void";
}

export interface Command {
  commandID: string;
  transfers?: TransferInput[];
  /** Pending transfers this command posts or voids (each at most once, ever). */
  settle?: SettleInput[];
  /** Lets a payee's account go negative (a refund after release), and only through such a posting. */
  clawback?: boolean;
  /** What the command is about (a booking id): every line carries it. */
  ref?: string;
}

export interface Posted {
  commandID: string;
  postingID: string;
  /** The new transfers' ids, settlements first, in the command's order. */
  transferIDs: string[];
}

const hashOf = (content: unknown) => createHash("sha256").update(JSON.stringify(content)).digest("base64url");

interface PlannedLeg extends Leg {
  transferID: string;
  debitShard: number;
  creditShard: number;
  pendingID?: string;
  status: "posted" | "pending";
  memo?: string;
}

/**
 * A command made ready to join a transaction: its items, the result it will have, and how to
 * read a rejection. `replayed` when the same command (same id, same content) ran already: then
 * there is nothing to write and `result` is the first run's. A domain write that must happen
 * with a posting or not at all (a booking and its slot-fee hold) puts these commits in its own
 * transaction; `post` runs one alone.
 */
export interface Prepared {
  commits: Dynamo.Commit[];
  result: Posted;
  replayed: boolean;
  /** The error for a rejected item at `index` of `commits`; undefined when the command record existed (a racing twin: replay). */
  explain(index: number): Error | undefined;
}

async function replayOf(commandID: string, hash: string): Promise<Posted | undefined> {
  const found = (await (await commandEntity()).get({ commandID }).go()).data;
  if (!found) return undefined;
  if (found.hash !== hash) throw conflict("ledger.command_conflict", "This command id was used for a different command");
  return JSON.parse(found.result) as Posted;
}

/** Validates a command and plans its items: the command record, transfers, lines, settled holds' status, one conditional update per (account, shard). */
export async function prepare(command: Command): Promise<Prepared> {
  const transfersIn = command.transfers ?? [];
  const settles = command.settle ?? [];
  const count = transfersIn.length + settles.length;
  if (!count || count > MAX_TRANSFERS) throw input("ledger.transfers", "transfers", `1 to ${MAX_TRANSFERS} transfers`);
  for (const t of transfersIn) {
    const problem = legProblem(t);
    if (problem) throw input("ledger.transfer_invalid", "transfers", problem);
  }
  if (new Set(settles.map((x) => x.pendingID)).size !== settles.length)
    throw input("ledger.transfer_invalid", "transfers", "A hold is settled once per command");
  const hash = hashOf(command);
  const earlier = await replayOf(command.commandID, hash);
  if (earlier) return { commits: [], result: earlier, replayed: true, explain: () => undefined };

  const transfers = await transferEntity();
  const pendings = await Promise.all(settles.map(async (x) => ({ x, t: (await transfers.get({ transferID: x.pendingID }).go()).data })));
  for (const { t } of pendings) if (t?.movement !== "hold") throw notFound("ledger.pending_not_found");
  for (const { t } of pendings) if (t?.status !== "pending") throw conflict("ledger.already_settled", "This hold was posted or voided already");
  const accounts = await accountsOf([
    ...transfersIn.flatMap((t) => [t.debit, t.credit]),
    ...pendings.flatMap(({ t }) => [t?.debit as string, t?.credit as string]),
  ]);

  const legs: PlannedLeg[] = [
    ...pendings.map(({ x, t }) => {
      const p = t as NonNullable<typeof t>;
      return {
        transferID: Id.create("transfer"),
        debit: p.debit,
        credit: p.credit,
        amount: p.amount,
        movement: (x.action === "post" ? "post_pending" : "void_pending") as Movement,
        status: "posted" as const,
        pendingID: p.transferID,
        debitShard: p.debitShard,
        creditShard: p.creditShard,
        memo: p.memo,
      };
    }),
    ...transfersIn.map((t) => ({
      transferID: Id.create("transfer"),
      debit: t.debit,
      credit: t.credit,
      amount: t.amount,
      movement: (t.pending ? "hold" : "post") as Movement,
      status: (t.pending ? "pending" : "posted") as "pending" | "posted",
      debitShard: shardOf(accounts.get(t.debit) as Account),
      creditShard: shardOf(accounts.get(t.credit) as Account),
      memo: t.memo,
    })),
  ];
  const postingID = Id.create("posting");
  const result: Posted = { commandID: command.commandID, postingID, transferIDs: legs.map((l) => l.transferID) };
  const commands = await commandEntity();
  const commits: Dynamo.Commit[] = [Dynamo.commit(commands.create({ commandID: command.commandID, hash, result: JSON.stringify(result), at: Clock.iso() }))];
  // a hold settles once: its status changes under a condition, in the same transaction
  const settleAt = commits.length;
  for (const { x, t } of pendings) {
    commits.push(
      Dynamo.commit(
        transfers
          .patch({ transferID: (t as { transferID: string }).transferID })
          .set({ status: x.action === "post" ? "settled" : "voided" })
          .where((a, op) => op.eq(a.status, "pending")),
      ),
    );
  }
  const { items, updates } = await legItems(legs, accounts, command, postingID);
  const offset = commits.length;
  commits.push(...items);
  return {
    commits,
    result,
    replayed: false,
    explain(index) {
      if (index === 0) return undefined;
      if (index >= settleAt && index < settleAt + pendings.length) return conflict("ledger.already_settled", "This hold was posted or voided already");
      const overdrawn = updates.find((u) => u.index + offset === index);
      if (overdrawn) return conflict("ledger.insufficient_funds", "Not enough available balance", { account: overdrawn.accountID });
      return new Error(`command ${command.commandID} failed on item ${index}`);
    },
  };
}

/** The transfers, their lines, and one conditional balance update per touched (account, shard). */
async function legItems(legs: PlannedLeg[], accounts: Map<string, Account>, command: Command, postingID: string) {
  // one update per (account, shard): a transaction can't touch an item twice
  const byShard = new Map<string, { accountID: string; shard: number; legs: PlannedLeg[] }>();
  for (const leg of legs) {
    for (const [accountID, shard] of [
      [leg.debit, leg.debitShard],
      [leg.credit, leg.creditShard],
    ] as const) {
      const key = `${accountID}#${shard}`;
      const slot = byShard.get(key) ?? { accountID, shard, legs: [] };
      slot.legs.push(leg);
      byShard.set(key, slot);
    }
  }
  const at = Clock.iso();
  const [accountsE, transfers, lines] = await Promise.all([accountEntity(), transferEntity(), lineEntity()]);
  const items: Dynamo.Commit[] = [];
  const { ref, commandID } = command;
  for (const leg of legs) {
    const { transferID, debit, credit, debitShard, creditShard, amount, movement, pendingID, status, memo } = leg;
    items.push(
      Dynamo.commit(
        transfers.create({ transferID, postingID, commandID, debit, credit, debitShard, creditShard, amount, movement, pendingID, status, memo, ref, at }),
      ),
    );
    items.push(Dynamo.commit(lines.create({ accountID: debit, at, transferID, side: "debit", amount, movement, other: credit, memo, ref })));
    items.push(Dynamo.commit(lines.create({ accountID: credit, at, transferID, side: "credit", amount, movement, other: debit, memo, ref })));
  }
  const updates: { accountID: string; index: number }[] = [];
  const allDeltas: Delta[] = [];
  for (const slot of byShard.values()) {
    const account = accounts.get(slot.accountID) as Account;
    let d: Delta = { ...ZERO, available: 0 };
    for (const l of slot.legs) {
      if (l.debit === slot.accountID && l.debitShard === slot.shard) d = plus(d, sideDelta("debit", l.amount, l.movement, account.normal));
      if (l.credit === slot.accountID && l.creditShard === slot.shard) d = plus(d, sideDelta("credit", l.amount, l.movement, account.normal));
    }
    allDeltas.push(d);
    const guarded = d.available < 0 && (account.overdraft === "never" || (account.overdraft === "clawback" && !command.clawback));
    const changes = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== 0)) as Partial<Delta>;
    const patch = accountsE.patch({ accountID: slot.accountID, shard: slot.shard }).add(changes);
    // a credit someone acts on: the account (re)joins the "credited accounts" index in the same write
    const update = (account.watch && d.available > 0 ? patch.set({ credited: "yes", creditedAt: at }) : patch).where((a, op) =>
      guarded ? op.gte(a.available, -d.available) : op.exists(a.accountID),
    );
    updates.push({ accountID: slot.accountID, index: items.length });
    items.push(Dynamo.commit(update));
  }
  if (!sumsToZero(allDeltas)) throw new Error(`command ${commandID} does not sum to zero`);
  return { items, updates };
}

async function accountsOf(ids: string[]): Promise<Map<string, Account>> {
  const found = await Promise.all([...new Set(ids)].map(async (id) => [id, await describe(id)] as const));
  const missing = found.filter(([, a]) => !a).map(([id]) => id);
  if (missing.length) throw input("ledger.account_not_found", "transfers", `No ledger account ${missing.join(", ")}`);
  return new Map(found as [string, Account][]);
}

const shardOf = (a: Account) => (a.shards > 1 ? Math.floor(Math.random() * a.shards) : 0);

/** An entity to anchor a transaction of prepared commits on (any of the table's entities will do). */
export const anchor = accountEntity;

/**
 * Runs a command alone, as one transaction: at most once per command id (a retry with the same
 * content returns the first result, other content under the same id is a CONFLICT).
 */
export async function post(command: Command): Promise<Posted> {
  const prepared = await prepare(command);
  if (prepared.replayed) return prepared.result;
  const rejected = await Dynamo.transact(await accountEntity(), prepared.commits);
  if (rejected === -1) return prepared.result;
  const error = prepared.explain(rejected);
  if (error) throw error;
  // a twin of this command committed first
  return (await replayOf(command.commandID, hashOf(command))) as Posted;
}

/** Posts or voids one pending transfer, at most once (its status changes in the same transaction). */
export async function settle(command: { commandID: string; pendingID: string; action: "post" | "void"; ref?: string }): Promise<Posted> {
  const { pendingID, action, ...rest } = command;
  try {
    return await post({ ...rest, settle: [{ pendingID, action }] });
  } catch (e) {
    // the same settle retried after it succeeded: its first result
    if ((e as { code?: string }).code === "ledger.already_settled") {
      const done = await replayOf(command.commandID, hashOf({ ...rest, settle: [{ pendingID, action }] })).catch(() => undefined);
      if (done) return done;
    }
    throw e;
  }
}

export interface Credited {
  accountID: string;
  ownerID: string;
  kind: string;
  /** When it was last credited: the token `settle` needs, so a newer credit keeps it on the index. */
  creditedAt: string;
}

/** "Credited accounts", oldest credit first, a page at a time (the payout run's selection). */
export async function credited(opts: { limit?: number; cursor?: string | null } = {}) {
  const page = await (await accountEntity()).query.credited({ credited: "yes" }).go({ limit: opts.limit ?? 25, cursor: opts.cursor ?? null });
  return {
    items: page.data.map((a) => ({ accountID: a.accountID, ownerID: a.ownerID, kind: a.kind, creditedAt: a.creditedAt as string })) satisfies Credited[],
    cursor: page.cursor,
  };
}

/** Puts a watched account on the "credited accounts" index as if just credited (its owner changed what decides about it, e.g. a payout method). */
export async function touch(accountID: string): Promise<void> {
  await (await accountEntity())
    .patch({ accountID, shard: 0 })
    .set({ credited: "yes", creditedAt: Clock.iso() })
    .where((a, op) => op.eq(a.watch, true))
    .go()
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}

/**
 * Takes an account off the "credited accounts" index: someone looked at it after its credit of
 * `creditedAt`. Only if nothing was credited since (a newer credit keeps it there); true when it left.
 */
export async function seen(accountID: string, creditedAt: string): Promise<boolean> {
  return (await accountEntity())
    .patch({ accountID, shard: 0 })
    .set({ credited: "no", creditedAt })
    .where((a, op) => `${op.eq(a.credited, "yes")} AND ${op.eq(a.creditedAt, creditedAt)}`)
    .go()
    .then(() => true)
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
      return false;
    });
}

/** An account's lines from `since` (inclusive) on, oldest first, every page: a statement (bounded by the activity since). */
export async function linesSince(accountID: string, since: string) {
  return (await (await lineEntity()).query.byAccount({ accountID }).gte({ at: since }).go({ pages: "all" })).data;
}

/** An account's lines (statement, movements), newest first, a page at a time. */
export async function lines(accountID: string, opts: { limit?: number; cursor?: string | null; since?: string } = {}) {
  const q = (await lineEntity()).query.byAccount({ accountID });
  const page = await (opts.since ? q.gte({ at: opts.since }) : q).go({ order: "desc", limit: opts.limit ?? 50, cursor: opts.cursor ?? null });
  return { items: page.data, cursor: page.cursor };
}

export interface AccountView extends BalanceView {
  kind: string;
  ownerID: string;
}

/** Every account with its balance (shards summed), by id: ops views and the check. Reads the "every ledger account" index. */
export async function accounts(): Promise<AccountView[]> {
  const all = (await (await accountEntity()).query.all({}).go({ pages: "all" })).data;
  const byID = new Map<string, AccountView>();
  for (const s of all) {
    const a = byID.get(s.accountID) ?? { accountID: s.accountID, kind: s.kind, ownerID: s.ownerID, ...ZERO, available: 0 };
    a.debitsPosted += s.debitsPosted;
    a.creditsPosted += s.creditsPosted;
    a.debitsPending += s.debitsPending;
    a.creditsPending += s.creditsPending;
    a.available += s.available;
    byID.set(s.accountID, a);
  }
  return [...byID.values()];
}

export interface Difference {
  accountID: string;
  stored: Balance;
  fromEntries: Balance;
}

/**
 * The ledger check: every account's balance recomputed from its lines, and the whole ledger's
 * debits against its credits. Reads every account (an ops job, never a request path).
 */
export async function check(): Promise<{ accounts: number; differences: Difference[]; total: Balance }> {
  const all = await accounts();
  const lines = await lineEntity();
  const differences: Difference[] = [];
  const total = { ...ZERO };
  for (const stored of all) {
    const { accountID } = stored;
    const entries = (await lines.query.byAccount({ accountID }).go({ pages: "all" })).data;
    const fromEntries = { ...ZERO };
    for (const l of entries) {
      const posted = l.side === "debit" ? "debitsPosted" : "creditsPosted";
      const pending = l.side === "debit" ? "debitsPending" : "creditsPending";
      if (l.movement === "post") fromEntries[posted] += l.amount;
      if (l.movement === "hold") fromEntries[pending] += l.amount;
      if (l.movement === "post_pending") {
        fromEntries[pending] -= l.amount;
        fromEntries[posted] += l.amount;
      }
      if (l.movement === "void_pending") fromEntries[pending] -= l.amount;
    }
    const keys = ["debitsPosted", "creditsPosted", "debitsPending", "creditsPending"] as const;
    if (keys.some((k) => stored[k] !== fromEntries[k])) differences.push({ accountID, stored, fromEntries });
    for (const k of keys) total[k] += stored[k];
  }
  return { accounts: all.length, differences, total };
}
