import { z } from "zod/mini";
import { Clock } from "../clock/index.js";
import { input } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Ledger } from "../ledger/index.js";
import { type Fen, Money } from "../money/index.js";
import { Payee } from "../payee/index.js";
import { Payout } from "../payout/index.js";
import { readMoney } from "../sale/index.js";
import { Tenant } from "../tenant/index.js";
import { Wallet } from "../wallet/index.js";

export * as Statement from "./index.js";

/*
 * Monthly statements from the ledger's lines: per account, the balance at the month's start
 * (China time), every movement in the month with the balance after it, and the balance at its
 * end, which is the ledger's balance at that cut-off. Payees get their available and pending
 * accounts; brands their wallet. Reads the lines since the month began (bounded by activity).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().check(z.regex(MONTH, "A month like 2026-11"));
const CHINA = 8 * 3_600_000;

/** The month's bounds in China time, as ISO instants: [from, to). */
export function bounds(month: string): { from: string; to: string } {
  const [, y, m] = MONTH.exec(month) as RegExpExecArray;
  const from = Date.UTC(Number(y), Number(m) - 1, 1) - CHINA;
  const to = Date.UTC(Number(y), Number(m), 1) - CHINA;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The month a moment falls in, China time ("2026-11"). */
export const monthOf = (ms: number) => new Date(ms + CHINA).toISOString().slice(0, 7);

export type Role = "available" | "pending" | "wallet";

export interface Movement {
  at: string;
  transferID: string;
  /** slot_fee, commission, release, refund, clawback, payout, payout_paid, payout_returned, top_up, slot_fee_hold … */
  memo: string;
  movement: "post" | "hold" | "post_pending" | "void_pending";
  /** + in, − out of the balance (0 for a hold placed or released: see heldFen). */
  amountFen: Fen;
  /** + a hold placed, − one released or posted. */
  heldFen: Fen;
  balanceFen: Fen;
  ref?: string;
  /** The booking's title when the movement is about a booking. */
  title?: string;
}

export interface AccountStatement {
  accountID: string;
  role: Role;
  openingFen: Fen;
  closingFen: Fen;
  openingHeldFen: Fen;
  closingHeldFen: Fen;
  inFen: Fen;
  outFen: Fen;
  movements: Movement[];
}

interface LineLike {
  at: string;
  transferID: string;
  side: "debit" | "credit";
  amount: number;
  movement: "post" | "hold" | "post_pending" | "void_pending";
  memo?: string;
  ref?: string;
}

/** What one line does to the balance (posted, on the normal side) and to what's held against it. */
export function effectOf(l: LineLike, normal: "credit" | "debit"): { posted: Fen; held: Fen } {
  const sign = l.side === normal ? 1 : -1;
  const against = l.side !== normal;
  switch (l.movement) {
    case "post":
      return { posted: sign * l.amount, held: 0 };
    case "hold":
      return { posted: 0, held: against ? l.amount : 0 };
    case "post_pending":
      return { posted: sign * l.amount, held: against ? -l.amount : 0 };
    case "void_pending":
      return { posted: 0, held: against ? -l.amount : 0 };
  }
}

async function accountStatement(accountID: string, role: Role, from: string, to: string, normal: "credit" | "debit" = "credit"): Promise<AccountStatement> {
  const [b, lines] = await Promise.all([Ledger.balance(accountID, { missing: "zero" }), Ledger.linesSince(accountID, from)]);
  const nowPosted = normal === "credit" ? b.creditsPosted - b.debitsPosted : b.debitsPosted - b.creditsPosted;
  const nowHeld = normal === "credit" ? b.debitsPending : b.creditsPending;
  let posted = nowPosted;
  let held = nowHeld;
  for (const l of lines) {
    const e = effectOf(l, normal);
    posted -= e.posted;
    held -= e.held;
  }
  const opening = { posted, held };
  const movements: Movement[] = [];
  let inFen = 0;
  let outFen = 0;
  for (const l of lines) {
    if (l.at >= to) break;
    const e = effectOf(l, normal);
    posted += e.posted;
    held += e.held;
    if (e.posted > 0) inFen += e.posted;
    else outFen -= e.posted;
    movements.push({
      at: l.at,
      transferID: l.transferID,
      memo: l.memo ?? "",
      movement: l.movement,
      amountFen: e.posted,
      heldFen: e.held,
      balanceFen: posted,
      ref: l.ref,
    });
  }
  return { accountID, role, openingFen: opening.posted, openingHeldFen: opening.held, closingFen: posted, closingHeldFen: held, inFen, outFen, movements };
}

export interface Info {
  ownerID: string;
  ownerKind: "host" | "agency" | "brand";
  month: string;
  from: string;
  to: string;
  /** The month isn't over: the closing balance is as of now. */
  partial: boolean;
  accounts: AccountStatement[];
  generatedAt: string;
}

/** The statement of one owner for one month, without the tenancy check (the simulation's reconciliation, tests). */
export async function compute(ownerID: string, month: string): Promise<Info> {
  const { from, to } = bounds(month);
  const brand = ownerID.startsWith("brd_");
  const accounts = brand
    ? [await accountStatement(Wallet.accountOf(ownerID), "wallet", from, to)]
    : await Promise.all([accountStatement(Payee.earnedOf(ownerID), "available", from, to), accountStatement(Payee.pendingOf(ownerID), "pending", from, to)]);
  // booking titles, once per booking
  const refs = [...new Set(accounts.flatMap((a) => a.movements.map((m) => m.ref)).filter((r): r is string => !!r?.startsWith("bkg_")))];
  const titles = new Map(await Promise.all(refs.map(async (r) => [r, (await readMoney(r))?.title] as const)));
  for (const a of accounts) for (const m of a.movements) if (m.ref && titles.get(m.ref)) m.title = titles.get(m.ref);
  return {
    ownerID,
    ownerKind: brand ? "brand" : ownerID.startsWith("agy_") ? "agency" : "host",
    month,
    from,
    to,
    partial: Clock.iso() < to,
    accounts,
    generatedAt: Clock.iso(),
  };
}

const ownerID = z.string().check(z.regex(/^(prs|agy|brd)_[0-9A-HJKMNP-TV-Z]{26}$/, "Unknown account owner"));

/** A month's statement: a host's own, an agency's or a brand's for its admins. Months before 2024 or after this one are refused. */
export const of = fn(z.object({ ownerID, month: monthSchema }), async (args) => {
  if (args.ownerID.startsWith("brd_")) Tenant.assert("brand.not_found", { kind: "brand", id: args.ownerID }, { roles: ["admin"] });
  else Payout.assertManages(args.ownerID);
  if (args.month < "2024-01" || args.month > monthOf(Clock.now())) throw input("statement.month", "month", "No statement for that month");
  return compute(args.ownerID, args.month);
});

const LABELS: Record<string, { "zh-CN": string; en: string }> = {
  slot_fee: { "zh-CN": "坑位费", en: "Slot fee" },
  slot_fee_hold: { "zh-CN": "坑位费冻结", en: "Slot fee held" },
  commission: { "zh-CN": "佣金（待结算）", en: "Commission (pending)" },
  refund: { "zh-CN": "退款冲减", en: "Refund" },
  release: { "zh-CN": "佣金结算", en: "Commission released" },
  clawback: { "zh-CN": "退款追回", en: "Clawback" },
  payout: { "zh-CN": "提现（处理中）", en: "Payout (in flight)" },
  payout_paid: { "zh-CN": "提现到账", en: "Payout paid" },
  payout_returned: { "zh-CN": "提现失败退回", en: "Payout failed, returned" },
  top_up: { "zh-CN": "充值", en: "Top-up" },
};
const ROLES: Record<Role, { "zh-CN": string; en: string }> = {
  available: { "zh-CN": "可提现", en: "Available" },
  pending: { "zh-CN": "待结算", en: "Pending" },
  wallet: { "zh-CN": "钱包", en: "Wallet" },
};

export function label(memo: string, locale: "zh-CN" | "en"): string {
  return LABELS[memo]?.[locale] ?? memo;
}

const chinaTime = (iso: string) => new Date(Date.parse(iso) + CHINA).toISOString().slice(0, 16).replace("T", " ");
const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The statement as CSV: UTF-8 with a byte-order mark (Excel then reads the Chinese right), amounts in yuan, times in China time. */
export function csv(s: Info, locale: "zh-CN" | "en" = "zh-CN"): string {
  const zh = locale === "zh-CN";
  const header = zh
    ? ["时间", "账户", "类型", "说明", "关联", "收入(元)", "支出(元)", "冻结变动(元)", "余额(元)"]
    : ["Time", "Account", "Type", "Description", "Reference", "In (CNY)", "Out (CNY)", "Held change (CNY)", "Balance (CNY)"];
  const rows: string[][] = [header];
  for (const a of s.accounts) {
    const role = ROLES[a.role][locale];
    rows.push([chinaTime(s.from), role, zh ? "期初余额" : "Opening balance", "", "", "", "", "", Money.toDecimalString(a.openingFen)]);
    for (const m of a.movements)
      rows.push([
        chinaTime(m.at),
        role,
        label(m.memo, locale),
        m.title ?? "",
        m.ref ?? "",
        m.amountFen > 0 ? Money.toDecimalString(m.amountFen) : "",
        m.amountFen < 0 ? Money.toDecimalString(-m.amountFen) : "",
        m.heldFen ? Money.toDecimalString(m.heldFen) : "",
        Money.toDecimalString(m.balanceFen),
      ]);
    rows.push([
      chinaTime(s.to),
      role,
      zh ? "期末余额" : "Closing balance",
      "",
      "",
      Money.toDecimalString(a.inFen),
      Money.toDecimalString(a.outFen),
      "",
      Money.toDecimalString(a.closingFen),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** The statement as a CSV download: `zhubo-statement-<owner>-<month>.csv`. */
export const download = fn(z.object({ ownerID, month: monthSchema, locale: z.optional(z.enum(["zh-CN", "en"])) }), async (args) => {
  const s = await of({ ownerID: args.ownerID, month: args.month });
  return { filename: `zhubo-statement-${args.ownerID}-${args.month}.csv`, text: csv(s, args.locale ?? "zh-CN") };
});
