import { generateKeyPairSync } from "node:crypto";
import type { Provider, TransferRequest } from "@zhubo/core/payout";
import { createAlipayProvider } from "@zhubo/core/payout/alipay";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AlipayFake, startAlipayFake } from "./alipay-fake.js";

/** RSA 2048 pairs as PEM, made once for the file: the app's, Alipay's, and a key that is neither. */
const pair = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
const app = pair();
const alipay = pair();
const stranger = pair();
const APP_ID = "2021000000000001";
const TIMEOUT_MS = 300;

let fake: AlipayFake;
let provider: Provider;
let n = 0;
/** A fresh reference per test, so tests never see each other's orders. */
let reference: string;
const request = (over: Partial<TransferRequest> = {}): TransferRequest => ({
  reference,
  amountFen: 1230,
  destination: { type: "alipay", account: "13800000000", name: "张三" },
  title: "主播收益 2024-W18",
  ...over,
});

beforeAll(async () => {
  fake = await startAlipayFake({ appPublicKeyPem: app.publicKey, alipayPrivateKeyPem: alipay.privateKey, appID: APP_ID });
  provider = createAlipayProvider({
    appID: APP_ID,
    privateKeyPem: app.privateKey,
    alipayPublicKeyPem: alipay.publicKey,
    gateway: fake.url,
    timeoutMs: TIMEOUT_MS,
  });
});
afterAll(() => fake.stop());
beforeEach(() => {
  reference = `run1_payee${++n}`;
});

const paymentsFor = (ref: string) => fake.transfers().filter((t) => t.outBizNo === ref);

describe("the Alipay adapter against the fake gateway", () => {
  it("pays a transfer and reports it succeeded with Alipay's order id, and the query agrees", async () => {
    const outcome = await provider.transfer(request());
    expect(outcome).toMatchObject({ status: "succeeded", providerID: expect.stringMatching(/^\d{32}$/) });
    const [paid] = paymentsFor(reference);
    expect(paid).toMatchObject({
      amount: "12.30",
      payee: { identity: "13800000000", identityType: "ALIPAY_LOGON_ID", name: "张三" },
      title: "主播收益 2024-W18",
    });
    if (outcome.status !== "succeeded") throw new Error("unreachable");
    expect(outcome.providerID).toBe(paid?.orderID);
    expect(Math.abs(Date.parse(outcome.at) - Date.now())).toBeLessThan(60_000); // trans_date in China time, read back as an instant
    expect(await provider.query(reference)).toEqual(outcome);
    expect(fake.requests.filter((r) => r.outBizNo === reference).every((r) => r.signature === "valid")).toBe(true);
  });

  it("reports a definite rejection (PAYEE_NOT_EXIST) as failed with Alipay's sub_code, and nothing is paid", async () => {
    fake.script(reference, { kind: "fail", subCode: "PAYEE_NOT_EXIST", subMsg: "收款账号不存在" });
    expect(await provider.transfer(request())).toEqual({ status: "failed", code: "PAYEE_NOT_EXIST", reason: "收款账号不存在" });
    expect(paymentsFor(reference)).toEqual([]);
    expect(await provider.query(reference)).toEqual({ status: "not_found" });
  });

  it.each([
    { code: "20000" as const, committed: false, after: "not_found" },
    { code: "20000" as const, committed: true, after: "succeeded" },
    { code: "40004" as const, committed: false, after: "not_found" },
    { code: "40004" as const, committed: true, after: "succeeded" },
  ])("reports a system error ($code, committed: $committed) as unknown, and the query then says $after", async ({ code, committed, after }) => {
    fake.script(reference, { kind: "system_error", committed, code });
    expect(await provider.transfer(request())).toMatchObject({ status: "unknown", detail: expect.stringContaining("SYSTEM_ERROR") });
    expect((await provider.query(reference)).status).toBe(after);
    expect(paymentsFor(reference)).toHaveLength(committed ? 1 : 0);
  });

  it.each([
    { committed: true, after: "succeeded" },
    { committed: false, after: "not_found" },
  ])("gives up after its timeout with unknown (committed: $committed), and the query tells the truth: $after", async ({ committed, after }) => {
    fake.script(reference, { kind: "timeout", committed });
    const started = performance.now();
    expect(await provider.transfer(request())).toEqual({ status: "unknown", detail: `no answer within ${TIMEOUT_MS} ms` });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(waited).toBeLessThan(TIMEOUT_MS + 1_500);
    expect((await provider.query(reference)).status).toBe(after);
  });

  it("reports DEALING as processing, then the query as succeeded once Alipay settles it", async () => {
    fake.script(reference, { kind: "dealing", queriesWhileDealing: 1 });
    const first = await provider.transfer(request());
    expect(first).toMatchObject({ status: "processing", providerID: expect.any(String) });
    expect(await provider.query(reference)).toMatchObject({ status: "processing" });
    const settled = await provider.query(reference);
    expect(settled).toMatchObject({ status: "succeeded", providerID: first.status === "processing" ? first.providerID : "" });
    expect(paymentsFor(reference)).toMatchObject([{ status: "SUCCESS" }]);
  });

  it("answers a repeated transfer under the same reference after success with the same order, and pays once", async () => {
    const first = await provider.transfer(request());
    const again = await provider.transfer(request());
    expect(first.status).toBe("succeeded");
    expect(again).toEqual(first);
    expect(paymentsFor(reference)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.outBizNo === reference && r.method === "alipay.fund.trans.uni.transfer")).toHaveLength(2);
  });

  it("treats the same reference with different details (PAYMENT_INFO_INCONSISTENCY) as unknown, never failed", async () => {
    await provider.transfer(request());
    const changed = await provider.transfer(request({ amountFen: 9_900 }));
    expect(changed).toMatchObject({ status: "unknown", detail: expect.stringContaining("PAYMENT_INFO_INCONSISTENCY") });
    expect(paymentsFor(reference)).toMatchObject([{ amount: "12.30" }]);
  });

  it("treats an answer whose signature does not verify as unknown, even though the money moved", async () => {
    fake.script(reference, { kind: "bad_signature" });
    expect(await provider.transfer(request())).toMatchObject({ status: "unknown", detail: expect.stringContaining("signature does not verify") });
    expect(paymentsFor(reference)).toHaveLength(1);
    expect((await provider.query(reference)).status).toBe("succeeded");
  });

  it("is refused by the fake as an invalid signature when it signs with the wrong app key, and reports unknown", async () => {
    const misconfigured = createAlipayProvider({ appID: APP_ID, privateKeyPem: stranger.privateKey, alipayPublicKeyPem: alipay.publicKey, gateway: fake.url });
    const outcome = await misconfigured.transfer(request());
    expect(outcome).toMatchObject({ status: "unknown", detail: expect.stringContaining("isv.invalid-signature") });
    expect(fake.requests.at(-1)).toMatchObject({ signature: "invalid", answer: { code: "40002", sub_code: "isv.invalid-signature" } });
    expect(paymentsFor(reference)).toEqual([]);
  });

  it("treats an unsigned gateway error (unknown app id) and an unreachable gateway as unknown", async () => {
    const wrongApp = createAlipayProvider({
      appID: "2021999999999999",
      privateKeyPem: app.privateKey,
      alipayPublicKeyPem: alipay.publicKey,
      gateway: fake.url,
    });
    expect(await wrongApp.transfer(request())).toMatchObject({ status: "unknown", detail: expect.stringContaining("isv.invalid-app-id") });
    const down = createAlipayProvider({
      appID: APP_ID,
      privateKeyPem: app.privateKey,
      alipayPublicKeyPem: alipay.publicKey,
      gateway: "http://127.0.0.1:9/gateway.do",
    });
    expect(await down.transfer(request())).toMatchObject({ status: "unknown", detail: expect.stringContaining("request failed") });
    expect(paymentsFor(reference)).toEqual([]);
  });

  it("is refused with isv.invalid-timestamp when the timestamp is not China time", async () => {
    const utcClock = createAlipayProvider({
      appID: APP_ID,
      privateKeyPem: app.privateKey,
      alipayPublicKeyPem: alipay.publicKey,
      gateway: fake.url,
      now: () => new Date(Date.now() - 8 * 3_600_000), // what a timestamp written in UTC would look like
    });
    expect(await utcClock.transfer(request())).toMatchObject({ status: "unknown", detail: expect.stringContaining("isv.invalid-timestamp") });
  });
});
