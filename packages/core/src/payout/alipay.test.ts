import { createSign, createVerify, generateKeyPairSync } from "node:crypto";
import { Money } from "@zhubo/core/money";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaTime, createAlipayProvider, responseText, sign, signContent, verifyResponse, yuan } from "./alipay.js";
import type { TransferRequest } from "./provider.js";

// One key pair for the whole file (RSA 2048 takes a noticeable fraction of a second to make).
/** An RSA key pair as PEM strings (SPKI public, PKCS#8 private), as Alipay's key tool gives them. */
const pair = (modulusLength = 2048) =>
  generateKeyPairSync("rsa", { modulusLength, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
const keys = pair();
/** A key that is not Alipay's: answers it signed must not verify. */
const other = pair();
const METHOD = "alipay.fund.trans.uni.transfer";
const NODE = "alipay_fund_trans_uni_transfer_response";

const signText = (text: string) => createSign("RSA-SHA256").update(text, "utf8").sign(keys.privateKey, "base64");
/** A body as Alipay sends it: the response object's text exactly as given, signed over those bytes. */
const signedBody = (inner: string, node = NODE) => `{"${node}":${inner},"sign":"${signText(inner)}"}`;

describe("Alipay request signing", () => {
  it("signs every parameter but sign, empty values dropped, sorted by key, raw k=v joined by &", () => {
    const content = signContent({
      timestamp: "2024-05-01 12:00:00",
      method: METHOD,
      app_id: "2021000000000000",
      sign: "must-not-appear",
      sign_type: "RSA2",
      charset: "utf-8",
      notify_url: "",
      app_auth_token: undefined,
      version: "1.0",
      format: "JSON",
      biz_content: '{"out_biz_no":"r_1","order_title":"主播 & 收益=1"}',
    });
    expect(content).toBe(
      'app_id=2021000000000000&biz_content={"out_biz_no":"r_1","order_title":"主播 & 收益=1"}&charset=utf-8&format=JSON' +
        `&method=${METHOD}&sign_type=RSA2&timestamp=2024-05-01 12:00:00&version=1.0`,
    );
  });

  it("produces an RSA2 (SHA256withRSA) signature that the app's public key verifies over the sign content, and only that", () => {
    const params = { app_id: "2021", method: METHOD, sign_type: "RSA2", biz_content: '{"trans_amount":"12.30"}' };
    const signature = sign(params, keys.privateKey);
    const verifies = (p: Record<string, string>) => createVerify("RSA-SHA256").update(signContent(p), "utf8").verify(keys.publicKey, signature, "base64");
    expect(verifies(params)).toBe(true);
    expect(verifies({ ...params, sign: "anything" })).toBe(true); // sign itself is not signed
    expect(verifies({ ...params, biz_content: '{"trans_amount":"12.31"}' })).toBe(false);
    expect(verifies({ ...params, sign_type: "RSA" })).toBe(false); // sign_type is signed
  });

  it("accepts the bare base64 keys Alipay's console shows as well as PEM", () => {
    const bare = (p: string) => p.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    const params = { app_id: "2021", method: METHOD };
    expect(sign(params, bare(keys.privateKey))).toBe(sign(params, keys.privateKey));
    const inner = '{"code":"10000"}';
    expect(verifyResponse(signedBody(inner), METHOD, bare(keys.publicKey)).ok).toBe(true);
  });

  it("writes the timestamp in China time (UTC+8)", () => {
    expect(chinaTime(new Date("2024-12-31T16:30:05.999Z"))).toBe("2025-01-01 00:30:05");
  });
});

describe("Alipay response verification", () => {
  const tricky = '{ "code" : "10000", "msg":"Success", "note":"a {brace} and a \\"quote\\" and } and \\\\", "nested":{"a":{"b":"}{"}}, "status":"SUCCESS" }';

  it("verifies over the exact raw text of the response object, braces and escaped quotes in strings included", () => {
    const result = verifyResponse(signedBody(tricky), METHOD, keys.publicKey);
    expect(result).toEqual({
      ok: true,
      response: { code: "10000", msg: "Success", note: 'a {brace} and a "quote" and } and \\', nested: { a: { b: "}{" } }, status: "SUCCESS" },
    });
    expect(responseText(signedBody(tricky), NODE)).toBe(tricky);
    // Not a re-serialisation: the raw text (with its spaces) is what was signed.
    expect(JSON.stringify(JSON.parse(tricky))).not.toBe(tricky);
  });

  it("finds the response wherever it sits in the body and whatever the whitespace", () => {
    const body = `{\n  "sign" : "${signText(tricky)}",\n  "${NODE}" :\n ${tricky}\n}`;
    expect(verifyResponse(body, METHOD, keys.publicKey).ok).toBe(true);
  });

  it("rejects a tampered body, a missing signature, another key's signature and an answer for another method", () => {
    const body = signedBody(tricky);
    expect(verifyResponse(body.replace('"10000"', '"40004"'), METHOD, keys.publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("does not verify"),
    });
    expect(verifyResponse(body.replace('"status":"SUCCESS"', '"status":"FAIL"'), METHOD, keys.publicKey).ok).toBe(false);
    expect(verifyResponse(`{"${NODE}":${tricky}}`, METHOD, keys.publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining("unsigned") });
    expect(verifyResponse(body, METHOD, other.publicKey).ok).toBe(false);
    expect(verifyResponse(body, "alipay.fund.trans.common.query", keys.publicKey).ok).toBe(false);
    expect(verifyResponse("<html>502</html>", METHOD, keys.publicKey)).toEqual({ ok: false, reason: "unparsable answer" });
    const gatewayError = '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id"}}';
    expect(verifyResponse(gatewayError, METHOD, keys.publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining("isv.invalid-app-id") });
  });
});

describe("yuan", () => {
  it("turns any positive integer fen into a two-decimal yuan string that parses back to the same fen", () => {
    // Money.parseYuan takes up to 13 integer digits (Alipay's own limit), so up to 10^15 - 1 fen.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e15 - 1 }), (fen) => {
        const text = yuan(fen);
        expect(text).toMatch(/^\d+\.\d{2}$/);
        expect(Money.parseYuan(text)).toBe(fen);
      }),
    );
    expect(yuan(1230)).toBe("12.30");
    expect(yuan(5)).toBe("0.05");
    expect(yuan(100)).toBe("1.00");
    expect(yuan(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
  });

  it("rejects non-integers, zero, negatives and unsafe integers", () => {
    for (const bad of [12.3, 0.1, 0, -100, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => yuan(bad)).toThrow(RangeError);
  });
});

describe("the adapter's decisions on signed answers", () => {
  const request: TransferRequest = {
    reference: "run1_payee1",
    amountFen: 1230,
    destination: { type: "alipay", account: "13800000000", name: "张三" },
    title: "收益",
  };
  /** A provider whose "gateway" answers every call with the given response object, signed (or as given raw). */
  const answering = (fields: object | string, status = 200) =>
    createAlipayProvider({
      appID: "2021",
      privateKeyPem: keys.privateKey,
      alipayPublicKeyPem: keys.publicKey,
      fetch: (async (_url: string, init: RequestInit) => {
        const method = new URLSearchParams(String(init.body)).get("method") ?? "";
        const body = typeof fields === "string" ? fields : signedBody(JSON.stringify(fields), `${method.replaceAll(".", "_")}_response`);
        return new Response(body, { status });
      }) as typeof fetch,
    });

  it.each([
    [
      "10000 SUCCESS",
      { code: "10000", out_biz_no: "run1_payee1", order_id: "O1", status: "SUCCESS", trans_date: "2024-05-01 08:00:00" },
      { status: "succeeded", providerID: "O1", at: "2024-05-01T00:00:00.000Z" },
    ],
    ["10000 DEALING", { code: "10000", order_id: "O1", status: "DEALING" }, { status: "processing", providerID: "O1" }],
    ["10000 FAIL", { code: "10000", order_id: "O1", status: "FAIL" }, { status: "failed", code: "FAIL" }],
    [
      "40004 PAYEE_NOT_EXIST",
      { code: "40004", sub_code: "PAYEE_NOT_EXIST", sub_msg: "收款账号不存在" },
      { status: "failed", code: "PAYEE_NOT_EXIST", reason: "收款账号不存在" },
    ],
    ["40004 PAYER_BALANCE_NOT_ENOUGH", { code: "40004", sub_code: "PAYER_BALANCE_NOT_ENOUGH" }, { status: "failed", code: "PAYER_BALANCE_NOT_ENOUGH" }],
  ])("decides a signed %s on its codes", async (_, fields, expected) => {
    expect(await answering(fields).transfer(request)).toMatchObject(expected);
  });

  it.each([
    ["20000 aop.SYSTEM_ERROR (result undetermined)", { code: "20000", sub_code: "aop.SYSTEM_ERROR" }],
    ["40004 SYSTEM_ERROR (result undetermined)", { code: "40004", sub_code: "SYSTEM_ERROR" }],
    ["40004 PAYMENT_INFO_INCONSISTENCY (an earlier request under this reference exists)", { code: "40004", sub_code: "PAYMENT_INFO_INCONSISTENCY" }],
    ["40004 with a sub_code it does not know", { code: "40004", sub_code: "SOMETHING_NEW" }],
    ["40002 isv.invalid-signature (our configuration)", { code: "40002", sub_code: "isv.invalid-signature" }],
    ["40006 (our permissions)", { code: "40006", sub_code: "isv.insufficient-isv-permissions" }],
    ["10000 SUCCESS about another reference", { code: "10000", out_biz_no: "someone_else", order_id: "O9", status: "SUCCESS" }],
    ["10000 with a status it does not know", { code: "10000", order_id: "O1", status: "CLOSED" }],
  ])("treats a signed %s as unknown, so the caller queries", async (_, fields) => {
    expect((await answering(fields).transfer(request)).status).toBe("unknown");
  });

  it("treats non-200 answers, unsigned gateway errors and unparsable bodies as unknown", async () => {
    expect(await answering({ code: "10000", status: "SUCCESS" }, 502).transfer(request)).toEqual({ status: "unknown", detail: "HTTP 502 from the gateway" });
    expect((await answering('{"error_response":{"code":"40002","sub_code":"isv.invalid-app-id"}}').transfer(request)).status).toBe("unknown");
    expect((await answering(`{"${NODE}":{"code":"10000","status":"SUCCESS"}}`).transfer(request)).status).toBe("unknown");
    expect((await answering("not json").transfer(request)).status).toBe("unknown");
  });

  it("maps query answers: SUCCESS, FAIL with its error code, REFUND, DEALING, ORDER_NOT_EXIST", async () => {
    const at = "2024-05-01 08:00:00";
    expect(await answering({ code: "10000", order_id: "O1", status: "SUCCESS", pay_date: at }).query("r")).toEqual({
      status: "succeeded",
      providerID: "O1",
      at: "2024-05-01T00:00:00.000Z",
    });
    expect(await answering({ code: "10000", status: "FAIL", error_code: "PAYEE_NOT_EXIST", fail_reason: "收款账号不存在" }).query("r")).toEqual({
      status: "failed",
      code: "PAYEE_NOT_EXIST",
      reason: "收款账号不存在",
    });
    expect(await answering({ code: "10000", status: "REFUND" }).query("r")).toMatchObject({ status: "failed", code: "REFUND" });
    expect(await answering({ code: "10000", status: "WAIT_PAY" }).query("r")).toEqual({ status: "processing" });
    expect(await answering({ code: "40004", sub_code: "ORDER_NOT_EXIST" }).query("r")).toEqual({ status: "not_found" });
    expect((await answering({ code: "40004", sub_code: "NO_ORDER_PERMISSION" }).query("r")).status).toBe("unknown");
  });

  it("refuses, before sending anything, an amount that is not positive integer fen or a reference Alipay cannot take", async () => {
    const provider = answering({ code: "10000", status: "SUCCESS" });
    await expect(provider.transfer({ ...request, amountFen: 12.5 })).rejects.toThrow(RangeError);
    await expect(provider.transfer({ ...request, reference: "has space" })).rejects.toThrow(RangeError);
  });
});
