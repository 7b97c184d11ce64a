import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Sale } from "@zhubo/core/sale";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { type DouyinLine, douyinExport } from "../src/seed-money";
import { phoneStack, shots, until } from "./harness";

const e2e = phoneStack("money");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const brandLogin = DEMO_ACCOUNTS.brand.login;
const host = DEMO_ACCOUNTS.hostXuzhou;
const title = `徐州蜜薯专场 ${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;

/**
 * The server's clock (the stack runs in this process) moved to `ms` and ticking on from there;
 * the phones' clocks follow it, so the pages and the API agree on "now". Set on every move: the
 * demo seed resets the clock when it is done.
 */
async function moveTo(ms: number, ...phones: Page[]) {
  const offset = ms - Date.now();
  Clock.use({ now: () => Date.now() + offset });
  for (const p of phones) await p.clock.setSystemTime(ms);
}
afterAll(() => Clock.reset());

const fen = async (page: Page, testid: string) => Number(await page.getByTestId(testid).first().getAttribute("data-fen"));
const csv = (lines: DouyinLine[]) => ({ name: "douyin-orders.csv", mimeType: "text/csv", buffer: Buffer.from(douyinExport(lines)) });

describe("money on a phone", () => {
  it("a brand tops up through the simulated bank, its booking's slot fee is held, it imports a session's Douyin sales; the host sees them pending, released, then clawed back", async () => {
    const brandApi = (await e2e.client(brandLogin)).api;
    const hostClient = await e2e.client(host.login);
    const brandID = (await brandApi.org.mine.query()).find((o) => o.kind === "brand")?.orgID as string;

    // The brand admin tops up ¥2,000 through the simulated bank, on the wallet page.
    const brand = await e2e.phone();
    await brand.clock.install();
    await e2e.signInDemo(brand, brandLogin);
    await brand.getByTestId("brand-wallet-link").click();
    await brand.getByTestId("wallet-page").waitFor();
    const before = await brandApi.wallet.balance.query({ brandID });
    await until(() => fen(brand, "wallet-available")).toBe(before.available);
    const bank = brand.getByTestId("simulated-bank");
    await bank.getByTestId("top-up-amount").fill("12.345");
    await bank.getByTestId("bank-start").click();
    await bank.getByText("请输入金额（元），最多两位小数").waitFor();
    await bank.getByTestId("top-up-amount").fill("2,000");
    await bank.getByTestId("bank-start").click();
    await bank.getByTestId("bank-transfer").waitFor();
    await bank.getByTestId("bank-succeed").click();
    await until(() => fen(brand, "wallet-available")).toBe(before.available + 200_000);
    const topUp = brand.getByTestId("wallet-movements").getByTestId("movement").first();
    await until(() => topUp.getAttribute("data-memo")).toBe("top_up");
    await until(() => topUp.textContent()).toContain("+¥2,000.00");
    await shot(brand, "money-wallet-topped-up");

    // A booking two days out, made through the API: the host asks a ¥600 slot fee, the brand accepts; the fee is held.
    const date = new Date(Date.now() + 8 * HOUR + 2 * DAY).toISOString().slice(0, 10);
    const gig = await brandApi.market.createGig.mutate({
      brandID,
      title,
      products: [{ name: "徐州烟薯礼盒 5 斤", priceFen: 3_990 }],
      category: "fresh_produce",
      mode: "onsite",
      city: "xuzhou",
      venue: "徐州彭城广场直播间",
      date,
      startTime: "14:00",
      minutes: 120,
      requiredCertifications: [],
      languages: ["mandarin"],
      budgetFen: 60_000,
      commissionBps: 2000,
    });
    await hostClient.api.market.applyTo.mutate({ gigID: gig.gigID, terms: { slotFeeFen: 60_000, commissionBps: 2000, tiers: [] } });
    const booking = await brandApi.market.accept.mutate({ gigID: gig.gigID, hostID: hostClient.personID, round: 1 });
    await brand.reload();
    await until(() => fen(brand, "wallet-held")).toBe(before.held + 60_000);
    await until(() => fen(brand, "wallet-available")).toBe(before.available + 200_000 - 60_000);
    const hold = brand.getByTestId("wallet-movements").getByTestId("movement").first();
    await until(() => hold.getAttribute("data-memo")).toBe("slot_fee_hold");
    await until(() => hold.textContent()).toContain("坑位费冻结");

    // An hour and a half into the session, the brand imports the Douyin export: one row was paid the day before, so it is rejected.
    const start = Date.parse(booking.startsAt);
    await moveTo(start + 90 * 60_000, brand);
    const lines: DouyinLine[] = [
      { order: "6938300000000000001", sku: "5101", product: "徐州烟薯礼盒 5 斤", paidYuan: "39.90", paidAt: start + 10 * 60_000 },
      { order: "6938300000000000002", sku: "5101", product: "徐州烟薯礼盒 5 斤", paidYuan: "119.70", paidAt: start + 40 * 60_000 },
      { order: "6938300000000000003", sku: "5102", product: "烟薯干 500g", paidYuan: "29.90", paidAt: start - DAY },
    ];
    await brand.goto(`${e2e.stack.webUrl}/bookings/${booking.bookingID}`);
    const importer = brand.getByTestId("sales-import");
    await importer.getByTestId("sales-file").setInputFiles(csv(lines));
    const preview = importer.getByTestId("sales-preview");
    await until(() => preview.getByTestId("preview-new").textContent()).toBe("2");
    await until(() => preview.getByTestId("preview-rejected").textContent()).toBe("1");
    await until(() => preview.getByTestId("rejected-row").textContent()).toContain("第 4 行 · 付款时间付款时间不在本场直播内");
    await preview.getByTestId("preview-rule").getByText("整份文件默认都不导入").waitFor();
    await until(() => preview.getByTestId("preview-commission").textContent()).toBe("佣金 ¥0.00 → ¥31.92");
    await shot(brand, "money-sales-preview");
    await preview.getByTestId("sales-import-valid").click();
    const sales = brand.getByTestId("booking-money");
    await until(() => fen(brand, "sales-gmv")).toBe(15_960);
    await until(() => fen(brand, "sales-pending")).toBe(3_192);
    await until(() => sales.getByTestId("sale-line").count()).toBe(2);
    await until(() => sales.getByTestId("sales-slot-fee").getAttribute("data-state")).toBe("held");

    // The host sees the commission pending on their earnings page.
    const pendingShare = (await (await e2e.client(host.login)).api.sale.ofBooking.query({ bookingID: booking.bookingID })).money.pending.host;
    const phone = await e2e.phone();
    await phone.clock.install({ time: Clock.now() });
    await e2e.signInDemo(phone, host.login);
    await phone.goto(`${e2e.stack.webUrl}/earnings`);
    const row = phone.getByTestId("earnings-booking").filter({ hasText: title });
    await until(() => row.getByTestId("earnings-booking-pending").textContent()).toContain(money(pendingShare));
    await until(() => row.getByTestId("earnings-booking-released").textContent()).toContain("¥0.00");
    await phone.getByTestId("earnings-next-releases").getByText(title).waitFor();
    await shot(phone, "money-earnings-pending");

    // Past the return window (no receipt: 15 days after payment) the release job runs: the host's share is available.
    await moveTo(start + 16 * DAY, brand, phone);
    await Actor.provide({ type: "system", name: "e2e" }, () => Sale.releaseDue());
    const released = (await (await e2e.client(host.login)).api.earnings.mine.query({})).items.find((b) => b.bookingID === booking.bookingID);
    await phone.reload();
    await until(() => row.getByTestId("earnings-booking-released").textContent()).toContain(money(released?.releasedFen ?? -1));
    await until(() => row.getByTestId("earnings-booking-pending").textContent()).toContain("¥0.00");
    const clawedBefore = await fen(phone, "earnings-clawed-back");

    // Order 1 is refunded after release: the brand imports the revised export; the host's page shows the clawback.
    await brand.reload();
    const revised = lines.slice(0, 2).map((l, i) => (i === 0 ? { ...l, refundYuan: "39.90", status: "已退款" } : l));
    await brand.getByTestId("sales-import").getByTestId("sales-file").setInputFiles(csv(revised));
    await until(() => brand.getByTestId("preview-changed").textContent()).toBe("1");
    await until(() => brand.getByTestId("preview-unchanged").textContent()).toBe("1");
    await brand.getByTestId("sales-import-all").click();
    await until(() => fen(brand, "sales-refunded")).toBe(3_990);
    await brand.getByTestId("sales-clawed-back").waitFor();
    await until(() => brand.locator('[data-line="6938300000000000001-5101"]').getAttribute("data-revision")).toBe("2");

    await phone.reload();
    const clawback = phone.getByTestId("earnings-movements").locator('[data-memo="clawback"]').first();
    await clawback.getByTestId("clawback-badge").waitFor();
    await until(() => clawback.textContent()).toContain("结算后退款扣回");
    await until(() => fen(phone, "earnings-clawed-back")).toBeGreaterThan(clawedBefore);
    await shot(phone, "money-earnings-clawback");
  }, 180_000);

  it("an agency asks ops for a larger share; ops approve it on the platform money page, where the ledger checks balanced", async () => {
    Clock.reset();
    const agency = await e2e.phone();
    await e2e.signInDemo(agency, DEMO_ACCOUNTS.agencyAdmin.login);
    await agency.getByTestId("agency-share-link").first().click();
    const current = agency.getByTestId("share-current");
    await until(() => current.getByTestId("share-approved").textContent()).toContain("10%，证书颁发后 12 个月内");
    await current.getByTestId("share-percent").fill("40");
    await current.getByTestId("share-send").click();
    await current.getByText("分成比例最多 30%").waitFor();
    await current.getByTestId("share-percent").fill("12.5");
    await current.getByTestId("share-months").fill("24");
    await current.getByTestId("share-send").click();
    await until(() => current.getByTestId("share-waiting").textContent()).toContain("12.5%，24 个月");
    await agency.getByTestId("share-earnings").getByTestId("share-host").first().waitFor();
    await shot(agency, "money-agency-share");

    const ops = await e2e.phone();
    await e2e.signInDemo(ops, DEMO_ACCOUNTS.ops.login);
    await ops.getByTestId("ops-money-link").click();
    await ops.getByTestId("ops-money-overview").getByTestId("ops-wallets").waitFor();
    await ops.getByTestId("ledger-check-run").click();
    await ops.getByTestId("ledger-balanced").waitFor();
    const request = ops.getByTestId("ops-share-request").filter({ hasText: "苏州星播直播电商学院" });
    await until(() => request.textContent()).toContain("申请 12.5%，24 个月");
    await shot(ops, "money-ops");
    await request.getByTestId("ops-share-approve").click();
    await until(() => request.count()).toBe(0);

    await agency.reload();
    await until(() => agency.getByTestId("share-approved").textContent()).toContain("12.5%，证书颁发后 24 个月内");
    await until(() => agency.getByTestId("share-waiting").count()).toBe(0);
  }, 180_000);
});

/** Fen as the pages write them ("¥7.98"), through a decimal string as the app does. */
const money = (fen: number) =>
  new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" }).format(
    `${fen < 0 ? "-" : ""}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, "0")}` as Intl.StringNumericLiteral,
  );

/** Payouts: a host with no payout method in the demo data (the seed gives one to the Xuzhou host): a first method pauses nothing. */
const payee = DEMO_ACCOUNTS.hostNanjing;
const ALIPAY = "13912345678";
const payoutTitle = `南京盐水鸭专场 ${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;

const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

/**
 * Money for the payee to be paid: a session two days ago, booked three days ago with a ¥600 slot
 * fee and completed by the brand's review, whose slot fee posted to the payee's available balance.
 */
async function earnSlotFee(): Promise<void> {
  const now = Date.now();
  try {
    await moveTo(now - 3 * DAY);
    const brandApi = (await e2e.client(DEMO_ACCOUNTS.brand.login)).api;
    const hostClient = await e2e.client(payee.login);
    const brandID = (await brandApi.org.mine.query()).find((o) => o.kind === "brand")?.orgID as string;
    const gig = await brandApi.market.createGig.mutate({
      brandID,
      title: payoutTitle,
      products: [{ name: "南京盐水鸭礼盒", priceFen: 6_800 }],
      category: "food",
      mode: "onsite",
      city: "nanjing",
      venue: "南京夫子庙直播基地",
      date: new Date(now - 2 * DAY + 8 * HOUR).toISOString().slice(0, 10),
      startTime: "19:30",
      minutes: 120,
      requiredCertifications: [],
      languages: ["mandarin"],
      budgetFen: 60_000,
      commissionBps: 2000,
    });
    await hostClient.api.market.applyTo.mutate({ gigID: gig.gigID, terms: { slotFeeFen: 60_000, commissionBps: 2000, tiers: [] } });
    const booking = await brandApi.market.accept.mutate({ gigID: gig.gigID, hostID: hostClient.personID, round: 1 });
    await moveTo(Date.parse(booking.endsAt) + HOUR);
    const brandLater = (await e2e.client(DEMO_ACCOUNTS.brand.login)).api;
    await brandLater.market.review.mutate({ bookingID: booking.bookingID, stars: 5, comment: "讲解清楚，节奏好。" });
    // the completion's slot fee, without waiting for the event (a later delivery posts nothing again)
    await Actor.provide({ type: "system", name: "e2e" }, () => Sale.settleSlotFee(booking.bookingID));
  } finally {
    Clock.reset();
  }
}

describe("payouts on a phone", () => {
  it("a payee sets an Alipay account; ops pay a run; a refused transfer comes back, is retried and paid; the ledger checks; the statement shows it and downloads as CSV", async () => {
    await earnSlotFee();
    const hostClient = await e2e.client(payee.login);
    const hostID = hostClient.personID;
    const before = await hostClient.api.payout.mine.query({ payeeID: hostID });
    expect(before.settings.method).toBeUndefined();
    const available = before.availableFen;
    expect(available).toBeGreaterThanOrEqual(before.settings.minimumFen);

    // The payee adds an Alipay account on /payouts: checked beside each field, the password asked again.
    const phone = await e2e.phone();
    await e2e.signInDemo(phone, payee.login);
    await phone.getByTestId("user-menu").click();
    await phone.getByTestId("menu-payouts").click();
    await phone.getByTestId("payouts-page").waitFor();
    await until(() => fen(phone, "payout-available")).toBe(available);
    await phone.getByTestId("payout-method").getByText("还没有设置收款账户").waitFor();
    const form = phone.getByTestId("payout-method-form");
    await form.getByTestId("payout-account").fill("139 1234 567");
    await form.getByTestId("payout-name").fill(payee.name);
    await form.getByTestId("payout-password").fill("not-my-password");
    await form.getByTestId("payout-method-save").click();
    await form.getByText("请填写中国大陆手机号或邮箱").waitFor();
    await form.getByTestId("payout-account").fill("139 1234 5678");
    await form.getByTestId("payout-method-save").click();
    await form.getByText("密码不正确").waitFor();
    await form.getByTestId("payout-password").fill(DEMO_PASSWORD);
    await form.getByTestId("payout-method-save").click();
    await until(() => phone.getByTestId("payout-method-account").textContent()).toBe("支付宝 139****5678 · **琳");
    await until(() => phone.getByTestId("payout-paused").count()).toBe(0);
    await shot(phone, "payout-method-set");

    // Ops start a run from the ops home; a second one while it runs is refused, with the way to the first.
    const ops = await e2e.phone();
    await e2e.signInDemo(ops, DEMO_ACCOUNTS.ops.login);
    await ops.getByTestId("ops-payouts-link").click();
    await ops.getByTestId("ops-payouts-start-button").click();
    const detail = ops.getByTestId("run-detail");
    await detail.waitFor();
    const runID = (await detail.getAttribute("data-run")) as string;
    await ops.getByRole("link", { name: "全部批次" }).click();
    // on a laptop the page leads to the provider console
    await ops.getByTestId("ops-payouts-console-link").waitFor();
    await ops.getByTestId("ops-payouts-start-button").click();
    await ops.getByTestId("form-error").getByText("已有一批提现正在进行").waitFor();
    await ops.getByTestId("ops-payouts-active").click();
    await until(() => detail.getAttribute("data-run")).toBe(runID);
    // every chunk sent: the run waits for Alipay's answers
    await until(() => detail.getAttribute("data-phase"), 30_000).toBe("settling");
    await ops.getByTestId("run-open").getByText(hostID).waitFor();
    await shot(ops, "payout-run-settling");

    // In the provider console the tester refuses the payee's transfer: the account doesn't exist.
    const tester = await e2e.phone();
    await tester.goto(`${e2e.stack.webUrl}/dev/payouts`);
    const pendingFor = (identity: string) => tester.locator(`[data-testid="dev-transfer"][data-identity="${identity}"][data-state="pending"]`);
    const first = pendingFor(ALIPAY);
    await until(() => first.getAttribute("data-fen"), 30_000).toBe(String(available));
    const firstRef = (await first.getAttribute("data-reference")) as string;
    await first.getByTestId("dev-transfer-code").selectOption("PAYEE_NOT_EXIST");
    // the console lays its list out again on every refresh: press the row's own button (no hit-test on a layout that may shift)
    await first.getByTestId("dev-transfer-fail").dispatchEvent("click");
    const firstRow = tester.locator(`[data-testid="dev-transfer"][data-reference="${firstRef}"]`);
    await until(() => firstRow.getAttribute("data-state")).toBe("failed");
    // the run's other payees (those the demo data gave an account) are paid, so the run can finish
    const ofRun = `[data-testid="dev-transfer"][data-state="pending"][data-reference^="ZB${runID.slice(4)}"]`;
    for (const ref of await tester.locator(ofRun).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-reference") as string))) {
      const row = tester.locator(`[data-testid="dev-transfer"][data-reference="${ref}"]`);
      await row.getByTestId("dev-transfer-succeed").dispatchEvent("click");
      await until(() => row.getAttribute("data-state")).toBe("succeeded");
    }
    await shot(tester, "payout-console");

    // Ops see the failure with its reason; the payee sees the payout failed and the money back in available.
    const failure = ops.getByTestId("run-failure").filter({ hasText: hostID });
    await until(() => failure.getByTestId("payout-reason").textContent(), 30_000).toBe("收款支付宝账号不存在，请检查账号");
    await until(() => detail.getAttribute("data-phase")).toBe("done");
    await phone.reload();
    const item = phone.locator(`[data-testid="payout-item"][data-run="${runID}"]`);
    await until(() => item.getByTestId("payout-status").textContent()).toBe("失败已退回");
    await until(() => item.getByTestId("payout-reason").textContent()).toBe("收款支付宝账号不存在，请检查账号");
    await until(() => fen(phone, "payout-available")).toBe(available);
    await until(() => fen(phone, "payout-inflight")).toBe(0);
    await shot(phone, "payout-failed-returned");

    // Ops retry it: a second attempt under a new reference, which the console pays.
    await failure.getByTestId("run-retry").click();
    await until(() => failure.count()).toBe(0);
    await until(() => detail.getAttribute("data-phase")).not.toBe("done");
    const second = pendingFor(ALIPAY);
    await until(() => second.getAttribute("data-reference"), 30_000).toMatch(/A2$/);
    await phone.reload();
    await until(() => item.getByTestId("payout-status").textContent()).toBe("处理中");
    await until(() => fen(phone, "payout-inflight")).toBe(available);
    await second.getByTestId("dev-transfer-succeed").dispatchEvent("click");

    // The run is done, and its ledger check is clean.
    await until(() => detail.getAttribute("data-phase"), 30_000).toBe("done");
    await until(() => detail.getByTestId("run-counts").textContent()).toContain("失败 0 笔");
    await ops.getByTestId("run-check-run").click();
    await until(() => ops.getByTestId("run-check-result").getAttribute("data-ok"), 30_000).toBe("yes");
    await shot(ops, "payout-run-done");

    await phone.reload();
    await until(() => item.getByTestId("payout-status").textContent()).toBe("已到账");
    await until(() => fen(phone, "payout-paid-out")).toBe(before.paidOutFen + available);
    await until(() => fen(phone, "payout-available")).toBe(0);
    await until(() => fen(phone, "payout-inflight")).toBe(0);

    // This month's statement shows the payout, its return and the second payout; the CSV keeps its byte-order mark.
    await phone.getByTestId("payout-statements-link").click();
    await phone.getByTestId("statements-page").waitFor();
    const month = chinaMonth(Date.now());
    await phone.getByTestId("statement-month").selectOption(month);
    const statement = phone.locator(`[data-testid="statement"][data-month="${month}"]`);
    const lines = statement.getByTestId("statement-account").first().getByTestId("statement-movement");
    await until(() => lines.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-memo")).filter((m) => m?.startsWith("payout")))).toEqual([
      "payout",
      "payout_returned",
      "payout",
    ]);
    await statement.getByText("提现失败退回").first().waitFor();
    await statement.getByText("提现（处理中）").first().waitFor();
    await shot(phone, "payout-statement");
    const [download] = await Promise.all([phone.waitForEvent("download"), phone.getByTestId("statement-download").click()]);
    expect(download.suggestedFilename()).toBe(`zhubo-statement-${hostID}-${month}.csv`);
    const csv = readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toContain("提现失败退回");

    // The print view: the owner and the month on a sheet, none of the app's header.
    await phone.getByTestId("statement-print").click();
    await phone.getByTestId("statement-print-page").waitFor();
    await until(() => phone.getByTestId("statement-print-owner").textContent()).toBe(`账户：${payee.name}`);
    await until(() => phone.locator(".app-header").isVisible()).toBe(false);
    await until(() => phone.getByTestId("print-account").count()).toBe(2);
    await shot(phone, "payout-statement-print");
  }, 180_000);
});
