import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { toDecimalString } from "../money/index.js";
import type { Outcome, Provider, QueryOutcome } from "./provider.js";

/*
 * The Alipay adapter of the payout port: alipay.fund.trans.uni.transfer (单笔转账, product
 * TRANS_ACCOUNT_NO_PWD, scene DIRECT_TRANSFER) and alipay.fund.trans.common.query, over the OpenAPI
 * gateway with RSA2 (SHA256withRSA) in public-key mode. The rule throughout: only a signed answer
 * that names a definite state becomes `succeeded`/`failed`/`processing`/`not_found`; everything
 * else is `unknown`, and the caller queries before it retries (the port's contract). Decisions are
 * made on code/sub_code/status, never on msg/sub_msg (Alipay: "只能使用 sub_code 作为后续处理的判断依据").
 */

const GATEWAY = "https://openapi.alipay.com/gateway.do";
const TRANSFER = "alipay.fund.trans.uni.transfer";
const QUERY = "alipay.fund.trans.common.query";
const PRODUCT = { product_code: "TRANS_ACCOUNT_NO_PWD", biz_scene: "DIRECT_TRANSFER" } as const;

/**
 * sub_codes of a 40004 transfer answer that are a definite rejection: no money moved and none will
 * under this out_biz_no, so `failed` (the payee's money goes back to their balance) is safe.
 * Payee-side (they can fix their account and ask again), payer-side (our balance, limits, real-name
 * status) and risk-control refusals, from Alipay's published error tables for uni.transfer and
 * its predecessor toaccount.transfer. Anything not listed stays `unknown`; a code is added here only
 * once it is known to mean "rejected" — an unrecognised code that is really "in progress" or
 * "duplicate" must never fail a transfer that went through.
 */
const DEFINITE_FAILURES = new Set(
  [
    // The payee's account or identity: nothing was paid to anyone.
    "PAYEE_NOT_EXIST PAYEE_ACCOUNT_NOT_EXSIT PAYEE_USER_INFO_ERROR PAYEE_ACC_OCUPIED PAYEE_ACCOUNT_STATUS_ERROR PAYEE_CERT_INFO_ERROR",
    "PAYEE_NOT_RELNAME_CERTIFY PAYEE_USERINFO_STATUS_ERROR PAYEE_USER_TYPE_ERROR PERMIT_NON_BANK_LIMIT_PAYEE PERMIT_LIMIT_PAYEE",
    "PERMIT_CHECK_RECEIVE_LIMIT PERM_AML_NOT_REALNAME_REV PERMIT_CHECK_PERM_IDENTITY_THEFT",
    // Amount limits (single, daily, monthly, unverified payee).
    "EXCEED_LIMIT_SM_AMOUNT EXCEED_LIMIT_SM_MIN_AMOUNT EXCEED_LIMIT_PERSONAL_SM_AMOUNT EXCEED_LIMIT_ENT_SM_AMOUNT EXCEED_LIMIT_DM_AMOUNT",
    "EXCEED_LIMIT_DM_MAX_AMOUNT EXCEED_LIMIT_MM_AMOUNT EXCEED_LIMIT_MM_MAX_AMOUNT EXCEED_LIMIT_UNRN_DM_AMOUNT",
    // The paying (platform) account: balance, status, regulatory identity checks.
    "PAYER_BALANCE_NOT_ENOUGH BALANCE_IS_NOT_ENOUGH PAYER_STATUS_ERROR PAYER_CERTIFY_CHECK_FAIL PAYER_USER_INFO_ERROR PAYER_DATA_INCOMPLETE",
    "PAYER_CERT_EXPIRED PAYER_PAYEE_CANNOT_SAME PAYCARD_UNABLE_PAYMENT PERMIT_CHECK_PERM_LIMITED PERMIT_PAYER_LOWEST_FORBIDDEN",
    "PERMIT_PAYER_FORBIDDEN CERT_MISS_TRANS_LIMIT CERT_MISS_ACC_LIMIT ACCOUNT_NOT_EXIST",
    // Content and risk control refusals of this transfer.
    "MEMO_REQUIRED_IN_TRANSFER_ERROR REMARK_HAS_SENSITIVE_WORD SECURITY_CHECK_FAILED SYNC_SECURITY_CHECK_FAILED",
  ]
    .join(" ")
    .split(" "),
);
/*
 * Deliberately NOT failures (they stay `unknown`):
 * - PAYMENT_INFO_INCONSISTENCY ("两次请求商户单号一样，但是参数不一致"): an earlier request under this
 *   out_biz_no exists and may have paid; failing would return money the payee already received.
 * - 40001/40002/40006 (missing/invalid arguments incl. isv.invalid-signature, no permission),
 *   20001, and 40004 INVALID_PARAMETER/PRODUCT_NOT_SIGN and other configuration codes: the gateway
 *   refused THIS request before looking at the out_biz_no, which says nothing about an earlier
 *   request under the same reference (a retry after a timeout, or one Alipay still processes — its
 *   docs warn ORDER_NOT_EXIST can mean "still processing"). `unknown` makes the caller query; the
 *   cost is a payout that waits for an operator to fix the configuration, never a double payment.
 * - 20000 and any sub_code ending in SYSTEM_ERROR: Alipay says the result is undetermined; query,
 *   and if not found re-send with the same out_biz_no.
 */

/** Integer fen → Alipay's yuan string with two decimals ("12.30"), without floats. */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`a transfer amount must be a positive integer number of fen, not ${fen}`);
  return toDecimalString(fen);
}

/** Alipay's string to sign: every parameter but `sign`, empty ones dropped, sorted by key, `k=v` joined by `&`, raw (not URL-encoded). */
export function signContent(params: Record<string, string | null | undefined>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign" && params[k] !== undefined && params[k] !== null && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

/** RSA2: SHA256withRSA over signContent with the app's private key, base64. */
export function sign(params: Record<string, string | null | undefined>, privateKeyPem: string | KeyObject): string {
  return createSign("RSA-SHA256").update(signContent(params), "utf8").sign(privateKey(privateKeyPem), "base64");
}

export type Verified = { ok: true; response: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks an answer's signature and returns the signed object. Alipay signs the exact text of the
 * `<method>_response` value as it sent it, so that substring is cut out of the raw body (never
 * re-serialised: key order, spacing and escapes would differ) and parsed itself, so what the caller
 * decides on is exactly what was signed.
 */
export function verifyResponse(rawBody: string, method: string, alipayPublicKeyPem: string | KeyObject): Verified {
  const body = parseObject(rawBody);
  if (!body) return { ok: false, reason: "unparsable answer" };
  const node = `${method.replaceAll(".", "_")}_response`;
  const text = responseText(rawBody, node);
  // Gateway errors for a bad app_id/method come as an unsigned `error_response`.
  if (text === undefined) return { ok: false, reason: `no ${node} in the answer${gist(body.error_response)}` };
  if (typeof body.sign !== "string" || body.sign === "") return { ok: false, reason: `unsigned answer${gist(body[node])}` };
  let good: boolean;
  try {
    good = createVerify("RSA-SHA256").update(text, "utf8").verify(publicKey(alipayPublicKeyPem), body.sign, "base64");
  } catch {
    good = false; // not base64, or not a key: not verified either way
  }
  if (!good) return { ok: false, reason: `the answer's signature does not verify${gist(body[node])}` };
  const response = parseObject(text);
  return response ? { ok: true, response } : { ok: false, reason: "unparsable answer" };
}

/** The raw text of `"node": {...}` in body: the object from its `{` to the matching `}`, skipping braces inside strings. */
export function responseText(body: string, node: string): string | undefined {
  const key = `"${node}"`;
  const at = body.indexOf(key);
  if (at < 0) return undefined;
  let i = at + key.length;
  while (/\s/.test(body[i] ?? "")) i++;
  if (body[i++] !== ":") return undefined;
  while (/\s/.test(body[i] ?? "")) i++;
  if (body[i] !== "{") return undefined;
  const start = i;
  let depth = 0;
  let inString = false;
  for (; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return body.slice(start, i + 1);
  }
  return undefined;
}

/** "yyyy-MM-dd HH:mm:ss" in China time (UTC+8, no daylight saving), the gateway's timestamp format. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

export interface AlipayConfig {
  appID: string;
  /** The app's private key: PEM (PKCS#8 or PKCS#1) or the bare base64 Alipay's key tool shows. */
  privateKeyPem: string;
  /** Alipay's public key (支付宝公钥) for this app: PEM or bare base64 (SPKI). */
  alipayPublicKeyPem: string;
  gateway?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Fields = Record<string, unknown>;
type Reply = { ok: true; fields: Fields } | { ok: false; detail: string };

export function createAlipayProvider(config: AlipayConfig): Provider {
  // Parse the keys once, so a bad key fails at start-up rather than on the first payout.
  const appKey = privateKey(config.privateKeyPem);
  const alipayKey = publicKey(config.alipayPublicKeyPem);
  const gateway = config.gateway ?? GATEWAY;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const send = config.fetch ?? globalThis.fetch;
  const now = config.now ?? (() => new Date());

  async function call(method: string, biz: object): Promise<Reply> {
    const params: Record<string, string> = {
      app_id: config.appID,
      method,
      format: "JSON",
      charset: "utf-8",
      sign_type: "RSA2",
      timestamp: chinaTime(now()),
      version: "1.0",
      biz_content: JSON.stringify(biz),
    };
    params.sign = sign(params, appKey);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await send(gateway, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
        body: new URLSearchParams(params).toString(),
        signal: abort.signal,
      });
      const text = await res.text(); // still under the timer: a body that never ends is a timeout too
      if (res.status !== 200) return { ok: false, detail: `HTTP ${res.status} from the gateway` };
      const verified = verifyResponse(text, method, alipayKey);
      return verified.ok ? { ok: true, fields: verified.response } : { ok: false, detail: verified.reason };
    } catch (error) {
      return { ok: false, detail: abort.signal.aborted ? `no answer within ${timeoutMs} ms` : `request failed: ${describe(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** code 10000: the order's own status decides (the same states for the transfer answer and the query). */
  function byStatus(r: Fields, reference: string, date: unknown): Outcome {
    // A signed answer about another order is a mix-up somewhere: trust nothing in it.
    if (r.out_biz_no !== undefined && r.out_biz_no !== reference) return unknown(`answer is about ${String(r.out_biz_no)}, not ${reference}`);
    const orderID = str(r.order_id) ?? str(r.pay_fund_order_id);
    switch (r.status) {
      case "SUCCESS":
        // No (readable) date: the answer itself is the latest the payment can have happened.
        return { status: "succeeded", providerID: orderID ?? reference, at: fromChinaTime(date) ?? now().toISOString() };
      case "DEALING":
      case "INIT":
      case "WAIT_PAY":
        return orderID ? { status: "processing", providerID: orderID } : { status: "processing" };
      case "FAIL":
        return {
          status: "failed",
          code: str(r.error_code) ?? str(r.sub_code) ?? "FAIL",
          reason: str(r.fail_reason) ?? str(r.sub_msg) ?? "Alipay reports the transfer failed",
        };
      case "REFUND": // paid, then returned to our account: from the payout's side the money never arrived
        return { status: "failed", code: "REFUND", reason: str(r.fail_reason) ?? "Alipay returned the transfer" };
      default:
        return unknown(`code 10000 with status ${String(r.status)}`);
    }
  }

  return {
    name: "alipay",

    async transfer(request) {
      checkReference(request.reference);
      const biz = {
        out_biz_no: request.reference,
        trans_amount: yuan(request.amountFen),
        ...PRODUCT,
        order_title: request.title,
        // A login id (mobile/email) needs the real name, which Alipay checks against the account.
        payee_info: { identity: request.destination.account, identity_type: "ALIPAY_LOGON_ID", name: request.destination.name },
      };
      const reply = await call(TRANSFER, biz);
      if (!reply.ok) return unknown(reply.detail);
      const r = reply.fields;
      if (r.code === "10000") return byStatus(r, request.reference, r.trans_date);
      const sub = str(r.sub_code) ?? "";
      // Only a listed 40004 fails; 20000, *SYSTEM_ERROR and everything else is unknown (see DEFINITE_FAILURES).
      if (r.code === "40004" && DEFINITE_FAILURES.has(sub)) return { status: "failed", code: sub, reason: str(r.sub_msg) ?? str(r.msg) ?? sub };
      return unknown(said(r));
    },

    async query(reference): Promise<QueryOutcome> {
      checkReference(reference);
      const reply = await call(QUERY, { out_biz_no: reference, ...PRODUCT });
      if (!reply.ok) return unknown(reply.detail);
      const r = reply.fields;
      if (r.code === "10000") return byStatus(r, reference, r.pay_date);
      // Alipay: ORDER_NOT_EXIST may mean "still processing or never landed"; either way re-sending the
      // same out_biz_no is safe (it is idempotent), which is exactly what the port's not_found promises.
      if (r.code === "40004" && r.sub_code === "ORDER_NOT_EXIST") return { status: "not_found" };
      return unknown(said(r));
    },
  };
}

/** Invalid input is the caller's bug: thrown before anything is sent (out_biz_no: ≤ 64 of letters, digits, "_" and "-"). */
function checkReference(reference: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(reference)) throw new RangeError(`not a usable transfer reference: ${JSON.stringify(reference)}`);
}

/** "fetch failed (ECONNREFUSED)": undici hides the reason in the cause. */
function describe(error: unknown): string {
  const e = error as { message?: unknown; cause?: { code?: unknown } } | undefined;
  const code = typeof e?.cause?.code === "string" ? ` (${e.cause.code})` : "";
  return `${typeof e?.message === "string" ? e.message : String(error)}${code}`;
}

function unknown(detail: string): Outcome {
  return { status: "unknown", detail };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function said(r: Fields): string {
  return `Alipay answered ${[r.code, r.sub_code, r.sub_msg ?? r.msg].filter((x) => typeof x === "string" && x !== "").join(" ")}`;
}

/** " (code sub_code)" of an unverified answer, for the detail only: never decided on. */
function gist(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  const v = value as Fields;
  const text = [v.code, v.sub_code].filter((x) => typeof x === "string").join(" ");
  return text ? ` (unverified: ${text})` : "";
}

function parseObject(text: string): Fields | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
  } catch {
    return undefined;
  }
}

function fromChinaTime(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  const at = new Date(`${value.replace(" ", "T")}+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function privateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== "string") return key;
  if (key.includes("-----BEGIN")) return createPrivateKey(key);
  const der = Buffer.from(key.replace(/\s+/g, ""), "base64");
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    return createPrivateKey({ key: der, format: "der", type: "pkcs1" });
  }
}

function publicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== "string") return key;
  if (key.includes("-----BEGIN")) return createPublicKey(key);
  return createPublicKey({ key: Buffer.from(key.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
}
