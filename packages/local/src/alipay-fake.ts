import { createPrivateKey, createPublicKey, createSign, createVerify, generateKeyPair, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local stand-in for Alipay's OpenAPI gateway, for alipay.fund.trans.uni.transfer and
 * alipay.fund.trans.common.query only, to test the payout adapter (core/src/payout/alipay.ts)
 * against. It checks requests the way the gateway does (common parameters, RSA2 signature with the
 * app's public key) and answers signed with its own "Alipay" private key, serialising each answer
 * object once and signing exactly those bytes. The signature check is written here again rather
 * than imported from the adapter, so a mistake in the adapter's signing cannot be agreed with.
 *
 * Duplicates: a second transfer under an out_biz_no that already has an order, with the same
 * amount and payee, gets the original order back (same order_id, status, trans_date) and moves no
 * money — Alipay's documented idempotence ("重复请求转账，支付宝会幂等返回成功结果"). The same
 * out_biz_no with different details gets 40004 PAYMENT_INFO_INCONSISTENCY, as Alipay answers.
 */

/** What the fake does with the next transfer under an out_biz_no (or, for "*", every unscripted one). */
export type AlipayFakeBehaviour =
  | { kind: "success" }
  /** 40004 with this sub_code; no order is made (a later query says ORDER_NOT_EXIST). */
  | { kind: "fail"; subCode: string; subMsg?: string }
  /** Code 20000 sub_code aop.SYSTEM_ERROR (or "40004": 40004 SYSTEM_ERROR); with committed the money moved anyway. */
  | { kind: "system_error"; committed: boolean; code?: "20000" | "40004" }
  /** Holds the answer for holdMs (default 60 s, longer than any client waits); with committed the money moved. */
  | { kind: "timeout"; committed: boolean; holdMs?: number }
  /** Status DEALING; queries answer DEALING queriesWhileDealing times (default 0), then SUCCESS. */
  | { kind: "dealing"; queriesWhileDealing?: number }
  /** Pays, then signs the answer with a key that is not Alipay's. */
  | { kind: "bad_signature" };

export interface FakeTransfer {
  outBizNo: string;
  orderID: string;
  payFundOrderID: string;
  /** trans_amount as sent, in yuan. */
  amount: string;
  payee: { identity: string; identityType: string; name: string | undefined };
  title: string;
  status: "SUCCESS" | "DEALING";
  transDate: string;
}

export interface FakeRequest {
  method: string | undefined;
  outBizNo: string | undefined;
  signature: "valid" | "invalid" | "missing";
  params: Record<string, string>;
  /** What the fake answered (code and sub_code), or "held" for a timeout. */
  answer: { code: string; sub_code?: string } | "held";
}

export interface AlipayFake {
  url: string;
  stop(): Promise<void>;
  /**
   * Scripts the next transfer under outBizNo (used once; afterwards Alipay's normal behaviour), or
   * with "*" every transfer without a script of its own, until replaced. A reference that already
   * has an order is never scripted: repeats always get the idempotent answer.
   */
  script(outBizNo: string, behaviour: AlipayFakeBehaviour): void;
  /** The orders, one per out_biz_no that moved (or is moving) money. */
  transfers(): FakeTransfer[];
  readonly requests: FakeRequest[];
}

const TRANSFER = "alipay.fund.trans.uni.transfer";
const QUERY = "alipay.fund.trans.common.query";
const MSG: Record<string, string> = {
  "10000": "Success",
  "20000": "Service Currently Unavailable",
  "40001": "Missing Required Arguments",
  "40002": "Invalid Arguments",
  "40004": "Business Failed",
};
/** The real gateway's tolerance is not documented; 15 minutes catches a timestamp sent in UTC instead of China time. */
const SKEW_MS = 15 * 60_000;

type Answer = Record<string, string>;
/** A signed answer (with key: signed with that key instead of Alipay's), an unsigned gateway error, or an answer held back. */
type Reply = { fields: Answer; key?: KeyObject } | { unsigned: Answer } | { holdMs: number; answer: () => Answer };

export async function startAlipayFake(options: { appPublicKeyPem: string; alipayPrivateKeyPem: string; appID?: string }): Promise<AlipayFake> {
  const appKey = createPublicKey(options.appPublicKeyPem);
  const alipayKey = createPrivateKey(options.alipayPrivateKeyPem);
  // The key "bad_signature" answers are signed with: made up front, off the event loop (RSA 2048 takes a while).
  const wrongKey = await new Promise<KeyObject>((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: 2048 }, (e, _, privateKey) => (e ? reject(e) : resolve(privateKey))),
  );
  const orders = new Map<string, FakeTransfer & { queriesWhileDealing: number }>();
  const scripts = new Map<string, AlipayFakeBehaviour>();
  const requests: FakeRequest[] = [];
  const held = new Set<NodeJS.Timeout>();
  let seq = 0;

  /** Gateway-level checks, in the gateway's order: common parameters, then the app's signature. */
  function gateway(params: Record<string, string>): Reply | undefined {
    const method = params.method;
    // Until the app and method are known the gateway cannot sign for them: an unsigned error_response.
    if (!method) return { unsigned: error("40001", "isv.missing-method", "缺少方法名参数") };
    if (method !== TRANSFER && method !== QUERY) return { unsigned: error("40002", "isv.invalid-method", "不存在的方法名") };
    if (!params.app_id) return { unsigned: error("40001", "isv.missing-app-id", "缺少AppID参数") };
    if (options.appID && params.app_id !== options.appID) return { unsigned: error("40002", "isv.invalid-app-id", "无效的AppID参数") };
    if (!params.sign) return { fields: error("40001", "isv.missing-signature", "缺少签名参数") };
    if (!params.sign_type) return { fields: error("40001", "isv.missing-signature-type", "缺少签名类型参数") };
    if (params.sign_type !== "RSA2") return { fields: error("40002", "isv.invalid-signature-type", "无效的签名类型") };
    if (params.charset?.toLowerCase() !== "utf-8") return { fields: error("40002", "isv.invalid-charset", "字符集错误") };
    if (!params.timestamp) return { fields: error("40001", "isv.missing-timestamp", "缺少时间戳参数") };
    const sent = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp) ? Date.parse(`${params.timestamp.replace(" ", "T")}+08:00`) : Number.NaN;
    if (!(Math.abs(sent - Date.now()) <= SKEW_MS)) return { fields: error("40002", "isv.invalid-timestamp", "非法的时间戳参数") };
    // Alipay's rule: every parameter but sign (sign_type included), no empty values, sorted by key, k=v joined by &.
    const content = Object.keys(params)
      .filter((k) => k !== "sign" && params[k] !== "")
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join("&");
    if (!createVerify("RSA-SHA256").update(content, "utf8").verify(appKey, params.sign, "base64")) {
      return { fields: error("40002", "isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配") };
    }
    return undefined;
  }

  function transfer(biz: Record<string, unknown>, rec: FakeRequest): Reply {
    const payee = (biz.payee_info ?? {}) as Record<string, unknown>;
    const [outBizNo, amount, title, identity, identityType] = [biz.out_biz_no, biz.trans_amount, biz.order_title, payee.identity, payee.identity_type];
    const name = typeof payee.name === "string" ? payee.name : undefined;
    if (typeof outBizNo !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(outBizNo)) return { fields: invalid("out_biz_no") };
    rec.outBizNo = outBizNo;
    if (typeof amount !== "string" || !/^\d{1,13}(\.\d{1,2})?$/.test(amount)) return { fields: invalid("trans_amount") };
    if (typeof title !== "string" || title === "") return { fields: invalid("order_title") };
    if (biz.product_code !== "TRANS_ACCOUNT_NO_PWD" || biz.biz_scene !== "DIRECT_TRANSFER") return { fields: invalid("product_code/biz_scene") };
    if (typeof identity !== "string" || (identityType !== "ALIPAY_LOGON_ID" && identityType !== "ALIPAY_USER_ID")) return { fields: invalid("payee_info") };
    // A login id needs the real name (Alipay checks it against the account).
    if (identityType === "ALIPAY_LOGON_ID" && !name) return { fields: invalid("payee_info.name") };
    if (Math.round(Number(amount) * 100) < 10) return { fields: error("40004", "EXCEED_LIMIT_SM_MIN_AMOUNT", "单笔最低转账金额0.1元") };

    const existing = orders.get(outBizNo);
    if (existing) {
      const same = existing.amount === amount && existing.payee.identity === identity && existing.payee.name === name;
      if (!same) return { fields: error("40004", "PAYMENT_INFO_INCONSISTENCY", "两次请求商户单号一样，但是参数不一致") };
      return { fields: orderAnswer(existing, "trans_date") };
    }
    const behaviour = scripts.get(outBizNo) ?? scripts.get("*") ?? { kind: "success" };
    scripts.delete(outBizNo);
    const pay = (status: FakeTransfer["status"], queriesWhileDealing = 0) => {
      const id = `${chinaTime(new Date()).slice(0, 10).replaceAll("-", "")}1100700000${String(++seq).padStart(14, "0")}`;
      const order = { outBizNo, orderID: id, payFundOrderID: `${id}F`, amount, title, status, transDate: chinaTime(new Date()), queriesWhileDealing };
      orders.set(outBizNo, { ...order, payee: { identity, identityType, name } });
      return orders.get(outBizNo) as FakeTransfer;
    };
    const busy = () => error("20000", "aop.SYSTEM_ERROR", "系统繁忙");
    switch (behaviour.kind) {
      case "success":
        return { fields: orderAnswer(pay("SUCCESS"), "trans_date") };
      case "fail":
        return { fields: error("40004", behaviour.subCode, behaviour.subMsg ?? behaviour.subCode) };
      case "system_error":
        if (behaviour.committed) pay("SUCCESS");
        return { fields: behaviour.code === "40004" ? error("40004", "SYSTEM_ERROR", "系统繁忙") : busy() };
      case "dealing":
        return { fields: orderAnswer(pay("DEALING", behaviour.queriesWhileDealing), "trans_date") };
      case "bad_signature":
        return { fields: orderAnswer(pay("SUCCESS"), "trans_date"), key: wrongKey };
      case "timeout": {
        const order = behaviour.committed ? pay("SUCCESS") : undefined;
        return { holdMs: behaviour.holdMs ?? 60_000, answer: () => (order ? orderAnswer(order, "trans_date") : busy()) };
      }
    }
  }

  function query(biz: Record<string, unknown>, rec: FakeRequest): Reply {
    const outBizNo = biz.out_biz_no;
    if (typeof outBizNo !== "string") return { fields: invalid("out_biz_no") };
    rec.outBizNo = outBizNo;
    // product_code and biz_scene are required with out_biz_no (the query's documented rule).
    if (typeof biz.product_code !== "string" || typeof biz.biz_scene !== "string") return { fields: invalid("product_code/biz_scene") };
    const order = orders.get(outBizNo);
    if (!order) return { fields: error("40004", "ORDER_NOT_EXIST", "转账订单不存在") };
    if (order.status === "DEALING") {
      if (order.queriesWhileDealing > 0) order.queriesWhileDealing--;
      else Object.assign(order, { status: "SUCCESS", transDate: chinaTime(new Date()) });
    }
    return { fields: { ...orderAnswer(order, "pay_date"), trans_amount: order.amount, order_fee: "0.00" } };
  }

  function send(res: ServerResponse, rec: FakeRequest, node: string, out: Reply): void {
    const json = { "content-type": "application/json;charset=utf-8" };
    if ("holdMs" in out) {
      rec.answer = "held";
      const timer = setTimeout(() => send(res, rec, node, { fields: out.answer() }), out.holdMs);
      held.add(timer);
      // Answered, or the client gave up: either way nothing is left to hold.
      res.on("close", () => {
        clearTimeout(timer);
        held.delete(timer);
      });
    } else if ("unsigned" in out) {
      rec.answer = { code: out.unsigned.code ?? "", sub_code: out.unsigned.sub_code ?? "" };
      res.writeHead(200, json).end(JSON.stringify({ error_response: out.unsigned }));
    } else {
      const { code = "", sub_code } = out.fields;
      rec.answer = sub_code ? { code, sub_code } : { code };
      // Serialised once; the signature is over exactly these bytes, as Alipay does.
      const inner = JSON.stringify(out.fields);
      const signature = createSign("RSA-SHA256")
        .update(inner, "utf8")
        .sign(out.key ?? alipayKey, "base64");
      res.writeHead(200, json).end(`{"${node}":${inner},"sign":"${signature}"}`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    // Alipay's SDKs send the common parameters in the query string and biz_content in the body: take both.
    for (const [k, v] of new URL(req.url ?? "/", "http://fake").searchParams) params[k] ??= v;
    const rec: FakeRequest = { method: params.method, outBizNo: undefined, signature: params.sign ? "invalid" : "missing", params, answer: "held" };
    requests.push(rec);
    const node = `${(params.method ?? "").replaceAll(".", "_")}_response`;
    const refused = gateway(params);
    if (refused) return send(res, rec, node, refused);
    rec.signature = "valid";
    let biz: unknown;
    try {
      biz = JSON.parse(params.biz_content ?? "");
    } catch {
      biz = undefined;
    }
    if (typeof biz !== "object" || biz === null) return send(res, rec, node, { fields: invalid("biz_content") });
    const fields = biz as Record<string, unknown>;
    send(res, rec, node, params.method === TRANSFER ? transfer(fields, rec) : query(fields, rec));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    requests,
    script(outBizNo, behaviour) {
      scripts.set(outBizNo, behaviour);
    },
    transfers() {
      return [...orders.values()].map(({ queriesWhileDealing: _, ...o }) => ({ ...o, payee: { ...o.payee } }));
    },
    async stop() {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function error(code: string, sub_code: string, sub_msg: string): Answer {
  return { code, msg: MSG[code] ?? "", sub_code, sub_msg };
}

function invalid(what: string): Answer {
  return error("40004", "INVALID_PARAMETER", `参数有误。${what}`);
}

function orderAnswer(o: FakeTransfer, date: "trans_date" | "pay_date"): Answer {
  const answer: Answer = { code: "10000", msg: "Success", out_biz_no: o.outBizNo, order_id: o.orderID, pay_fund_order_id: o.payFundOrderID, status: o.status };
  if (o.status === "SUCCESS") answer[date] = o.transDate;
  return answer;
}

function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}
