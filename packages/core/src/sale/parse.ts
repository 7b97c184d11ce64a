import { parse as parseCsv } from "csv-parse/sync";
import iconv from "iconv-lite";
import { Calendar } from "../calendar/index.js";
import { type Fen, Money } from "../money/index.js";

/*
 * Order exports as the platforms make them, to order lines zhubo can post. Pure: bytes or JSON
 * rows in, normalised lines and per-row errors out. csv-parse reads the CSV (quotes, embedded
 * commas and newlines, CRLF) — chosen over papaparse for its synchronous Node API and strict
 * column-count checks; iconv-lite decodes GB18030, which Excel on a Chinese Windows saves.
 */

export const PLATFORMS = ["douyin", "tiktok"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** One order line (SKU) as zhubo keeps it: integer fen, instants in ISO 8601 UTC. */
export interface SaleRow {
  orderID: string;
  lineID: string;
  productName?: string;
  author?: string;
  paidFen: Fen;
  refundedFen: Fen;
  currency: string;
  status: string;
  paidAt: string;
  receivedAt?: string;
  settledFen?: Fen;
  /** The platform's own commission rate, recorded only: the contract's rate is what counts. */
  platformRateBps?: number;
}

export interface RowError {
  /** The row as a spreadsheet numbers it (the header is row 1); for JSON rows, the item's 1-based position. */
  row: number;
  column: string;
  reason: string;
}

export interface Parsed {
  platform: Platform;
  rows: { row: number; line: SaleRow }[];
  errors: RowError[];
}

/** Files up to 4 MB (a Lambda request carries 6 MB, base64 adds a third) and 20,000 rows. */
export const MAX_BYTES = 4 * 1024 * 1024;
export const MAX_ROWS = 20_000;

type Field =
  | "orderID"
  | "subOrderID"
  | "skuID"
  | "productName"
  | "author"
  | "paid"
  | "price"
  | "itemsSold"
  | "itemsRefunded"
  | "refunded"
  | "rate"
  | "status"
  | "paidAt"
  | "receivedAt"
  | "settled"
  | "currency";

/** Header aliases per platform: the names the exports have used (compared without spaces, case-insensitive). */
const ALIASES: Record<Platform, Partial<Record<Field, string[]>>> = {
  douyin: {
    orderID: ["订单id", "订单号", "订单编号", "主订单id", "父订单id"],
    subOrderID: ["子订单id", "子订单号", "子订单编号"],
    skuID: ["商品id", "商品编号", "skuid"],
    productName: ["商品名称", "商品标题"],
    author: ["作者账号", "达人昵称", "作者昵称", "达人账号"],
    paid: ["支付金额", "订单支付金额", "实付金额", "付款金额", "成交金额"],
    refunded: ["退款金额", "售后退款金额"],
    rate: ["佣金率", "佣金比例"],
    status: ["订单状态", "结算状态"],
    paidAt: ["付款时间", "支付时间", "下单时间"],
    receivedAt: ["收货时间", "确认收货时间"],
    settled: ["结算金额", "实际结算金额"],
    currency: ["币种", "货币"],
  },
  tiktok: {
    orderID: ["order id", "orderid"],
    skuID: ["sku id", "skuid"],
    productName: ["product name"],
    author: ["creator username", "creator"],
    price: ["price", "unit price"],
    itemsSold: ["items sold", "quantity"],
    itemsRefunded: ["items refunded"],
    paid: ["gmv", "payment amount"],
    rate: ["commission rate", "standard commission rate"],
    status: ["order settlement status", "order status"],
    paidAt: ["order date", "order created time", "payment time"],
    receivedAt: ["delivered time", "order delivered time"],
    settled: ["settlement amount", "actual commission payment"],
    currency: ["currency"],
  },
};

const REQUIRED: Record<Platform, Field[]> = {
  douyin: ["orderID", "paid", "paidAt"],
  tiktok: ["orderID", "skuID", "paidAt"],
};

/** Statuses meaning the whole line was refunded or never valid (no commission), when the export gives no refund amount. */
const VOID_STATUS = /^(已退款|退款成功|全额退款|已失效|订单失效|已取消|取消|refunded|cancelled|canceled|ineligible)$/i;

const key = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), "gb18030");
  }
}

/** Which platform's export this header row is. */
export function detect(headers: string[]): Platform | undefined {
  const keys = new Set(headers.map(key));
  const score = (p: Platform) => Object.values(ALIASES[p]).filter((names) => names?.some((n) => keys.has(key(n)))).length;
  const [d, t] = [score("douyin"), score("tiktok")];
  if (!d && !t) return undefined;
  return d >= t ? "douyin" : "tiktok";
}

const empty = (v: string | undefined) => v === undefined || /^\s*(-|--|—|N\/A)?\s*$/i.test(v);

const CURRENCY: [RegExp, string][] = [
  [/^(¥|￥|CNY|RMB|元)$/i, "CNY"],
  [/^(\$|USD|US\$)$/i, "USD"],
  [/^(HK\$|HKD)$/i, "HKD"],
  [/^(€|EUR)$/i, "EUR"],
  [/^(£|GBP)$/i, "GBP"],
  [/^[A-Z]{3}$/, ""],
];

/** "¥1,234.50", "1234.5 CNY", "12" → fen and the currency it names (undefined when it names none). */
export function amount(text: string): { fen: Fen; currency?: string } {
  let t = text.trim().replace(/[,，\s]/g, "");
  let currency: string | undefined;
  const m = /^([^\d.-]*)(-?[\d.]+)([^\d.]*)$/.exec(t);
  if (!m) throw new RangeError("not an amount");
  for (const sym of [m[1], m[3]].filter(Boolean) as string[]) {
    const found = CURRENCY.find(([re]) => re.test(sym));
    if (!found) throw new RangeError("not an amount");
    currency = found[1] || sym.toUpperCase();
  }
  t = m[2] as string;
  const fen = Money.parseYuan(t);
  if (fen < 0) throw new RangeError("negative");
  return { fen, currency };
}

/** "20%", "20.5%", "0.2" → basis points. */
function rate(text: string): number {
  const t = text.trim();
  const pct = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(t);
  if (pct) return Number(pct[1]) * 100 + Number((pct[2] ?? "").padEnd(2, "0"));
  const frac = /^0?\.(\d{1,4})$/.exec(t);
  if (frac) return Number((frac[1] as string).padEnd(4, "0"));
  throw new RangeError("not a rate");
}

const pad = (n: string) => n.padStart(2, "0");

/**
 * An export's time: "2026-11-20 20:15:03", "2026/11/20 20:15", "11/20/2026 8:15:03 PM" (China
 * time when it names no zone) or an ISO 8601 instant; only real calendar dates and clock times.
 */
export function instant(text: string): string {
  const t = text.trim();
  if (Calendar.isInstant(t)) return new Date(t).toISOString();
  let y: string;
  let mo: string;
  let d: string;
  let rest: string;
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](.*))?$/.exec(t);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](.*))?$/.exec(t);
  if (ymd) [, y, mo, d, rest] = ymd.map((x) => x ?? "") as [string, string, string, string, string];
  else if (mdy) [, mo, d, y, rest] = mdy.map((x) => x ?? "") as [string, string, string, string, string];
  else throw new RangeError("not a time");
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (!Calendar.isDay(day)) throw new RangeError("not a date");
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(rest.trim() || "00:00");
  if (!clock) throw new RangeError("not a time");
  let h = Number(clock[1]);
  const ampm = clock[4]?.toLowerCase();
  if (ampm && (h < 1 || h > 12)) throw new RangeError("not a time");
  if (ampm === "pm" && h < 12) h += 12;
  if (ampm === "am" && h === 12) h = 0;
  const [min, sec] = [Number(clock[2]), Number(clock[3] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) throw new RangeError("not a time");
  return new Date(`${day}T${pad(String(h))}:${pad(String(min))}:${pad(String(sec))}+08:00`).toISOString();
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** One record (header → cell) of a platform's export to a line, or the first problem with it. */
function lineOf(platform: Platform, cell: (f: Field) => string | undefined, column: (f: Field) => string): SaleRow | { column: string; reason: string } {
  const fail = (f: Field, reason: string) => ({ column: column(f), reason });
  const text = (f: Field) => {
    const v = cell(f);
    return empty(v) ? undefined : (v as string).trim();
  };
  const orderID = text("orderID");
  if (!orderID) return fail("orderID", "An order id is required");
  if (!ID.test(orderID)) return fail("orderID", "Not an order id");
  const sub = text("subOrderID");
  const sku = text("skuID");
  if (sub && !ID.test(sub)) return fail("subOrderID", "Not an order line id");
  if (sku && !ID.test(sku)) return fail("skuID", "Not a SKU id");
  if (platform === "tiktok" && !sku) return fail("skuID", "A SKU id is required: refunds are per line");
  const lineID = sub ?? (sku ? `${orderID}-${sku}` : orderID);

  let currency: string | undefined = text("currency")?.toUpperCase();
  const money = (f: Field): Fen | undefined | { column: string; reason: string } => {
    const v = text(f);
    if (v === undefined) return undefined;
    try {
      const a = amount(v);
      if (a.currency) {
        if (currency && currency !== a.currency) return fail(f, `Mixes ${currency} and ${a.currency}`);
        currency = a.currency;
      }
      return a.fen;
    } catch {
      return fail(f, "Not an amount of money (like 12.50)");
    }
  };
  const count = (f: Field): number | undefined | { column: string; reason: string } => {
    const v = text(f);
    if (v === undefined) return undefined;
    return /^\d{1,6}$/.test(v) ? Number(v) : fail(f, "Not a whole number of items");
  };
  const bad = (x: unknown): x is { column: string; reason: string } => typeof x === "object" && x !== null;

  let paidFen: Fen | undefined;
  let refundedFen: Fen | undefined;
  const paid = money("paid");
  if (bad(paid)) return paid;
  const refunded = money("refunded");
  if (bad(refunded)) return refunded;
  paidFen = paid;
  refundedFen = refunded;
  let refundField: Field = "refunded";
  if (platform === "tiktok") {
    const price = money("price");
    if (bad(price)) return price;
    const sold = count("itemsSold");
    if (bad(sold)) return sold;
    const back = count("itemsRefunded");
    if (bad(back)) return back;
    if (paidFen === undefined && price !== undefined && sold !== undefined) paidFen = price * sold;
    if (refundedFen === undefined && back) {
      if (price === undefined) return fail("price", "A price is required to value refunded items");
      refundedFen = price * back;
      refundField = "itemsRefunded";
    }
  }
  if (paidFen === undefined) return fail("paid", "A paid amount is required");
  const status = text("status") ?? "";
  if (refundedFen === undefined) refundedFen = VOID_STATUS.test(status) ? paidFen : 0;
  if (refundedFen > paidFen) return fail(refundField, "The refund is larger than the amount paid");
  currency ??= "CNY";
  if (currency !== "CNY") return fail("currency", `Only CNY (人民币) orders: this one is ${currency}`);

  const when = (f: Field): string | undefined | { column: string; reason: string } => {
    const v = text(f);
    if (v === undefined) return undefined;
    try {
      return instant(v);
    } catch {
      return fail(f, "Not a real date and time (like 2026-11-20 20:15:03)");
    }
  };
  const paidAt = when("paidAt");
  if (bad(paidAt)) return paidAt;
  if (!paidAt) return fail("paidAt", "A payment time is required");
  const receivedAt = when("receivedAt");
  if (bad(receivedAt)) return receivedAt;
  if (receivedAt && receivedAt < paidAt) return fail("receivedAt", "Received before it was paid");
  const settled = money("settled");
  if (bad(settled)) return settled;
  let platformRateBps: number | undefined;
  const r = text("rate");
  if (r !== undefined) {
    try {
      platformRateBps = rate(r);
    } catch {
      return fail("rate", "Not a rate (like 20%)");
    }
  }
  const productName = text("productName")?.slice(0, 200);
  const author = text("author")?.slice(0, 100);
  return {
    orderID,
    lineID,
    productName,
    author,
    paidFen,
    refundedFen,
    currency,
    status: status.slice(0, 40),
    paidAt,
    receivedAt,
    settledFen: settled,
    platformRateBps,
  };
}

/** A CSV export to lines and row errors. A file-level problem (no header, unknown platform, a missing column) is one error on row 1. */
export function parseFile(bytes: Uint8Array, expected?: Platform): Parsed {
  const fileError = (column: string, reason: string, platform: Platform = expected ?? "douyin"): Parsed => ({
    platform,
    rows: [],
    errors: [{ row: 1, column, reason }],
  });
  if (bytes.byteLength > MAX_BYTES) return fileError("file", `Files up to ${MAX_BYTES / 1024 / 1024} MB`);
  let records: string[][];
  try {
    records = parseCsv(decode(bytes), { relax_column_count: false, skip_empty_lines: true, bom: true, trim: false, to: MAX_ROWS + 2 }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return fileError("file", `Not a CSV file${line ? ` (line ${line})` : ""}: ${(e as Error).message.split(":")[0]}`);
  }
  const [header, ...data] = records;
  if (!header) return fileError("file", "The file is empty");
  if (data.length > MAX_ROWS) return fileError("file", `At most ${MAX_ROWS.toLocaleString("en")} rows per file`);
  const platform = expected ?? detect(header);
  if (!platform) return fileError("header", "Not a Douyin (抖音) or TikTok Shop order export: no known column names");
  const index = new Map<Field, number>();
  for (const [field, names] of Object.entries(ALIASES[platform]) as [Field, string[]][]) {
    const at = header.findIndex((h) => names.some((n) => key(n) === key(h)));
    if (at !== -1) index.set(field, at);
  }
  const missing = REQUIRED[platform].filter((f) => !index.has(f));
  if (platform === "tiktok" && !index.has("paid") && !(index.has("price") && index.has("itemsSold"))) missing.push("paid");
  if (missing.length) return fileError("header", `Missing column: ${missing.map((f) => ALIASES[platform][f]?.[0]).join(", ")}`, platform);
  const columnName = (f: Field) => {
    const at = index.get(f);
    return at === undefined ? (ALIASES[platform][f]?.[0] ?? f) : (header[at] as string).replace(/^\uFEFF/, "").trim();
  };
  return collect(
    platform,
    data.map((cells, i) => ({ row: i + 2, cell: (f: Field) => (index.has(f) ? cells[index.get(f) as number] : undefined) })),
    columnName,
  );
}

/** JSON rows from a brand's integration: the fields of SaleRow, amounts in fen, times ISO 8601. */
export interface JsonRow {
  orderID: string;
  lineID: string;
  productName?: string;
  paidFen: number;
  refundedFen?: number;
  currency?: string;
  status?: string;
  paidAt: string;
  receivedAt?: string;
}

function jsonLine(r: JsonRow): SaleRow | { column: string; reason: string } {
  const fail = (column: string, reason: string) => ({ column, reason });
  if (!ID.test(r.orderID ?? "")) return fail("orderID", "Not an order id");
  if (!ID.test(r.lineID ?? "")) return fail("lineID", "Not an order line id");
  if (!Number.isSafeInteger(r.paidFen) || r.paidFen < 0) return fail("paidFen", "A whole, non-negative number of fen");
  const refundedFen = r.refundedFen ?? 0;
  if (!Number.isSafeInteger(refundedFen) || refundedFen < 0) return fail("refundedFen", "A whole, non-negative number of fen");
  if (refundedFen > r.paidFen) return fail("refundedFen", "The refund is larger than the amount paid");
  const currency = (r.currency ?? "CNY").toUpperCase();
  if (currency !== "CNY") return fail("currency", `Only CNY orders: this one is ${currency}`);
  if (!Calendar.isInstant(r.paidAt ?? "")) return fail("paidAt", "Use a time like 2026-11-20T20:15:03+08:00");
  if (r.receivedAt !== undefined && !Calendar.isInstant(r.receivedAt)) return fail("receivedAt", "Use a time like 2026-11-27T10:00:00+08:00");
  const paidAt = new Date(r.paidAt).toISOString();
  const receivedAt = r.receivedAt ? new Date(r.receivedAt).toISOString() : undefined;
  if (receivedAt && receivedAt < paidAt) return fail("receivedAt", "Received before it was paid");
  return {
    orderID: r.orderID,
    lineID: r.lineID,
    productName: r.productName?.slice(0, 200),
    paidFen: r.paidFen,
    refundedFen,
    currency,
    status: (r.status ?? "").slice(0, 40),
    paidAt,
    receivedAt,
  };
}

export function parseRows(platform: Platform, rows: JsonRow[]): Parsed {
  const out: Parsed = { platform, rows: [], errors: [] };
  for (const [i, r] of rows.entries()) {
    const line = jsonLine(r);
    if ("reason" in line) out.errors.push({ row: i + 1, ...line });
    else out.rows.push({ row: i + 1, line });
  }
  return dedupe(out);
}

function collect(platform: Platform, records: { row: number; cell: (f: Field) => string | undefined }[], column: (f: Field) => string): Parsed {
  const out: Parsed = { platform, rows: [], errors: [] };
  for (const r of records) {
    const line = lineOf(platform, r.cell, column);
    if ("reason" in line) out.errors.push({ row: r.row, ...line });
    else out.rows.push({ row: r.row, line });
  }
  return dedupe(out, column("orderID"));
}

/** The same line twice in one file: the same content is kept once; different content is an error on the later row. */
function dedupe(p: Parsed, column = "lineID"): Parsed {
  const seen = new Map<string, string>();
  const rows: Parsed["rows"] = [];
  for (const r of p.rows) {
    const body = JSON.stringify(r.line);
    const before = seen.get(r.line.lineID);
    if (before === undefined) {
      seen.set(r.line.lineID, body);
      rows.push(r);
    } else if (before !== body) p.errors.push({ row: r.row, column, reason: `Order line ${r.line.lineID} appears twice with different figures` });
  }
  p.errors.sort((a, b) => a.row - b.row);
  return { ...p, rows };
}
