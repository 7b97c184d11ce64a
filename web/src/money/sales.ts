import type { RejectedRow, SalePreview } from "../api/types";
import { isMessageKey, type Locale, type MessageKey, type Params, translate } from "../i18n/translate";

/** The API takes files up to 4 MB (core's sale/parse.ts MAX_BYTES). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A file's bytes as the import's `file` (base64), a chunk at a time so a big file never overflows the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A row problem is about the whole file (unreadable, no known header, a missing column): nothing can be imported from it. */
export const isFileProblem = (r: Pick<RejectedRow, "row" | "column">) => r.row === 1 && (r.column === "file" || r.column === "header");

/**
 * What the brand can do with a preview: import it all; import only its valid rows (the rest are
 * rejected, and the brand must choose that); nothing (the file can't be read, or every row is
 * already imported as it is).
 */
export function importChoice(p: Pick<SalePreview, "rejected" | "new" | "changed">): "import" | "skip" | "unreadable" | "nothing" {
  if (p.rejected.some(isFileProblem)) return "unreadable";
  if (p.new + p.changed === 0) return "nothing";
  return p.rejected.length ? "skip" : "import";
}

/**
 * The import's reasons (core's sale/parse.ts and sale/index.ts write them in English) in the
 * reader's language: known ones by pattern, with what they name kept; anything else as sent.
 */
const REASONS: [RegExp, MessageKey, string[]][] = [
  [/^An order id is required$/, "sale.reason.orderRequired", []],
  [/^Not an order id$/, "sale.reason.orderID", []],
  [/^Not an order line id$/, "sale.reason.lineID", []],
  [/^Not a SKU id$/, "sale.reason.skuID", []],
  [/^A SKU id is required/, "sale.reason.skuRequired", []],
  [/^Mixes (\S+) and (\S+)$/, "sale.reason.mixedCurrency", ["a", "b"]],
  [/^Not an amount of money/, "sale.reason.amount", []],
  [/^Not a whole number of items$/, "sale.reason.count", []],
  [/^A price is required/, "sale.reason.priceRequired", []],
  [/^A paid amount is required$/, "sale.reason.paidRequired", []],
  [/^The refund is larger than the amount paid$/, "sale.reason.refundTooLarge", []],
  [/^Only CNY .*this one is (\S+)$/, "sale.reason.currency", ["currency"]],
  [/^Not a real date and time/, "sale.reason.time", []],
  [/^A payment time is required$/, "sale.reason.paidAtRequired", []],
  [/^Received before it was paid$/, "sale.reason.receivedBeforePaid", []],
  [/^Not a rate/, "sale.reason.rate", []],
  [/^Files up to/, "sale.reason.fileTooBig", []],
  [/^Not a CSV file/, "sale.reason.notCsv", []],
  [/^The file is empty$/, "sale.reason.empty", []],
  [/^At most [\d,]+ rows per file$/, "sale.reason.tooManyRows", []],
  [/^Not a Douyin/, "sale.reason.unknownExport", []],
  [/^Missing column: (.+)$/, "sale.reason.missingColumn", ["columns"]],
  [/^Order line (\S+) appears twice/, "sale.reason.twice", ["line"]],
  [/^Paid outside this session \(from (\d+) h/, "sale.reason.outsideSession", ["hours"]],
];

export function rowReason(reason: string, locale: Locale): string {
  for (const [pattern, key, names] of REASONS) {
    const m = pattern.exec(reason);
    if (!m) continue;
    const params: Params = Object.fromEntries(names.map((name, i) => [name, m[i + 1] ?? ""]));
    return isMessageKey(key) ? translate(locale, key, params) : reason;
  }
  return reason;
}
