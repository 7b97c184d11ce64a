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
}

/** Opens an account (idempotent: opening it again returns it unchanged). */
export async function open(account: Omit<Account, "shards"> & { shards?: number }): Promise<Account> {
  const shards = account.shards ?? 1;
  const entity = await accountEntity();
  const createdAt = Clock.iso();
  for (let shard = 0; shard < shards; shard++) {
    await entity
      .create({ ...account, shards, shard, createdAt })
      .go()
      .catch((e: unknown) => {
        if (!isConditionFailure(e)) throw e;
      });
  }
  return (await describe(account.accountID)) as Account;
}

async function describe(accountID: string): Promise<Account | undefined> {
  const found = (await (await accountEntity()).get({ accountID, shard: 0 }).go()).data;
  return found ? { accountID, kind: found.kind, ownerID: found.ownerID, normal: found.normal, overdraft: found.overdraft, shards: found.shards } : undefined;
}

export interface BalanceView extends Balance {
  accountID: string;
  available: Fen;
}

/** An account's balance: its shards summed. */
export async function balance(accountID: string): Promise<BalanceView> {
  const shards = (await (await accountEntity()).query.byAccount({ accountID }).go({ pages: "all" })).data;
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
  /** A two-phase hold: the payer's available shrinks now; `settle` later posts or voids it. */
  pending?: boolean;
}

export interface Posted {
  commandID: string;
  postingID: string;
  transferIDs: string[];
}

const hashOf = (content: unknown) => createHash("sha256").update(JSON.stringify(content)).digest("base64url");

interface PlannedLeg extends Leg {
  transferID: string;
  debitShard: number;
  creditShard: number;
  pendingID?: string;
  status: "posted" | "pending";
}

/**
 * Runs a command's legs as one transaction. A retry of the same command id with the same content
 * returns the first result; the same id with other content is a CONFLICT. `extra` items (a
 * pending transfer's status change) join the transaction after the command record.
 */
async function execute(
  commandID: string,
  content: unknown,
  legs: PlannedLeg[],
  accounts: Map<string, Account>,
  clawback: boolean,
  extra: Dynamo.Commit[] = [],
): Promise<Posted> {
  const hash = hashOf(content);
  const commands = await commandEntity();
  const replay = async (): Promise<Posted | undefined> => {
    const found = (await commands.get({ commandID }).go()).data;
    if (!found) return undefined;
    if (found.hash !== hash) throw conflict("ledger.command_conflict", "This command id was used for a different command");
    return JSON.parse(found.result) as Posted;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const postingID = Id.create("posting");
  const result: Posted = { commandID, postingID, transferIDs: legs.map((l) => l.transferID) };
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
  const commits: Dynamo.Commit[] = [Dynamo.commit(commands.create({ commandID, hash, result: JSON.stringify(result), at })), ...extra];
  for (const leg of legs) {
    const { transferID, debit, credit, debitShard, creditShard, amount, movement, pendingID, status } = leg;
    commits.push(
      Dynamo.commit(transfers.create({ transferID, postingID, commandID, debit, credit, debitShard, creditShard, amount, movement, pendingID, status, at })),
    );
    commits.push(Dynamo.commit(lines.create({ accountID: debit, at, transferID, side: "debit", amount, movement })));
    commits.push(Dynamo.commit(lines.create({ accountID: credit, at, transferID, side: "credit", amount, movement })));
  }
  const updates: { accountID: string; index: number }[] = [];
  const allDeltas: Delta[] = [];
  for (const slot of byShard.values()) {
    const normal = (accounts.get(slot.accountID) as Account).normal;
    let d: Delta = { ...ZERO, available: 0 };
    for (const l of slot.legs) {
      if (l.debit === slot.accountID && l.debitShard === slot.shard) d = plus(d, sideDelta("debit", l.amount, l.movement, normal));
      if (l.credit === slot.accountID && l.creditShard === slot.shard) d = plus(d, sideDelta("credit", l.amount, l.movement, normal));
    }
    allDeltas.push(d);
    const account = accounts.get(slot.accountID) as Account;
    const guarded = d.available < 0 && (account.overdraft === "never" || (account.overdraft === "clawback" && !clawback));
    const changes = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== 0)) as Partial<Delta>;
    const update = accountsE
      .patch({ accountID: slot.accountID, shard: slot.shard })
      .add(changes)
      .where((a, op) => (guarded ? op.gte(a.available, -d.available) : op.exists(a.accountID)));
    updates.push({ accountID: slot.accountID, index: commits.length });
    commits.push(Dynamo.commit(update));
  }
  if (!sumsToZero(allDeltas)) throw new Error(`command ${commandID} does not sum to zero`);
  const rejected = await Dynamo.transact(accountsE, commits);
  if (rejected === -1) return result;
  if (rejected === 0) return (await replay()) as Posted;
  const overdrawn = updates.find((u) => u.index === rejected);
  if (overdrawn) throw conflict("ledger.insufficient_funds", "Not enough available balance", { account: overdrawn.accountID });
  if (extra.length && rejected <= extra.length) throw conflict("ledger.already_settled", "This hold was posted or voided already");
  throw new Error(`command ${commandID} failed on item ${rejected}`);
}

async function accountsOf(ids: string[]): Promise<Map<string, Account>> {
  const found = await Promise.all([...new Set(ids)].map(async (id) => [id, await describe(id)] as const));
  const missing = found.filter(([, a]) => !a).map(([id]) => id);
  if (missing.length) throw input("ledger.account_not_found", "transfers", `No ledger account ${missing.join(", ")}`);
  return new Map(found as [string, Account][]);
}

const shardOf = (a: Account) => (a.shards > 1 ? Math.floor(Math.random() * a.shards) : 0);

/**
 * Posts transfers (or places holds) as one command. `clawback` lets a payee's account go negative
 * (a refund after release), and only through such a posting.
 */
export async function post(command: { commandID: string; transfers: TransferInput[]; clawback?: boolean }): Promise<Posted> {
  if (!command.transfers.length || command.transfers.length > MAX_TRANSFERS) throw input("ledger.transfers", "transfers", `1 to ${MAX_TRANSFERS} transfers`);
  for (const t of command.transfers) {
    const problem = legProblem(t);
    if (problem) throw input("ledger.transfer_invalid", "transfers", problem);
  }
  const accounts = await accountsOf(command.transfers.flatMap((t) => [t.debit, t.credit]));
  const legs: PlannedLeg[] = command.transfers.map((t) => ({
    transferID: Id.create("transfer"),
    debit: t.debit,
    credit: t.credit,
    amount: t.amount,
    movement: (t.pending ? "hold" : "post") as Movement,
    status: t.pending ? "pending" : "posted",
    debitShard: shardOf(accounts.get(t.debit) as Account),
    creditShard: shardOf(accounts.get(t.credit) as Account),
  }));
  return execute(command.commandID, { kind: "post", ...command }, legs, accounts, command.clawback ?? false);
}

/** Posts or voids a pending transfer, at most once (its status changes in the same transaction). */
export async function settle(command: { commandID: string; pendingID: string; action: "post" | "void" }): Promise<Posted> {
  const transfers = await transferEntity();
  const pending = (await transfers.get({ transferID: command.pendingID }).go()).data;
  if (pending?.movement !== "hold") throw notFound("ledger.pending_not_found");
  const accounts = await accountsOf([pending.debit, pending.credit]);
  const content = { kind: "settle", ...command };
  if (pending.status !== "pending") {
    const done = (await (await commandEntity()).get({ commandID: command.commandID }).go()).data;
    if (done?.hash === hashOf(content)) return JSON.parse(done.result) as Posted;
    throw conflict("ledger.already_settled", "This hold was posted or voided already");
  }
  const leg: PlannedLeg = {
    transferID: Id.create("transfer"),
    debit: pending.debit,
    credit: pending.credit,
    amount: pending.amount,
    movement: command.action === "post" ? "post_pending" : "void_pending",
    status: "posted",
    pendingID: pending.transferID,
    debitShard: pending.debitShard,
    creditShard: pending.creditShard,
  };
  const close = Dynamo.commit(
    transfers
      .patch({ transferID: pending.transferID })
      .set({ status: command.action === "post" ? "settled" : "voided" })
      .where((a, op) => op.eq(a.status, "pending")),
  );
  return execute(command.commandID, content, [leg], accounts, false, [close]);
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
  const all = (await (await accountEntity()).query.all({}).go({ pages: "all" })).data;
  const ids = [...new Set(all.map((a) => a.accountID))];
  const lines = await lineEntity();
  const differences: Difference[] = [];
  const total = { ...ZERO };
  for (const accountID of ids) {
    const stored = await balance(accountID);
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
  return { accounts: ids.length, differences, total };
}
