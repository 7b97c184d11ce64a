import { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { type Booking, Market } from "@zhubo/core/market";
import { Payee } from "@zhubo/core/payee";
import { Payment } from "@zhubo/core/payment";
import { Payout } from "@zhubo/core/payout";
import { Sale } from "@zhubo/core/sale";
import { Wallet } from "@zhubo/core/wallet";

/**
 * The money's demo data, through the real verbs with the clock moved: the Xuzhou brand's wallet
 * funded by a simulated bank transfer; a session three weeks ago that completed (slot fee posted,
 * its Douyin sales imported, released, and one order refunded after release: a clawback); a
 * session three days ago whose commission is still pending; an upcoming booking whose slot fee is
 * held; and the Suzhou agency's share, approved by ops.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** China time as a Douyin export writes it. */
const cst = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");

export interface DouyinLine {
  order: string;
  sku: string;
  product: string;
  paidYuan: string;
  paidAt: number;
  receivedAt?: number;
  refundYuan?: string;
  status?: string;
}

/** A Douyin 精选联盟 order export as the platform writes it: Chinese headers, yuan, China time, '-' for empty. */
export function douyinExport(lines: DouyinLine[], author = "zhangke_live"): string {
  const header = "订单id,商品id,商品名称,作者账号,支付金额,佣金率,订单状态,付款时间,收货时间,结算金额,退款金额";
  const rows = lines.map((l) =>
    [
      l.order,
      l.sku,
      `"${l.product.replace(/"/g, '""')}"`,
      author,
      l.paidYuan,
      "20%",
      l.status ?? (l.receivedAt ? "已收货" : "已付款"),
      cst(l.paidAt),
      l.receivedAt ? cst(l.receivedAt) : "-",
      "-",
      l.refundYuan ?? "-",
    ].join(","),
  );
  return `${[header, ...rows].join("\r\n")}\r\n`;
}

const b64 = (text: string) => Buffer.from(text).toString("base64");

export interface MoneySeedInput {
  ops: Actor.PersonActor;
  agency: { orgID: string; admin: Actor.PersonActor };
  brand: { orgID: string; admin: Actor.PersonActor };
  host: Actor.PersonActor;
  /** The demo accounts' password (setting a payout method asks for it again). */
  password: string;
}

/** A gig the host applies to and the brand accepts, `inDays` from the (moved) clock, at 19:30 China time for two hours. */
async function book(input: MoneySeedInput, title: string, inDays: number, slotFeeFen: number): Promise<Booking> {
  const date = new Date(Clock.now() + 8 * HOUR + inDays * DAY).toISOString().slice(0, 10);
  const gig = await Actor.provide(input.brand.admin, () =>
    Market.create({
      brandID: input.brand.orgID,
      title,
      products: [{ name: "老城牛肉月饼礼盒", priceFen: 12_800 }],
      category: "local_speciality",
      mode: "onsite",
      city: "xuzhou",
      venue: "徐州彭城广场直播间",
      date,
      startTime: "19:30",
      minutes: 120,
      requiredCertifications: [],
      languages: ["mandarin"],
      budgetFen: slotFeeFen,
      commissionBps: 2000,
    }),
  );
  await Actor.provide(input.host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen, commissionBps: 2000, tiers: [] } }));
  return Actor.provide(input.brand.admin, () => Market.accept({ gigID: gig.gigID, hostID: input.host.personID, round: 1 }));
}

const at = (ms: number) => Clock.use(Clock.fixed(ms));

/** Runs a demo payout run to its end, the simulated provider answering each transfer by `decide`. */
async function runPayouts(runID: string, at: number, decide: (t: Payout.LocalTransfer) => "succeed" | { fail: string }): Promise<void> {
  const provider = Payout.currentProvider() as Payout.LocalPayoutProvider;
  const system = { type: "system" as const, name: "seed" };
  Clock.use(Clock.fixed(at));
  await Actor.provide(system, () => Payout.drive(runID));
  Clock.use(Clock.fixed(at + 5 * 60_000));
  for (const t of provider.list()) if (t.state === "pending" && t.reference.startsWith(`ZB${runID.slice(4)}`)) provider.decide(t.reference, decide(t));
  if ((await Actor.provide(system, () => Payout.drive(runID))) !== "done") throw new Error(`the demo payout run ${runID} did not finish`);
}

/**
 * Payouts: the host saves an Alipay method with a typo in the name; that week's scheduled run's
 * transfer is refused (the name doesn't match the account) and the money comes back; the host
 * corrects it (payouts to a changed method wait 24 hours); the next day ops run payouts and it arrives.
 */
async function seedPayouts(input: MoneySeedInput, from: number): Promise<void> {
  const host = input.host.personID;
  const setName = (name: string) =>
    Actor.provide(input.host, () => Payout.setMethod({ payeeID: host, account: "13951600001", name, password: input.password }));
  at(from);
  await setName("张珂");
  const weekly = await Payout.begin({ runID: Payout.weeklyRunID(from + HOUR), trigger: "schedule", requestedBy: "schedule" });
  await runPayouts(weekly.runID, from + HOUR, () => ({ fail: "PAYEE_USER_INFO_ERROR" }));
  at(from + 3 * HOUR);
  await setName("张可");
  at(from + 28 * HOUR);
  const onDemand = await Payout.begin({ trigger: "ops", requestedBy: input.ops.personID });
  await runPayouts(onDemand.runID, from + 28 * HOUR, () => "succeed");
}

export async function seedMoney(input: MoneySeedInput): Promise<void> {
  const now = Clock.now();
  const system = { type: "system" as const, name: "seed" };
  try {
    // the agency's share, asked for and approved
    const asked = await Actor.provide(input.agency.admin, () => Payee.proposeShare({ agencyID: input.agency.orgID, shareBps: 1000, months: 12 }));
    await Actor.provide(input.ops, () => Payee.decideShare({ agencyID: input.agency.orgID, approve: true, proposedAt: asked.proposed?.at as string }));

    // ¥50,000 by bank transfer, three weeks ago
    at(now - 22 * DAY);
    const bank = Payment.current() as Payment.LocalProvider;
    const reference = bank.start(5_000_000);
    bank.complete(reference);
    await Actor.provide(input.brand.admin, () => Wallet.topUp({ brandID: input.brand.orgID, reference }));

    // a session three weeks ago: held, sold, completed, released; one order refunded after release
    at(now - 21 * DAY);
    const past = await book(input, "老城牛肉月饼·秋季专场", 1, 80_000);
    const t0 = Date.parse(past.startsAt);
    const lines: DouyinLine[] = [
      {
        order: "6938100000000000001",
        sku: "3601",
        product: "老城牛肉月饼礼盒（6枚装）",
        paidYuan: "128.00",
        paidAt: t0 + 12 * 60_000,
        receivedAt: t0 + 2 * DAY,
      },
      {
        order: "6938100000000000002",
        sku: "3601",
        product: "老城牛肉月饼礼盒（6枚装）",
        paidYuan: "256.00",
        paidAt: t0 + 25 * 60_000,
        receivedAt: t0 + 2 * DAY,
      },
      { order: "6938100000000000002", sku: "3605", product: "牛肉月饼单枚装", paidYuan: "19.90", paidAt: t0 + 25 * 60_000, receivedAt: t0 + 3 * DAY },
      { order: "6938100000000000003", sku: "3601", product: "老城牛肉月饼礼盒（6枚装）", paidYuan: "384.00", paidAt: t0 + 47 * 60_000 },
    ];
    at(t0 + HOUR);
    await Actor.provide(input.brand.admin, () => Sale.importSales({ bookingID: past.bookingID, file: b64(douyinExport(lines)) }));
    at(Date.parse(past.endsAt) + HOUR);
    await Actor.provide(input.brand.admin, () => Market.review({ bookingID: past.bookingID, stars: 5, comment: "控场好，讲解细致，转化不错。" }));
    // the seed makes its own reactions (the stream reader starts past it): the completion's slot fee
    await Actor.provide(system, () => Sale.settleSlotFee(past.bookingID));
    at(t0 + 16 * DAY);
    await Actor.provide(system, () => Sale.releaseDue());
    // a payout refused (a typo in the name) and returned, then paid the day after the correction's 24-hour pause
    await seedPayouts(input, t0 + 16 * DAY + HOUR);
    at(t0 + 18 * DAY);
    const refunded = lines.map((l) => (l.sku === "3605" ? { ...l, refundYuan: "19.90", status: "已退款" } : l));
    await Actor.provide(input.brand.admin, () => Sale.importSales({ bookingID: past.bookingID, file: b64(douyinExport(refunded)) }));

    // a session three days ago: its commission waits for the return window
    at(now - 4 * DAY);
    const recent = await book(input, "地锅鸡预制菜·试播专场", 1, 60_000);
    const t1 = Date.parse(recent.startsAt);
    at(t1 + HOUR);
    await Actor.provide(input.brand.admin, () =>
      Sale.importSales({
        bookingID: recent.bookingID,
        file: b64(
          douyinExport([
            { order: "6938200000000000001", sku: "4101", product: "徐州地锅鸡预制菜 1.2kg", paidYuan: "89.00", paidAt: t1 + 9 * 60_000 },
            {
              order: "6938200000000000002",
              sku: "4101",
              product: "徐州地锅鸡预制菜 1.2kg",
              paidYuan: "178.00",
              paidAt: t1 + 31 * 60_000,
              receivedAt: t1 + DAY,
            },
          ]),
        ),
      }),
    );
    // its no-show window closed: the completion job completed it and its slot fee posted
    at(Date.parse(recent.endsAt) + 25 * HOUR);
    await Actor.provide(system, () => Market.completeDue());
    await Actor.provide(system, () => Sale.settleSlotFee(recent.bookingID));
  } finally {
    Clock.reset();
  }
  // the brand's review refreshed the host's card at a moved clock, before its certificate existed: list it as of now
  await Market.relist(input.host.personID);
  // an upcoming session: its slot fee held on the wallet
  await book(input, "老城牛肉月饼·冬至专场", 6, 80_000);
}
