import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Sale } from "@zhubo/core/sale";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/seed";
import { phoneStack, shots, until } from "./harness";

const e2e = phoneStack("payout");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A host with no payout method in the demo data (the seed gives one to the Xuzhou host and the agency): a first method pauses nothing. */
const host = DEMO_ACCOUNTS.hostNanjing;
const ALIPAY = "13912345678";
const title = `南京盐水鸭专场 ${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;

/** The server's clock (the stack runs in this process) moved to `ms` and ticking on from there. */
function moveTo(ms: number) {
  const offset = ms - Date.now();
  Clock.use({ now: () => Date.now() + offset });
}
afterAll(() => Clock.reset());

const fen = async (page: Page, testid: string) => Number(await page.getByTestId(testid).first().getAttribute("data-fen"));
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

/**
 * Money for the host to be paid: a session two days ago, booked three days ago with a ¥600 slot
 * fee and completed by the brand's review, whose slot fee posted to the host's available balance.
 */
async function earnSlotFee(): Promise<void> {
  const now = Date.now();
  try {
    moveTo(now - 3 * DAY);
    const brandApi = (await e2e.client(DEMO_ACCOUNTS.brand.login)).api;
    const hostClient = await e2e.client(host.login);
    const brandID = (await brandApi.org.mine.query()).find((o) => o.kind === "brand")?.orgID as string;
    const gig = await brandApi.market.createGig.mutate({
      brandID,
      title,
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
    moveTo(Date.parse(booking.endsAt) + HOUR);
    const brandLater = (await e2e.client(DEMO_ACCOUNTS.brand.login)).api;
    await brandLater.market.review.mutate({ bookingID: booking.bookingID, stars: 5, comment: "讲解清楚，节奏好。" });
    // the completion's slot fee, without waiting for the event (a later delivery posts nothing again)
    await Actor.provide({ type: "system", name: "e2e" }, () => Sale.settleSlotFee(booking.bookingID));
  } finally {
    Clock.reset();
  }
}

describe("payouts on a phone", () => {
  it("a host sets an Alipay account; ops pay a run; a refused transfer comes back, is retried and paid; the ledger checks; the statement shows it and downloads as CSV", async () => {
    await earnSlotFee();
    const hostClient = await e2e.client(host.login);
    const hostID = hostClient.personID;
    const before = await hostClient.api.payout.mine.query({ payeeID: hostID });
    expect(before.settings.method).toBeUndefined();
    const available = before.availableFen;
    expect(available).toBeGreaterThanOrEqual(before.settings.minimumFen);

    // The host adds an Alipay account on /payouts: checked beside each field, the password asked again.
    const phone = await e2e.phone();
    await e2e.signInDemo(phone, host.login);
    await phone.getByTestId("user-menu").click();
    await phone.getByTestId("menu-payouts").click();
    await phone.getByTestId("payouts-page").waitFor();
    await until(() => fen(phone, "payout-available")).toBe(available);
    await phone.getByTestId("payout-method").getByText("还没有设置收款账户").waitFor();
    const form = phone.getByTestId("payout-method-form");
    await form.getByTestId("payout-account").fill("139 1234 567");
    await form.getByTestId("payout-name").fill(host.name);
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

    // In the provider console the tester refuses the host's transfer: the account doesn't exist.
    const tester = await e2e.phone();
    await tester.goto(`${e2e.stack.webUrl}/dev/payouts`);
    const pendingFor = (identity: string) => tester.locator(`[data-testid="dev-transfer"][data-identity="${identity}"][data-state="pending"]`);
    const first = pendingFor(ALIPAY);
    await until(() => first.getAttribute("data-fen"), 30_000).toBe(String(available));
    const firstRef = (await first.getAttribute("data-reference")) as string;
    await first.getByTestId("dev-transfer-code").selectOption("PAYEE_NOT_EXIST");
    await first.getByTestId("dev-transfer-fail").click();
    const firstRow = tester.locator(`[data-testid="dev-transfer"][data-reference="${firstRef}"]`);
    await until(() => firstRow.getAttribute("data-state")).toBe("failed");
    // the run's other payees (those the demo data gave an account) are paid, so the run can finish
    const ofRun = `[data-testid="dev-transfer"][data-state="pending"][data-reference^="ZB${runID.slice(4)}"]`;
    for (const ref of await tester.locator(ofRun).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-reference") as string))) {
      const row = tester.locator(`[data-testid="dev-transfer"][data-reference="${ref}"]`);
      await row.getByTestId("dev-transfer-succeed").click();
      await until(() => row.getAttribute("data-state")).toBe("succeeded");
    }
    await shot(tester, "payout-console");

    // Ops see the failure with its reason; the host sees the payout failed and the money back in available.
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
    await second.getByTestId("dev-transfer-succeed").click();

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
    await until(() => phone.getByTestId("statement-print-owner").textContent()).toBe(`账户：${host.name}`);
    await until(() => phone.locator(".app-header").isVisible()).toBe(false);
    await until(() => phone.getByTestId("print-account").count()).toBe(2);
    await shot(phone, "payout-statement-print");
  }, 180_000);
});
