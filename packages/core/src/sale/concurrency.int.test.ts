import { afterEach, describe, expect, it } from "vitest";
import { as, bank, brand, cardInput, day, gigInput, people } from "../../test/factory.js";
import { expectLedgerSound } from "../../test/ledger-sound.js";
import type { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Ledger } from "../ledger/index.js";
import { type Booking, Market } from "../market/index.js";
import { Payee } from "../payee/index.js";
import { Wallet } from "../wallet/index.js";
import { Sale } from "./index.js";

afterEach(() => Clock.reset());

const HOUR = 3_600_000;

describe("money under concurrency", () => {
  it("loses nothing and posts nothing twice when 50 imports, slot-fee deliveries, releases and top-ups for one host and one brand race", async () => {
    const [host] = (await people(1, "主播")) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand("徐州老城牛肉月饼", { fundFen: 5_000_000 });
    const bookings: Booking[] = [];
    for (let i = 0; i < 3; i++) {
      const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { date: day(2 + i) })));
      await as(host, () =>
        Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 50_000, commissionBps: 2000, tiers: [{ aboveFen: 100_000, commissionBps: 3000 }] } }),
      );
      bookings.push(await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })));
    }
    // after every session: the brand reviews each (completing it)
    Clock.use(Clock.fixed(Date.parse((bookings.at(-1) as Booking).endsAt) + HOUR));
    for (const bk of bookings) await as(b.actor, () => Market.review({ bookingID: bk.bookingID, stars: 5, comment: "好" }));

    // each booking's lines, delivered as growing exports (every file a subset of the last, the same figures)
    const linesOf = (bk: Booking, n: number) =>
      Array.from({ length: n }, (_, k) => ({
        orderID: `O${bk.bookingID.slice(-6)}${k}`,
        lineID: `L${bk.bookingID.slice(-6)}${k}`,
        paidFen: 30_000 + k * 1_000,
        paidAt: new Date(Date.parse(bk.startsAt) + (k + 1) * 60_000).toISOString(),
      }));
    const refs = Array.from({ length: 5 }, () => {
      const r = bank().start(100_000);
      bank().complete(r);
      return r;
    });
    const racing: Promise<unknown>[] = [];
    for (const bk of bookings) {
      for (const n of [2, 4, 6, 8]) {
        for (let twice = 0; twice < 2; twice++)
          racing.push(as(b.actor, () => Sale.importSales({ bookingID: bk.bookingID, platform: "douyin", rows: linesOf(bk, n) })));
      }
      racing.push(Sale.settleSlotFee(bk.bookingID), Sale.settleSlotFee(bk.bookingID));
    }
    for (const r of refs)
      racing.push(
        as(b.actor, () => Wallet.topUp({ brandID: b.org.orgID, reference: r })),
        as(b.actor, () => Wallet.topUp({ brandID: b.org.orgID, reference: r })),
      );
    for (let k = 0; k < 10; k++) racing.push(Sale.releaseDue());
    expect(racing.length).toBeGreaterThanOrEqual(50);
    const settled = await Promise.allSettled(racing);
    const failures = settled.filter((s) => s.status === "rejected").map((s) => (s as PromiseRejectedResult).reason);
    // an import that kept losing its lines' race is told to try again, nothing else fails
    expect(failures.filter((e) => (e as { code?: string }).code !== "sale.busy")).toEqual([]);
    for (const bk of bookings) await as(b.actor, () => Sale.importSales({ bookingID: bk.bookingID, platform: "douyin", rows: linesOf(bk, 8) }));

    // every line once, commission the pure function of them, the ledger per payee equal to the money records
    let hostTotal = 0;
    let platformTotal = 0;
    let commissionTotal = 0;
    for (const bk of bookings) {
      const money = await as(b.actor, () => Sale.ofBooking({ bookingID: bk.bookingID }));
      expect(money.lineCount).toBe(8);
      const expected = Sale.commissionOf(
        linesOf(bk, 8).map((l) => ({ ...l, refundedFen: 0, contractVersion: 1 })),
        bk.contracts,
      );
      expect(money.money.commissionFen).toBe(expected);
      const split = Sale.split(expected, { platformFeeBps: 1000, agencyShareBps: 0 });
      const slot = Sale.split(50_000, { platformFeeBps: 1000, agencyShareBps: 0 });
      hostTotal += split.host + slot.host;
      platformTotal += split.platform + slot.platform;
      commissionTotal += expected;
    }
    const [pending, earned] = await Promise.all([Ledger.balance(Payee.pendingOf(host.personID)), Ledger.balance(Payee.earnedOf(host.personID))]);
    expect(pending.available + earned.available).toBe(hostTotal);
    const platform = await Promise.all([Ledger.balance(Payee.pendingOf(Payee.PLATFORM)), Ledger.balance(Payee.earnedOf(Payee.PLATFORM))]);
    expect(platform[0].available + platform[1].available).toBe(platformTotal);
    const slotFees = (await Ledger.lines(Payee.earnedOf(host.personID), { limit: 500 })).items.filter((l) => l.memo === "slot_fee");
    expect(slotFees).toHaveLength(3);
    expect(await as(b.actor, () => Wallet.balance({ brandID: b.org.orgID }))).toMatchObject({
      available: 5_000_000 + 5 * 100_000 - 3 * 50_000 - commissionTotal,
      held: 0,
    });
    await expectLedgerSound();
  }, 300_000);
});
