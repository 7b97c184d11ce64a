import { createHash } from "node:crypto";
import { z } from "zod/mini";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure, notFound, VisibleError } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "../ledger/index.js";
import { type Booking, type Contract, Market } from "../market/index.js";
import type { Fen } from "../money/index.js";
import { Payee } from "../payee/index.js";
import { Tenant } from "../tenant/index.js";
import { Wallet } from "../wallet/index.js";
import { type CommissionTerms, commissionOn, type Split, split } from "./commission.js";
import { bookingMoneyEntity, saleLineEntity } from "./entity.js";
import { type JsonRow, MAX_ROWS, type Parsed, PLATFORMS, type Platform, parseFile, parseRows, type RowError, type SaleRow } from "./parse.js";

export { baseOf, commissionOn, split } from "./commission.js";
export * as Sale from "./index.js";
export { amount, decode, detect, instant, PLATFORMS, type Platform, parseFile, parseRows, type RowError, type SaleRow } from "./parse.js";

/*
 * A booked session's sales and what they earn. A brand imports the session's order lines (a
 * platform's CSV export or JSON rows); each line is kept once per (platform, line id) and a
 * changed row is its next revision. The booking's commission is then recomputed from all its
 * lines — a pure function of them and the contract — and only the difference from what was
 * posted goes to the ledger, in one command with the booking's money record (so a recomputation
 * happens once per version, however many race). A line's commission is pending until its
 * return window closes, then released to the payees' earned accounts; a refund after release is
 * a clawback.
 */

/** Days after receipt until a line's return window closes, per platform (both platforms' standard 7-day no-reason return). */
export const RETURN_WINDOW_DAYS: Record<Platform, number> = { douyin: 7, tiktok: 7 };
/** When the export has no received time: days after payment. */
export const UNRECEIVED_DAYS = 15;
/** A line counts for a session when paid from this long before its start to this long after its end (late payment of an order placed live, a pre-heat). */
export const GRACE_HOURS = 2;

const DAY_MS = 86_400_000;
const MAX_REVISIONS = 20;

export interface Line extends SaleRow {
  bookingID: string;
  platform: Platform;
  releaseAt: string;
  contractVersion: number;
  revision: number;
  hash: string;
  revisions: { revision: number; paidFen: Fen; refundedFen: Fen; status: string; at: string; importID: string }[];
  importID: string;
  updatedAt: string;
}

export interface Shares {
  host: Fen;
  agency: Fen;
  platform: Fen;
}

export interface Money {
  bookingID: string;
  brandID: string;
  hostID: string;
  agencyID?: string;
  title: string;
  hostName?: string;
  startsAt: string;
  version: number;
  pending: Shares;
  released: Shares;
  slotFee?: Shares;
  lines: number;
  gmvFen: Fen;
  refundedFen: Fen;
  commissionFen: Fen;
  releasedFen: Fen;
  clawedBackFen: Fen;
  nextReleaseAt?: string;
  shortFen?: Fen;
  updatedAt: string;
}

const NONE: Shares = { host: 0, agency: 0, platform: 0 };
const PAYEES = ["host", "agency", "platform"] as const;

/** The figures of a line that count (what a revision changes). */
const hashOf = (l: SaleRow) =>
  createHash("sha256")
    .update(JSON.stringify([l.paidFen, l.refundedFen, l.status, l.paidAt, l.receivedAt ?? null, l.currency]))
    .digest("base64url")
    .slice(0, 22);

/** The contract version in force at `at`: the last accepted at or before it (version 1 before any). */
export function versionAt(contracts: Contract[], at: string): Contract {
  let found = contracts[0] as Contract;
  for (const c of contracts) if (c.acceptedAt <= at) found = c;
  return found;
}

/** When a line's commission becomes available: received + the platform's window, else paid + 15 days. */
export function releaseAtOf(platform: Platform, l: Pick<SaleRow, "paidAt" | "receivedAt">): string {
  return l.receivedAt
    ? new Date(Date.parse(l.receivedAt) + RETURN_WINDOW_DAYS[platform] * DAY_MS).toISOString()
    : new Date(Date.parse(l.paidAt) + UNRECEIVED_DAYS * DAY_MS).toISOString();
}

type Figures = Pick<Line, "paidFen" | "refundedFen" | "contractVersion">;

/**
 * A booking's commission on a set of lines, pure: per contract version, its rate and marginal
 * tiers on the GMV (paid − refunded) paid under it, summed. More GMV never earns less.
 */
export function commissionOf(lines: Figures[], contracts: Contract[]): Fen {
  const base = new Map<number, number>();
  for (const l of lines) base.set(l.contractVersion, (base.get(l.contractVersion) ?? 0) + Math.max(0, l.paidFen - l.refundedFen));
  let total = 0;
  for (const [version, gmv] of base) {
    const c = contracts.find((x) => x.version === version) ?? (contracts.at(-1) as Contract);
    total += commissionOn(gmv, c.terms as CommissionTerms);
  }
  return total;
}

const asShares = (s: Split): Shares => ({ host: s.host, agency: s.agency, platform: s.platform });

/**
 * What each payee should hold for a booking now: released = the split of the commission on the
 * lines whose window closed; pending = the split of all lines' commission minus that. Each split
 * part grows with the commission (see `split`), so pending is never negative.
 */
export function targets(lines: (Figures & { releaseAt: string })[], contracts: Contract[], rates: Payee.Rates, nowIso: string) {
  const r = { platformFeeBps: rates.platformFeeBps, agencyShareBps: rates.agency?.shareBps ?? 0 };
  const all = commissionOf(lines, contracts);
  const due = commissionOf(
    lines.filter((l) => l.releaseAt <= nowIso),
    contracts,
  );
  const released = asShares(split(due, r));
  const total = asShares(split(all, r));
  const pending = { host: total.host - released.host, agency: total.agency - released.agency, platform: total.platform - released.platform };
  return { commissionFen: all, releasedFen: due, released, pending };
}

const payeeOf = (b: Booking, p: (typeof PAYEES)[number]) => (p === "host" ? b.hostID : p === "agency" ? (b.money?.agency?.agencyID as string) : Payee.PLATFORM);

/**
 * The ledger transfers that take a booking's money from `from` to `to` (per payee: pending and
 * released): wallet → pending for new commission, pending → wallet for a refund inside the
 * window, pending → earned for a release, earned → wallet (a clawback) for a refund after it.
 */
export function transfersFor(
  b: Booking,
  from: { pending: Shares; released: Shares },
  to: { pending: Shares; released: Shares },
): { transfers: Ledger.TransferInput[]; clawback: boolean } {
  const wallet = Wallet.accountOf(b.brandID);
  const transfers: Ledger.TransferInput[] = [];
  let clawback = false;
  for (const p of PAYEES) {
    const dRel = to.released[p] - from.released[p];
    const dPend = to.pending[p] - from.pending[p];
    if (!dRel && !dPend) continue;
    const id = payeeOf(b, p);
    const pending = Payee.pendingOf(id);
    const earned = Payee.earnedOf(id);
    const intoPending = dPend + Math.max(dRel, 0);
    if (intoPending > 0) transfers.push({ debit: wallet, credit: pending, amount: intoPending, memo: "commission" });
    if (intoPending < 0) transfers.push({ debit: pending, credit: wallet, amount: -intoPending, memo: "refund" });
    if (dRel > 0) transfers.push({ debit: pending, credit: earned, amount: dRel, memo: "release" });
    if (dRel < 0) {
      transfers.push({ debit: earned, credit: wallet, amount: -dRel, memo: "clawback" });
      clawback = true;
    }
  }
  return { transfers, clawback };
}

async function readMoney(bookingID: string): Promise<Money | undefined> {
  const found = (await (await bookingMoneyEntity()).get({ bookingID }).go()).data;
  if (!found) return undefined;
  const { agencyID, nextReleaseAt, ...rest } = found;
  return {
    ...(rest as Omit<Money, "agencyID" | "nextReleaseAt">),
    agencyID: agencyID === "-" ? undefined : agencyID,
    nextReleaseAt: nextReleaseAt === "-" ? undefined : nextReleaseAt,
  };
}

const initialMoney = (b: Booking): Money => ({
  bookingID: b.bookingID,
  brandID: b.brandID,
  hostID: b.hostID,
  agencyID: b.money?.agency?.agencyID,
  title: b.title,
  hostName: b.hostName,
  startsAt: b.startsAt,
  version: 0,
  pending: NONE,
  released: NONE,
  lines: 0,
  gmvFen: 0,
  refundedFen: 0,
  commissionFen: 0,
  releasedFen: 0,
  clawedBackFen: 0,
  updatedAt: Clock.iso(),
});

/** The money record's next state, under a condition on the version read (or on being new). */
async function writeMoney(before: Money | undefined, next: Money): Promise<Dynamo.Commit> {
  const entity = await bookingMoneyEntity();
  const { nextReleaseAt, shortFen, agencyID, slotFee, ...rest } = next;
  const item = { ...rest, agencyID: agencyID ?? "-", nextReleaseAt: nextReleaseAt ?? "-", ...(shortFen ? { shortFen } : {}), ...(slotFee ? { slotFee } : {}) };
  return before ? Dynamo.commit(entity.put(item).where((a, op) => op.eq(a.version, before.version))) : Dynamo.commit(entity.create(item));
}

export async function linesOf(bookingID: string): Promise<Line[]> {
  return (await (await saleLineEntity()).query.byBooking({ bookingID }).go({ pages: "all" })).data as Line[];
}

const opened = new Set<string>();
async function openPayees(b: Booking): Promise<void> {
  const wanted: [string, Payee.Kind][] = [
    [b.hostID, "host"],
    [Payee.PLATFORM, "platform"],
  ];
  if (b.money?.agency) wanted.push([b.money.agency.agencyID, "agency"]);
  for (const [id, kind] of wanted) {
    const key = `${Dynamo.table()}:${id}`;
    if (opened.has(key)) continue;
    await Payee.open(id, kind);
    opened.add(key);
  }
  await Wallet.ensure(b.brandID);
}

export interface Recomputed {
  money: Money;
  posted: boolean;
  /** Commission the brand's wallet couldn't cover (nothing posted; the release job tries again). */
  shortFen: Fen;
}

/**
 * Brings a booking's commission up to date with its lines and the clock: posts the difference
 * between what each payee should hold and what was posted, with the money record, as one
 * command. Safe to call any number of times, concurrently: a version posts once; a racing
 * recomputation re-reads and finds nothing (or only the rest) to do.
 */
export async function recompute(bookingID: string): Promise<Recomputed> {
  for (let attempt = 1; ; attempt++) {
    const b = await Market.loadBooking(bookingID);
    if (!b) throw notFound("booking.not_found");
    const before = await readMoney(bookingID);
    const current = before ?? initialMoney(b);
    const lines = await linesOf(bookingID);
    const nowIso = Clock.iso();
    const t = targets(lines, b.contracts, b.money ?? { platformFeeBps: Payee.DEFAULT_PLATFORM_FEE_BPS }, nowIso);
    const { transfers, clawback } = transfersFor(b, current, t);
    const clawed = PAYEES.reduce((s, p) => s + Math.max(0, current.released[p] - t.released[p]), 0);
    const upcoming = lines.map((l) => l.releaseAt).filter((r) => r > nowIso);
    const next: Money = {
      ...current,
      version: current.version + 1,
      pending: t.pending,
      released: t.released,
      lines: lines.length,
      gmvFen: lines.reduce((s, l) => s + l.paidFen, 0),
      refundedFen: lines.reduce((s, l) => s + l.refundedFen, 0),
      commissionFen: t.commissionFen,
      releasedFen: t.releasedFen,
      clawedBackFen: current.clawedBackFen + clawed,
      nextReleaseAt: upcoming.sort()[0],
      shortFen: undefined,
      updatedAt: nowIso,
    };
    const sameRecord =
      before &&
      !transfers.length &&
      before.nextReleaseAt === next.nextReleaseAt &&
      !before.shortFen &&
      before.lines === next.lines &&
      before.gmvFen === next.gmvFen;
    if (sameRecord) return { money: before, posted: false, shortFen: 0 };
    const write = await writeMoney(before, next);
    if (!transfers.length) {
      const rejected = await Dynamo.transact(await bookingMoneyEntity(), [write]);
      if (rejected === -1) return { money: next, posted: false, shortFen: 0 };
      if (attempt < 20) continue;
      throw conflict("sale.busy", "The booking's sales are being updated. Try again.");
    }
    await openPayees(b);
    // a racing recomputation that posted this version first (from other lines: a conflict, or the same: a replay) — read again
    const prepared = await Ledger.prepare({ commandID: `commission:${bookingID}:${next.version}`, ref: bookingID, transfers, clawback }).catch((e: unknown) => {
      if ((e as { code?: string }).code === "ledger.command_conflict") return undefined;
      throw e;
    });
    if (!prepared || prepared.replayed) {
      if (attempt < 20) continue;
      throw conflict("sale.busy", "The booking's sales are being updated. Try again.");
    }
    const rejected = await Dynamo.transact(await bookingMoneyEntity(), [write, ...prepared.commits]);
    if (rejected === -1) return { money: next, posted: true, shortFen: 0 };
    if (rejected === 0 || rejected === 1) {
      // another recomputation won this version: read again
      if (attempt < 20) continue;
      throw conflict("sale.busy", "The booking's sales are being updated. Try again.");
    }
    const error = prepared.explain(rejected - 1);
    if (
      (error as { code?: string } | undefined)?.code === "ledger.insufficient_funds" &&
      (error as VisibleError).fields?.account === Wallet.accountOf(b.brandID)
    ) {
      const need = transfers.filter((x) => x.debit === Wallet.accountOf(b.brandID)).reduce((s, x) => s + x.amount, 0);
      const back = transfers.filter((x) => x.credit === Wallet.accountOf(b.brandID)).reduce((s, x) => s + x.amount, 0);
      const shortFen = need - back;
      // remember the shortfall and ask the release job to try again soon (an hour), nothing else changes
      const owed = { ...current, version: current.version + 1, shortFen, nextReleaseAt: new Date(Clock.now() + 3_600_000).toISOString(), updatedAt: nowIso };
      const r = await Dynamo.transact(await bookingMoneyEntity(), [await writeMoney(before, owed)]);
      if (r !== -1 && attempt < 20) continue;
      return { money: owed, posted: false, shortFen };
    }
    throw error ?? new Error(`commission for ${bookingID} failed on item ${rejected}`);
  }
}

/**
 * The release job: every booking whose next release time has come (the "holds by release time"
 * index, oldest first, no Scan) is recomputed, which releases the lines now due.
 */
export async function releaseDue(limit = 200): Promise<{ bookings: number; posted: number }> {
  const due = await (await bookingMoneyEntity()).query.toRelease({}).lte({ nextReleaseAt: Clock.iso() }).go({ limit });
  let posted = 0;
  for (const m of due.data) if ((await recompute(m.bookingID)).posted) posted++;
  return { bookings: due.data.length, posted };
}

/**
 * The slot fee, when a session completed: the hold posts to escrow and escrow pays the payees
 * their split, in one command (its id is the booking's, so a repeated delivery posts nothing
 * again), with the money record.
 */
export async function settleSlotFee(bookingID: string): Promise<"posted" | "none" | "already"> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const b = await Market.loadBooking(bookingID);
    const hold = b?.money?.hold;
    if (b?.status !== "completed" || !hold) return "none";
    const before = await readMoney(bookingID);
    if (before?.slotFee) return "already";
    await openPayees(b);
    const parts = asShares(
      split(hold.amountFen, { platformFeeBps: b.money?.platformFeeBps ?? Payee.DEFAULT_PLATFORM_FEE_BPS, agencyShareBps: b.money?.agency?.shareBps ?? 0 }),
    );
    const transfers = PAYEES.filter((p) => parts[p] > 0).map((p) => ({
      debit: Wallet.ESCROW,
      credit: Payee.earnedOf(payeeOf(b, p)),
      amount: parts[p],
      memo: "slot_fee",
    }));
    // a racing delivery that settled the hold first: this one has nothing left to do
    const prepared = await Ledger.prepare({
      commandID: `slot_fee:${bookingID}:post`,
      ref: bookingID,
      settle: [{ pendingID: hold.transferID, action: "post" }],
      transfers,
    }).catch((e: unknown) => {
      if ((e as { code?: string }).code === "ledger.already_settled") return undefined;
      throw e;
    });
    if (!prepared || prepared.replayed) return "already";
    const current = before ?? initialMoney(b);
    const write = await writeMoney(before, { ...current, version: current.version + 1, slotFee: parts, updatedAt: Clock.iso() });
    const rejected = await Dynamo.transact(await bookingMoneyEntity(), [write, ...prepared.commits]);
    if (rejected === -1) return "posted";
    if (rejected === 0 || rejected === 1) continue;
    const error = prepared.explain(rejected - 1);
    if ((error as { code?: string } | undefined)?.code === "ledger.already_settled") return "already";
    throw error ?? new Error(`slot fee for ${bookingID} failed on item ${rejected}`);
  }
  throw new Error(`slot fee for ${bookingID}: too many races`);
}

// ——— import ———

const base64 = z.string().check(z.maxLength(Math.ceil((4 * 1024 * 1024 * 4) / 3) + 4, "Files up to 4 MB"), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, "Not a file"));
const JsonRowSchema = z.object({
  orderID: z.string().check(z.maxLength(64)),
  lineID: z.string().check(z.maxLength(64)),
  productName: z.optional(z.string().check(z.maxLength(200))),
  paidFen: z.int(),
  refundedFen: z.optional(z.int()),
  currency: z.optional(z.string().check(z.maxLength(8))),
  status: z.optional(z.string().check(z.maxLength(40))),
  paidAt: z.string().check(z.maxLength(40)),
  receivedAt: z.optional(z.string().check(z.maxLength(40))),
});

export const ImportSchema = z.object({
  bookingID: Id.schema("booking", "booking"),
  platform: z.optional(z.enum(PLATFORMS)),
  /** A CSV export, base64 (UTF-8 with or without BOM, or GB18030). */
  file: z.optional(base64),
  /** Or rows from the brand's own integration. */
  rows: z.optional(z.array(JsonRowSchema).check(z.maxLength(MAX_ROWS, `At most ${MAX_ROWS} rows`))),
  /** Import the valid rows even when some are rejected (the preview lists them). Without it a file with any bad row imports nothing. */
  skipRejected: z.optional(z.boolean()),
});
export type ImportInput = z.output<typeof ImportSchema>;

export interface Preview {
  platform: Platform;
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  rejected: RowError[];
  /** Paid and refunded over the accepted rows (fen). */
  paidFen: Fen;
  refundedFen: Fen;
  /** The booking's commission before and after this import (all of it, pending and released). */
  commissionBeforeFen: Fen;
  commissionAfterFen: Fen;
  walletAvailableFen: Fen;
  /** The first accepted rows as they will be kept (at most 20). */
  sample: SaleRow[];
}

interface Plan {
  booking: Booking;
  parsed: Parsed;
  rejected: RowError[];
  writes: { line: Line; before?: Line }[];
  unchanged: number;
  preview: Preview;
}

/** A brand's member may import a booked session's sales once the session has started; a cancelled session or a no-show has none. */
async function bookingForImport(bookingID: string): Promise<Booking> {
  const b = await Market.loadBooking(bookingID);
  if (!b || !Tenant.canSee({ kind: "brand", id: b.brandID })) throw Tenant.hidden("booking.not_found");
  if (b.status === "cancelled" || b.status === "no_show")
    throw conflict("sale.no_session", `This booking is ${b.status === "cancelled" ? "cancelled" : "a no-show"}: it has no sales`);
  if (Date.parse(b.startsAt) > Clock.now()) throw conflict("sale.not_started", "Sales are imported once the session has started");
  return b;
}

async function plan(input: ImportInput): Promise<Plan> {
  if (!input.file === !input.rows) throw new VisibleError("input", "sale.source", "Send a file or rows", { file: "Upload a CSV export or send rows" });
  const b = await bookingForImport(input.bookingID);
  let parsed: Parsed;
  if (input.file !== undefined) parsed = parseFile(Buffer.from(input.file, "base64"), input.platform);
  else {
    if (!input.platform) throw new VisibleError("input", "sale.platform", "Say which platform the rows are from", { platform: "douyin or tiktok" });
    parsed = parseRows(input.platform, input.rows as JsonRow[]);
  }
  const from = new Date(Date.parse(b.startsAt) - GRACE_HOURS * 3_600_000).toISOString();
  const to = new Date(Date.parse(b.endsAt) + GRACE_HOURS * 3_600_000).toISOString();
  const rejected = [...parsed.errors];
  const accepted: SaleRow[] = [];
  const paidColumn = input.file ? undefined : "paidAt";
  for (const { row, line } of parsed.rows) {
    if (line.paidAt < from || line.paidAt > to) {
      rejected.push({
        row,
        column: paidColumn ?? paidColumnOf(parsed.platform),
        reason: `Paid outside this session (from ${GRACE_HOURS} h before its start to ${GRACE_HOURS} h after its end)`,
      });
      continue;
    }
    accepted.push(line);
  }
  rejected.sort((a, c) => a.row - c.row);
  const stored = await linesOf(b.bookingID);
  const existing = new Map(stored.filter((l) => l.platform === parsed.platform).map((l) => [l.lineID, l]));
  const nowIso = Clock.iso();
  const importID = Id.create("request");
  const writes: Plan["writes"] = [];
  let unchanged = 0;
  for (const row of accepted) {
    const before = existing.get(row.lineID);
    const hash = hashOf(row);
    if (before?.hash === hash) {
      unchanged++;
      continue;
    }
    const revision = (before?.revision ?? 0) + 1;
    // a line whose window has closed keeps its release time: released money isn't taken back by a late receipt
    const releaseAt = before && before.releaseAt <= nowIso ? before.releaseAt : releaseAtOf(parsed.platform, row);
    const line: Line = {
      ...row,
      bookingID: b.bookingID,
      platform: parsed.platform,
      releaseAt,
      contractVersion: versionAt(b.contracts, row.paidAt).version,
      revision,
      hash,
      revisions: [
        ...(before?.revisions ?? []),
        { revision, paidFen: row.paidFen, refundedFen: row.refundedFen, status: row.status, at: nowIso, importID },
      ].slice(-MAX_REVISIONS),
      importID,
      updatedAt: nowIso,
    };
    writes.push({ line, before });
  }
  const all = new Map(stored.map((l) => [`${l.platform}:${l.lineID}`, l as Figures]));
  const commissionBeforeFen = commissionOf([...all.values()], b.contracts);
  for (const w of writes) all.set(`${w.line.platform}:${w.line.lineID}`, w.line);
  const wallet = await Ledger.balance(Wallet.accountOf(b.brandID), { missing: "zero" });
  return {
    booking: b,
    parsed,
    rejected,
    writes,
    unchanged,
    preview: {
      platform: parsed.platform,
      rows: parsed.rows.length + parsed.errors.length,
      new: writes.filter((w) => !w.before).length,
      changed: writes.filter((w) => w.before).length,
      unchanged,
      rejected: rejected.slice(0, 500),
      paidFen: accepted.reduce((s, l) => s + l.paidFen, 0),
      refundedFen: accepted.reduce((s, l) => s + l.refundedFen, 0),
      commissionBeforeFen,
      commissionAfterFen: commissionOf([...all.values()], b.contracts),
      walletAvailableFen: wallet.available,
      sample: accepted.slice(0, 20),
    },
  };
}

const paidColumnOf = (p: Platform) => (p === "douyin" ? "付款时间" : "Order date");

/** What an import would do, writing nothing: new, changed and unchanged lines, every rejected row, the commission before and after. */
export const preview = fn(ImportSchema, async (input) => (await plan(input)).preview);

/** Per-row errors as a VisibleError's fields: `rows.<row>.<column>`, the first 100. */
function rowErrors(rejected: RowError[]): VisibleError {
  const fields = Object.fromEntries(rejected.slice(0, 100).map((e) => [`rows.${e.row}.${e.column}`, e.reason]));
  const more = rejected.length > 100 ? ` (first 100 of ${rejected.length} shown)` : "";
  return new VisibleError("input", "sale.rows_rejected", `${rejected.length} row(s) can't be imported${more}; nothing was imported`, fields);
}

/**
 * Imports a session's sales: new lines and new revisions of changed ones (each written under a
 * condition on the revision read, so two imports of one line make one revision each, in turn),
 * then the booking's commission is recomputed and only the difference posts. A file with any
 * rejected row imports nothing unless `skipRejected`; the same file again changes nothing.
 */
export const importSales = fn(ImportSchema, async (input) => {
  for (let attempt = 1; ; attempt++) {
    const p = await plan(input);
    if (p.rejected.length && (!input.skipRejected || p.rejected.some((e) => e.row === 1 && (e.column === "file" || e.column === "header"))))
      throw rowErrors(p.rejected);
    if (!p.writes.length && !p.preview.rows) throw new VisibleError("input", "sale.empty", "No order lines to import", { file: "The file has no order lines" });
    if (p.writes.length) {
      // first say a recomputation is owed (the release job finds it if this request dies before the end)
      await markOwed(p.booking);
      const lost = await writeLines(p.writes);
      if (lost && attempt < 5) continue;
      if (lost) throw conflict("sale.busy", "Another import of these lines is running. Try again.");
    }
    const r = await recompute(p.booking.bookingID);
    return {
      imported: p.writes.length,
      new: p.preview.new,
      changed: p.preview.changed,
      unchanged: p.unchanged,
      rejected: p.rejected.slice(0, 500),
      commissionFen: r.money.commissionFen,
      shortFen: r.shortFen,
    };
  }
});

async function markOwed(b: Booking): Promise<void> {
  const entity = await bookingMoneyEntity();
  const before = await readMoney(b.bookingID);
  const nowIso = Clock.iso();
  if (before?.nextReleaseAt && before.nextReleaseAt <= nowIso) return;
  const current = before ?? initialMoney(b);
  const write = await writeMoney(before, { ...current, version: current.version + 1, nextReleaseAt: nowIso, updatedAt: nowIso });
  await Dynamo.transact(entity, [write]);
}

/** Writes lines 16 at a time, each conditional on the revision it replaces; how many lost a race. */
async function writeLines(writes: Plan["writes"]): Promise<number> {
  const entity = await saleLineEntity();
  let lost = 0;
  let next = 0;
  const worker = async () => {
    while (next < writes.length) {
      const w = writes[next++] as Plan["writes"][number];
      const { receivedAt, productName, ...rest } = w.line;
      const item = { ...rest, ...(receivedAt ? { receivedAt } : {}), ...(productName ? { productName } : {}) };
      const op = w.before ? entity.put(item).where((a, o) => o.eq(a.revision, (w.before as Line).revision)) : entity.create(item);
      await op.go().catch((e: unknown) => {
        if (!isConditionFailure(e)) throw e;
        lost++;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, writes.length) }, worker));
  return lost;
}

/** A booking's money and its lines, for the brand's members and the host (the agency sees it through its share). */
export const ofBooking = fn(z.object({ bookingID: Id.schema("booking", "booking") }), async ({ bookingID }) => {
  const b = await Market.loadBooking(bookingID);
  if (!b) throw Tenant.hidden("booking.not_found");
  const brand = Tenant.canSee({ kind: "brand", id: b.brandID });
  const host = Tenant.canSee({ kind: "person", id: b.hostID });
  if (!brand && !host) throw Tenant.hidden("booking.not_found");
  const money = (await readMoney(bookingID)) ?? initialMoney(b);
  const lines = await linesOf(bookingID);
  return {
    money,
    hold: b.money?.hold,
    rates: { platformFeeBps: b.money?.platformFeeBps ?? Payee.DEFAULT_PLATFORM_FEE_BPS, agencyShareBps: b.money?.agency?.shareBps ?? 0 },
    lines: lines
      .sort((a, c) => a.paidAt.localeCompare(c.paidAt) || a.lineID.localeCompare(c.lineID))
      .slice(0, 1000)
      .map((l) => ({
        platform: l.platform,
        orderID: l.orderID,
        lineID: l.lineID,
        productName: l.productName,
        paidFen: l.paidFen,
        refundedFen: l.refundedFen,
        status: l.status,
        paidAt: l.paidAt,
        receivedAt: l.receivedAt,
        releaseAt: l.releaseAt,
        released: l.releaseAt <= money.updatedAt && money.version > 0,
        revision: l.revision,
      })),
    lineCount: lines.length,
  };
});

export { bookingMoneyEntity, readMoney, saleLineEntity };
