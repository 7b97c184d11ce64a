import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { as, brand, cardInput, certified, gigInput, people } from "../../test/factory.js";
import { expectLedgerSound } from "../../test/ledger-sound.js";
import type { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import type { VisibleError } from "../error/index.js";
import { Ledger } from "../ledger/index.js";
import { type Booking, Market } from "../market/index.js";
import { Payee } from "../payee/index.js";
import { Wallet } from "../wallet/index.js";
import type { Tier } from "./commission.js";
import { Sale } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

afterEach(() => Clock.reset());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A certified host (trained by an agency with an approved share), a funded brand, and their booking. */
async function session(o: { slotFeeFen?: number; commissionBps?: number; tiers?: Tier[]; shareBps?: number; fundFen?: number } = {}) {
  // a host an agency trained (with its share) only where the test needs the agency; else any verified host
  const c = o.shareBps ? await certified(1) : undefined;
  const host = (c?.hosts[0] ?? (await people(1, "主播"))[0]) as Actor.PersonActor;
  await as(host, () => Market.saveCard(cardInput()));
  if (c && o.shareBps) {
    const asked = await as(c.admin.actor, () => Payee.proposeShare({ agencyID: c.org.orgID, shareBps: o.shareBps as number, months: 12 }));
    await as(c.ops.actor, () => Payee.decideShare({ agencyID: c.org.orgID, approve: true, proposedAt: asked.proposed?.at as string }));
  }
  const b = await brand("徐州老城牛肉月饼", { fundFen: o.fundFen ?? 10_000_000 });
  const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
  const terms = { slotFeeFen: o.slotFeeFen ?? 100_000, commissionBps: o.commissionBps ?? 2000, tiers: o.tiers ?? [] };
  await as(host, () => Market.apply({ gigID: gig.gigID, terms }));
  const booking = await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
  return { host, brand: b, gig, booking, agencyID: c?.org.orgID as string };
}

/** The clock during the session (an hour after its start), or `ms` after its end. */
const during = (b: Booking) => Clock.use(Clock.fixed(Date.parse(b.startsAt) + HOUR));
const after = (b: Booking, ms: number) => Clock.use(Clock.fixed(Date.parse(b.endsAt) + ms));

/** China time as the Douyin export writes it. */
const cst = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");

interface Row {
  order: string;
  sku: string;
  paid: string;
  refund?: string;
  status?: string;
  paidAt: number;
  receivedAt?: number;
}

/** A Douyin 精选联盟 order export with its Chinese headers (amounts in yuan, '-' for empty). */
function douyin(rows: Row[]): string {
  const header = "订单id,商品id,商品名称,作者账号,支付金额,佣金率,订单状态,付款时间,收货时间,结算金额,退款金额";
  const lines = rows.map((r) =>
    [
      r.order,
      r.sku,
      '"牛肉月饼礼盒, 6枚装"',
      "zhangke_live",
      r.paid,
      "20%",
      r.status ?? "已付款",
      cst(r.paidAt),
      r.receivedAt ? cst(r.receivedAt) : "-",
      "-",
      r.refund ?? "-",
    ].join(","),
  );
  return [header, ...lines].join("\r\n");
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");

async function balances(s: Awaited<ReturnType<typeof session>>) {
  const [hostPending, hostEarned, wallet] = await Promise.all([
    Ledger.balance(Payee.pendingOf(s.host.personID), { missing: "zero" }),
    Ledger.balance(Payee.earnedOf(s.host.personID), { missing: "zero" }),
    Ledger.balance(Wallet.accountOf(s.brand.org.orgID), { missing: "zero" }),
  ]);
  return { hostPending: hostPending.available, hostEarned: hostEarned.available, wallet: wallet.available, held: wallet.debitsPending };
}

describe("slot fees", () => {
  it("holds the fee when a booking is made, refuses a booking the wallet can't cover, and moves the hold with a new contract version", async () => {
    const s = await session({ slotFeeFen: 100_000 });
    expect(s.booking.money?.hold).toMatchObject({ amountFen: 100_000, version: 1 });
    expect(await as(s.brand.actor, () => Wallet.balance({ brandID: s.brand.org.orgID }))).toMatchObject({ available: 9_900_000, held: 100_000 });

    await as(s.host, () => Market.proposeTerms({ bookingID: s.booking.bookingID, terms: { slotFeeFen: 150_000, commissionBps: 2000, tiers: [] } }));
    const moved = await as(s.brand.actor, () => Market.acceptTerms({ bookingID: s.booking.bookingID, version: 1 }));
    expect(moved.money?.hold).toMatchObject({ amountFen: 150_000, version: 2 });
    expect(await as(s.brand.actor, () => Wallet.balance({ brandID: s.brand.org.orgID }))).toMatchObject({ available: 9_850_000, held: 150_000 });

    // a wallet that can't cover the fee: no booking, no hold, the offer still open
    const [host] = (await people(1)) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const poor = await brand("宿迁小店", { fundFen: 50_000 });
    const gig = await as(poor.actor, () => Market.create(gigInput(poor.org.orgID)));
    await as(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 80_000, commissionBps: 1500, tiers: [] } }));
    const refused = await reject(as(poor.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })));
    expect([refused.code, refused.kind]).toEqual(["wallet.insufficient", "conflict"]);
    expect(refused.message).toContain("800.00");
    expect((await as(poor.actor, () => Market.offersOfGig({ gigID: gig.gigID }))).items.map((o) => o.status)).toEqual(["open"]);
    expect(await as(poor.actor, () => Wallet.balance({ brandID: poor.org.orgID }))).toMatchObject({ available: 50_000, held: 0 });
    expect((await as(host, () => Market.bookings({ from: "2026-01-01" }))).items).toEqual([]);
    // a bigger fee than the wallet covers can't be accepted as a new version either: the old hold stays
    await as(s.host, () => Market.proposeTerms({ bookingID: s.booking.bookingID, terms: { slotFeeFen: 20_000_000, commissionBps: 2000, tiers: [] } }));
    expect((await reject(as(s.brand.actor, () => Market.acceptTerms({ bookingID: s.booking.bookingID, version: 2 })))).code).toBe("wallet.insufficient");
    expect((await as(s.brand.actor, () => Market.booking({ bookingID: s.booking.bookingID }))).money?.hold).toMatchObject({ amountFen: 150_000, version: 2 });
    await expectLedgerSound();
  }, 120_000);

  it("voids the hold on a cancellation or a no-show, and posts it split three ways when the session completes, once", async () => {
    const cancelled = await session({ slotFeeFen: 100_000 });
    await as(cancelled.brand.actor, () => Market.cancel({ bookingID: cancelled.booking.bookingID, reason: "产品延期到货" }));
    expect(await as(cancelled.brand.actor, () => Wallet.balance({ brandID: cancelled.brand.org.orgID }))).toMatchObject({ available: 10_000_000, held: 0 });

    const absent = await session({ slotFeeFen: 100_000 });
    during(absent.booking);
    await as(absent.brand.actor, () => Market.noShow({ bookingID: absent.booking.bookingID }));
    expect(await as(absent.brand.actor, () => Wallet.balance({ brandID: absent.brand.org.orgID }))).toMatchObject({ available: 10_000_000, held: 0 });

    const done = await session({ slotFeeFen: 100_000, shareBps: 2000 });
    after(done.booking, HOUR);
    await as(done.brand.actor, () => Market.review({ bookingID: done.booking.bookingID, stars: 5, comment: "很专业" }));
    const results = await Promise.all([1, 2, 3].map(() => Sale.settleSlotFee(done.booking.bookingID)));
    expect(results.filter((r) => r === "posted")).toHaveLength(1);
    // platform 10 % first, the agency 20 % of the rest, the host the rest
    expect((await Ledger.balance(Payee.earnedOf(done.host.personID))).available).toBe(72_000);
    expect((await Ledger.balance(Payee.earnedOf(done.agencyID))).available).toBe(18_000);
    expect(await as(done.brand.actor, () => Wallet.balance({ brandID: done.brand.org.orgID }))).toMatchObject({
      available: 9_900_000,
      held: 0,
      spent: 100_000,
    });
    expect(await Sale.settleSlotFee(done.booking.bookingID)).toBe("already");
    await expectLedgerSound();
  }, 180_000);
});

describe("sales import", () => {
  it("imports a Douyin export (Chinese headers, GB18030 or UTF-8 with BOM) once, in any order, and posts only a changed line's difference", async () => {
    const s = await session({ slotFeeFen: 0, commissionBps: 2000, shareBps: 1000 });
    const t0 = Date.parse(s.booking.startsAt);
    during(s.booking);
    const rows: Row[] = [
      { order: "6930000000000000001", sku: "3601", paid: "128.00", paidAt: t0 + 10 * 60_000 },
      { order: "6930000000000000002", sku: "3601", paid: "256.00", paidAt: t0 + 20 * 60_000 },
      { order: "6930000000000000002", sku: "3602", paid: "99.90", paidAt: t0 + 20 * 60_000 },
    ];
    const file = b64(iconv.encode(douyin(rows), "gb18030"));
    const seen = await as(s.brand.actor, () => Sale.preview({ bookingID: s.booking.bookingID, file }));
    expect(seen).toMatchObject({
      platform: "douyin",
      rows: 3,
      new: 3,
      changed: 0,
      rejected: [],
      paidFen: 48_390,
      commissionBeforeFen: 0,
      commissionAfterFen: 9_678,
    });
    expect(seen.sample[0]).toMatchObject({ lineID: "6930000000000000001-3601", productName: "牛肉月饼礼盒, 6枚装", paidFen: 12_800, platformRateBps: 2000 });
    expect((await as(s.brand.actor, () => Sale.ofBooking({ bookingID: s.booking.bookingID }))).lineCount).toBe(0);

    const first = await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file }));
    expect(first).toMatchObject({ imported: 3, commissionFen: 9_678 });
    // the same rows reordered, as UTF-8 with a BOM: nothing changes
    const again = await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file: b64(`\uFEFF${douyin([...rows].reverse())}`) }));
    expect(again).toMatchObject({ imported: 0, unchanged: 3, commissionFen: 9_678 });
    // pending until the return window closes: 10 % platform, the agency 10 % of the rest, the host the rest
    expect(await balances(s)).toMatchObject({ hostPending: 7_839, hostEarned: 0, wallet: 10_000_000 - 9_678 });

    // a refund on one line: a new revision of that line, only the difference moves back to the wallet
    const refunded = rows.map((r) => (r.sku === "3602" ? { ...r, refund: "99.90", status: "已退款" } : r));
    const revised = await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file: b64(douyin(refunded)) }));
    expect(revised).toMatchObject({ imported: 1, changed: 1, unchanged: 2, commissionFen: 7_680 });
    const money = await as(s.host, () => Sale.ofBooking({ bookingID: s.booking.bookingID }));
    expect(money.lines.find((l) => l.lineID.endsWith("3602"))).toMatchObject({ revision: 2, refundedFen: 9_990 });
    expect(money.money).toMatchObject({ gmvFen: 48_390, refundedFen: 9_990, commissionFen: 7_680 });
    expect(await balances(s)).toMatchObject({ hostPending: 6_221, wallet: 10_000_000 - 7_680 });
    await expectLedgerSound();
  }, 180_000);

  it("rejects rows paid outside the session, in another currency or refunding more than paid, with row and column; the file imports nothing unless the brand skips them", async () => {
    const s = await session({ slotFeeFen: 0 });
    const t0 = Date.parse(s.booking.startsAt);
    during(s.booking);
    const text = [
      "Order ID,SKU ID,Product name,Price,Items sold,Items refunded,GMV,Order settlement status,Order date,Currency",
      `5770000000000000001,1729001,Beef mooncake,¥128.00,1,0,¥128.00,Pending,${cst(t0 + 5 * 60_000)},CNY`,
      `5770000000000000002,1729001,Beef mooncake,128.00,2,3,256.00,Pending,${cst(t0 + 6 * 60_000)},CNY`,
      `5770000000000000003,1729001,Beef mooncake,$18.00,1,0,$18.00,Pending,${cst(t0 + 7 * 60_000)},USD`,
      `5770000000000000004,1729001,Beef mooncake,128.00,1,0,128.00,Pending,${cst(t0 - 5 * HOUR)},CNY`,
      `5770000000000000005,1729001,Beef mooncake,128.00,1,0,128.00,Pending,2026-02-30 20:00:00,CNY`,
    ].join("\n");
    const file = b64(text);
    const seen = await as(s.brand.actor, () => Sale.preview({ bookingID: s.booking.bookingID, file }));
    expect(seen.platform).toBe("tiktok");
    expect(seen.rejected).toEqual([
      { row: 3, column: "Items refunded", reason: expect.stringContaining("larger than") },
      { row: 4, column: "Currency", reason: expect.stringContaining("USD") },
      { row: 5, column: "Order date", reason: expect.stringContaining("outside this session") },
      { row: 6, column: "Order date", reason: expect.stringContaining("real date") },
    ]);
    const refused = await reject(as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file })));
    expect(refused.code).toBe("sale.rows_rejected");
    expect(Object.keys(refused.fields ?? {})).toEqual(["rows.3.Items refunded", "rows.4.Currency", "rows.5.Order date", "rows.6.Order date"]);
    expect((await as(s.brand.actor, () => Sale.ofBooking({ bookingID: s.booking.bookingID }))).lineCount).toBe(0);
    const skipped = await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file, skipRejected: true }));
    expect(skipped).toMatchObject({ imported: 1, commissionFen: 2_560 });
    // a file that isn't an export at all, and a missing column, are refused whatever the flag
    const junk = await reject(as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file: b64("a,b\n1,2"), skipRejected: true })));
    expect(junk.fields).toEqual({ "rows.1.header": expect.stringContaining("Douyin") });
    const noTime = await reject(
      as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file: b64("订单id,支付金额\n1,2.00"), skipRejected: true })),
    );
    expect(noTime.fields).toEqual({ "rows.1.header": "Missing column: 付款时间" });
  }, 120_000);

  it("takes JSON rows from a brand's integration, and shows a booking's money to its brand and host only", async () => {
    const s = await session({ slotFeeFen: 0, commissionBps: 1000, tiers: [{ aboveFen: 100_000, commissionBps: 2000 }] });
    const t0 = Date.parse(s.booking.startsAt);
    during(s.booking);
    const rows = [
      { orderID: "A1", lineID: "A1-1", paidFen: 80_000, paidAt: new Date(t0 + 60_000).toISOString() },
      { orderID: "A2", lineID: "A2-1", paidFen: 70_000, paidAt: new Date(t0 + 120_000).toISOString() },
    ];
    // marginal tiers: 10 % of the first ¥1,000, 20 % of the ¥500 above it
    const done = await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, platform: "douyin", rows }));
    expect(done.commissionFen).toBe(10_000 + 10_000);
    const bad = await reject(
      as(s.brand.actor, () =>
        Sale.importSales({
          bookingID: s.booking.bookingID,
          platform: "douyin",
          rows: [{ ...(rows[0] as (typeof rows)[number]), lineID: "A1-2", paidFen: 100, refundedFen: 200 }],
        }),
      ),
    );
    expect(bad.fields).toEqual({ "rows.1.refundedFen": expect.stringContaining("larger") });
    const [stranger] = (await people(1)) as [Actor.PersonActor];
    const other = await brand("苏州丝绸", { fundFen: 0 });
    for (const who of [stranger, other.actor]) {
      expect((await reject(as(who, () => Sale.ofBooking({ bookingID: s.booking.bookingID })))).kind).toBe("not_found");
      expect((await reject(as(who, () => Sale.importSales({ bookingID: s.booking.bookingID, platform: "douyin", rows })))).kind).toBe("not_found");
    }
    // the host sees its booking's money but can't import
    expect((await as(s.host, () => Sale.ofBooking({ bookingID: s.booking.bookingID }))).money.commissionFen).toBe(20_000);
    expect((await reject(as(s.host, () => Sale.importSales({ bookingID: s.booking.bookingID, platform: "douyin", rows })))).kind).toBe("not_found");
  }, 120_000);
});

describe("release and clawback", () => {
  it("releases commission when the return window closes, claws back a later refund, and recovers it from later earnings first", async () => {
    const s = await session({ slotFeeFen: 0, commissionBps: 2000 });
    const t0 = Date.parse(s.booking.startsAt);
    during(s.booking);
    const rows: Row[] = [
      { order: "6930000000000000101", sku: "1", paid: "500.00", paidAt: t0 + 60_000, receivedAt: t0 + 2 * DAY },
      { order: "6930000000000000102", sku: "1", paid: "100.00", paidAt: t0 + 60_000 },
    ];
    await as(s.brand.actor, () => Sale.importSales({ bookingID: s.booking.bookingID, file: b64(douyin(rows)) }));
    expect(await balances(s)).toMatchObject({ hostPending: 10_800, hostEarned: 0 });

    // nothing is due before the window closes
    Clock.use(Clock.fixed(t0 + 8 * DAY));
    expect(await Sale.releaseDue()).toMatchObject({ posted: 0 });
    // received + 7 days: the first line's commission becomes available
    Clock.use(Clock.fixed(t0 + 9 * DAY + 60_000));
    expect(await Sale.releaseDue()).toMatchObject({ posted: 1 });
    expect(await balances(s)).toMatchObject({ hostPending: 1_800, hostEarned: 9_000 });
    // paid + 15 days for the line never received
    Clock.use(Clock.fixed(t0 + 16 * DAY));
    await Sale.releaseDue();
    expect(await balances(s)).toMatchObject({ hostPending: 0, hostEarned: 10_800 });

    // the host is paid what was available (the payouts issue's run, stood in for by one posting)
    const paidOut = await Ledger.open({
      accountID: `test-payouts-${s.host.personID}`,
      kind: "payout_clearing",
      ownerID: "zhubo",
      normal: "debit",
      overdraft: "always",
    });
    await Ledger.post({
      commandID: `test-payout-${s.host.personID}`,
      transfers: [{ debit: Payee.earnedOf(s.host.personID), credit: paidOut.accountID, amount: 10_800 }],
    });

    // a full refund after release is a clawback: the host's available goes negative, only through it
    await as(s.brand.actor, () =>
      Sale.importSales({ bookingID: s.booking.bookingID, file: b64(douyin(rows.map((r) => ({ ...r, refund: r.paid, status: "已退款" })))) }),
    );
    expect(await balances(s)).toMatchObject({ hostPending: 0, hostEarned: -10_800 });
    const lines = await Ledger.lines(Payee.earnedOf(s.host.personID));
    expect(lines.items.filter((l) => l.memo === "clawback").map((l) => l.amount)).toEqual([10_800]);
    const money = await as(s.host, () => Sale.ofBooking({ bookingID: s.booking.bookingID }));
    expect(money.money).toMatchObject({ commissionFen: 0, clawedBackFen: 12_000 });

    // the host's next session's earnings recover it first
    const gig = await as(s.brand.actor, () => Market.create(gigInput(s.brand.org.orgID)));
    await as(s.host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 0, commissionBps: 2000, tiers: [] } }));
    const next = await as(s.brand.actor, () => Market.accept({ gigID: gig.gigID, hostID: s.host.personID, round: 1 }));
    during(next);
    const t1 = Date.parse(next.startsAt);
    await as(s.brand.actor, () =>
      Sale.importSales({ bookingID: next.bookingID, file: b64(douyin([{ order: "6930000000000000201", sku: "1", paid: "1000.00", paidAt: t1 + 60_000 }])) }),
    );
    Clock.use(Clock.fixed(t1 + 16 * DAY));
    await Sale.releaseDue();
    expect(await balances(s)).toMatchObject({ hostPending: 0, hostEarned: -10_800 + 18_000 });
    await expectLedgerSound();
  }, 180_000);
});
