import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Actor } from "@zhubo/core/actor";
import { Clock } from "@zhubo/core/clock";
import { Ledger } from "@zhubo/core/ledger";
import { type Booking, Market } from "@zhubo/core/market";
import { Payee } from "@zhubo/core/payee";
import { Payment } from "@zhubo/core/payment";
import { Payout } from "@zhubo/core/payout";
import { Sale } from "@zhubo/core/sale";
import { Statement } from "@zhubo/core/statement";
import { Wallet } from "@zhubo/core/wallet";
import { as, brand, cardInput, certified, gigInput, PASSWORD, people } from "../../../core/test/factory.js";
import { douyinExport } from "../seed-money.js";

/*
 * The money's deterministic simulation, after TigerBeetle's VOPR: a seeded random sequence of
 * top-ups, bookings, contract changes, cancellations, no-shows, completions (their events
 * delivered late, twice, at once), imports and re-imports (reordered, duplicated, concurrent,
 * with refunds before and after release, bad rows skipped), clock moves and releases — and
 * ambiguous failures: a transaction that commits but whose caller sees an error, then retries.
 * After every step the whole ledger and every booking are checked against a model of what
 * should have happened. Payout runs join in: the provider answers at once, later, never (a
 * timeout, a lost request, a system error) or with a refusal; runs are killed at a random step
 * boundary and resumed; ops retry refused payouts. A failure names its seed and step; the same
 * seed replays the same choices.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, and the same sequence for a seed everywhere. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { next, int, pick, chance, shuffle };
}

/** Makes the next `n` TransactWriteItems commit and then fail to their caller (a timeout after the write). */
export function ambiguity(client: DynamoDBClient) {
  let armed = 0;
  let fired = 0;
  client.middlewareStack.remove("simulatedAmbiguity");
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (armed > 0 && (context as { commandName?: string }).commandName === "TransactWriteItemsCommand") {
        const canceled = (out.output as { $metadata?: unknown; CancellationReasons?: unknown } | undefined)?.CancellationReasons;
        if (!canceled) {
          armed--;
          fired++;
          throw Object.assign(new Error("simulated: the connection dropped after the write"), { name: "SimulatedAmbiguousFailure" });
        }
      }
      return out;
    },
    { step: "initialize", name: "simulatedAmbiguity" },
  );
  return {
    arm: (n = 1) => {
      armed = n;
    },
    disarm: () => {
      armed = 0;
    },
    get fired() {
      return fired;
    },
  };
}

interface ModelLine {
  order: string;
  sku: string;
  paidFen: number;
  refundFen: number;
  paidAt: number;
  receivedAt?: number;
}

interface ModelBooking {
  booking: Booking;
  brand: number;
  lines: Map<string, ModelLine>;
  settled: number;
}

const isSimulated = (e: unknown) => (e as Error).name === "SimulatedAmbiguousFailure" || String((e as Error).message).includes("simulated: ");

export interface SimReport {
  seed: number;
  ops: number;
  counts: Record<string, number>;
  /** Transfers by what they were for (commission, release, refund, clawback, slot_fee …). */
  memos: Record<string, number>;
  ambiguous: number;
  accounts: number;
  bookings: number;
  lines: number;
}

export class SimFailure extends Error {}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** Runs one seed for `ops` steps on the current table (one table per seed). */
export async function simulate(seed: number, ops: number, opts: { client: DynamoDBClient; log?: (line: string) => void }): Promise<SimReport> {
  const r = prng(seed);
  const fault = ambiguity(opts.client);
  const clock = Clock.fixed(Date.parse("2026-12-01T02:00:00Z") + (seed % 97) * HOUR);
  Clock.use(clock);
  Payment.use(Payment.createLocalProvider());
  const payoutDir = mkdtempSync(join(tmpdir(), `zhubo-sim-payouts-${seed}-`));
  const provider = Payout.createLocalPayoutProvider(payoutDir);
  Payout.useProvider(provider);
  const counts: Record<string, number> = {};
  const count = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  try {
    // the world: an agency whose trained host earns it a share, two more hosts, a rich and a poor brand
    const trained = await certified(1);
    const asked = await as(trained.admin.actor, () => Payee.proposeShare({ agencyID: trained.org.orgID, shareBps: 1500, months: 12 }));
    await as(trained.ops.actor, () => Payee.decideShare({ agencyID: trained.org.orgID, approve: true, proposedAt: asked.proposed?.at as string }));
    const hosts = [trained.hosts[0] as Actor.PersonActor, ...((await people(2, "主播")) as Actor.PersonActor[])];
    for (const h of hosts) await as(h, () => Market.saveCard(cardInput()));
    const brands = [await brand("徐州老城牛肉月饼", { fundFen: 2_000_000 }), await brand("宿迁小店", { fundFen: 100_000 })];
    // every payee can be paid out: the hosts and the agency have Alipay accounts, small minimums
    for (const [i, h] of hosts.entries()) {
      await as(h, () => Payout.setMethod({ payeeID: h.personID, account: `1390000${String(1000 + i)}`, name: "王小明", password: PASSWORD }));
      await as(h, () => Payout.setMinimum({ payeeID: h.personID, minimumFen: r.pick([100, 1_000, 5_000]) }));
    }
    await as(trained.admin.actor, () =>
      Payout.setMethod({ payeeID: trained.org.orgID, account: "pay@academy.example.cn", name: "苏州主播学院", password: PASSWORD }),
    );
    await as(trained.admin.actor, () => Payout.setMinimum({ payeeID: trained.org.orgID, minimumFen: 100 }));
    const payees = [...hosts.map((h) => h.personID), trained.org.orgID];
    const topUps = [2_000_000, 100_000];
    const bookings: ModelBooking[] = [];
    let nextOrder = 1;

    /** Runs `act`; with some chance its first transaction commits but "fails", and the same call is retried (as a client would). */
    const maybeAmbiguous = async <T>(act: () => Promise<T>): Promise<T> => {
      if (!r.chance(0.15)) return act();
      fault.arm(1);
      try {
        return await act();
      } catch (e) {
        if (!isSimulated(e)) throw e;
        count("ambiguous");
        return act();
      } finally {
        fault.disarm();
      }
    };
    const expected = (e: unknown, ...codes: string[]) => {
      const code = (e as { code?: string }).code;
      if (!code || !codes.includes(code)) throw e;
      count(`refused:${code}`);
    };

    const steps: Record<string, () => Promise<void>> = {
      async topUp() {
        const i = r.int(0, 1);
        const amount = r.pick([50_000, 200_000, 1_000_000]);
        const bank = Payment.current() as Payment.LocalProvider;
        const reference = bank.start(amount);
        bank.complete(reference);
        await maybeAmbiguous(() =>
          as((brands[i] as (typeof brands)[number]).actor, () => Wallet.topUp({ brandID: (brands[i] as (typeof brands)[number]).org.orgID, reference })),
        );
        // a retried delivery of the same reference credits nothing more
        if (r.chance(0.3))
          await as((brands[i] as (typeof brands)[number]).actor, () => Wallet.topUp({ brandID: (brands[i] as (typeof brands)[number]).org.orgID, reference }));
        topUps[i] = (topUps[i] as number) + amount;
      },
      async book() {
        const i = r.int(0, 1);
        const b = brands[i] as (typeof brands)[number];
        const host = r.pick(hosts);
        const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { date: dayIn(r.int(2, 9)), startTime: r.pick(["10:00", "14:00", "19:00"]) })));
        const tiers = r.chance(0.4) ? [{ aboveFen: 50_000, commissionBps: r.int(2000, 4000) }] : [];
        const terms = { slotFeeFen: r.pick([0, 30_000, 80_000, 150_000]), commissionBps: r.int(500, 3000), tiers };
        await as(host, () => Market.apply({ gigID: gig.gigID, terms }));
        try {
          const booking = await maybeAmbiguous(() =>
            as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 })).catch(async (e) => {
              // the retry of an accept that committed finds the offer accepted: its booking is the one made
              if ((e as { code?: string }).code !== "offer.closed" && (e as { code?: string }).code !== "offer.changed") throw e;
              const offer = (await as(b.actor, () => Market.offersOfGig({ gigID: gig.gigID }))).items[0];
              if (!offer?.bookingID) throw e;
              return (await Market.loadBooking(offer.bookingID)) as Booking;
            }),
          );
          bookings.push({ booking, brand: i, lines: new Map(), settled: 0 });
        } catch (e) {
          expected(e, "wallet.insufficient", "host.double_booked");
        }
      },
      async changeTerms() {
        const m = pickBooking((x) => x.booking.status === "booked" && !x.booking.proposal);
        if (!m) return;
        const b = brands[m.brand] as (typeof brands)[number];
        const current = m.booking.contracts.at(-1) as Booking["contracts"][number];
        const proposed = await as(hosts.find((h) => h.personID === m.booking.hostID) as Actor.PersonActor, () =>
          Market.proposeTerms({ bookingID: m.booking.bookingID, terms: { ...current.terms, slotFeeFen: r.pick([0, 50_000, 120_000, 400_000]) } }),
        );
        try {
          m.booking = await maybeAmbiguous(() => as(b.actor, () => Market.acceptTerms({ bookingID: m.booking.bookingID, version: current.version })));
        } catch (e) {
          m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
          if (m.booking.contracts.length === proposed.contracts.length) expected(e, "wallet.insufficient", "booking.changed");
        }
        m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
      },
      async cancel() {
        const m = pickBooking((x) => x.booking.status === "booked");
        if (!m) return;
        try {
          await maybeAmbiguous(() =>
            as(brands[m.brand]?.actor as Actor.PersonActor, () => Market.cancel({ bookingID: m.booking.bookingID, reason: "档期调整，取消本场" })),
          );
        } catch (e) {
          expected(e, "booking.too_late", "booking.not_booked", "booking.changed");
        }
        m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
      },
      async noShow() {
        const m = pickBooking((x) => x.booking.status === "booked" && Date.parse(x.booking.startsAt) <= clock.now());
        if (!m) return;
        try {
          await maybeAmbiguous(() => as(brands[m.brand]?.actor as Actor.PersonActor, () => Market.noShow({ bookingID: m.booking.bookingID })));
        } catch (e) {
          expected(e, "booking.no_show_closed", "booking.not_started", "booking.changed");
        }
        m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
      },
      async sell() {
        const m = pickBooking((x) => (x.booking.status === "booked" || x.booking.status === "completed") && Date.parse(x.booking.startsAt) <= clock.now());
        if (!m) {
          // move into a booked session so there is something to sell
          const next = bookings.filter((x) => x.booking.status === "booked").sort((a, b) => a.booking.startsAt.localeCompare(b.booking.startsAt))[0];
          if (next && Date.parse(next.booking.startsAt) > clock.now()) clock.set(Date.parse(next.booking.startsAt) + 30 * 60_000);
          return;
        }
        const start = Date.parse(m.booking.startsAt);
        const end = Date.parse(m.booking.endsAt);
        const existing = [...m.lines.values()];
        for (let k = r.int(existing.length ? 0 : 1, 3); k > 0; k--) {
          const order = `69${String(seed).padStart(6, "0")}${String(nextOrder++).padStart(10, "0")}`;
          m.lines.set(`${order}-1`, {
            order,
            sku: "1",
            paidFen: r.int(1, 400) * 100 + r.pick([0, 50, 90]),
            refundFen: 0,
            paidAt: r.int(start, Math.min(end, clock.now())),
          });
        }
        for (const l of existing) {
          if (r.chance(0.25) && l.refundFen < l.paidFen)
            l.refundFen = r.chance(0.5) ? l.paidFen : Math.min(l.paidFen, l.refundFen + r.int(1, l.paidFen - l.refundFen));
          if (!l.receivedAt && r.chance(0.3)) l.receivedAt = Math.max(l.paidAt, Math.min(clock.now(), l.paidAt + r.int(1, 4) * DAY));
        }
        const rows = r.shuffle([...m.lines.values()]).map((l) => ({
          order: l.order,
          sku: l.sku,
          product: "牛肉月饼礼盒",
          paidYuan: yuan(l.paidFen),
          paidAt: l.paidAt,
          receivedAt: l.receivedAt,
          refundYuan: l.refundFen ? yuan(l.refundFen) : undefined,
          status: l.refundFen === l.paidFen ? "已退款" : undefined,
        }));
        // a duplicated row, and now and then an order from another day (rejected and skipped)
        if (r.chance(0.3) && rows.length) rows.push(rows[0] as (typeof rows)[number]);
        const skipRejected = r.chance(0.3);
        if (skipRejected)
          rows.push({
            order: "6900000000000000000",
            sku: "9",
            product: "别场订单",
            paidYuan: "10.00",
            paidAt: start - 3 * DAY,
            receivedAt: undefined,
            refundYuan: undefined,
            status: undefined,
          });
        const file = Buffer.from(douyinExport(rows)).toString("base64");
        const importIt = () => as(brands[m.brand]?.actor as Actor.PersonActor, () => Sale.importSales({ bookingID: m.booking.bookingID, file, skipRejected }));
        try {
          if (r.chance(0.25)) await Promise.all([importIt(), importIt()]);
          else await maybeAmbiguous(importIt);
        } catch (e) {
          expected(e, "sale.busy");
          await importIt();
        }
      },
      async complete() {
        const m = pickBooking((x) => x.booking.status === "booked" && Date.parse(x.booking.endsAt) <= clock.now());
        if (!m) return;
        try {
          await as(brands[m.brand]?.actor as Actor.PersonActor, () =>
            Market.review({ bookingID: m.booking.bookingID, stars: r.int(3, 5), comment: "顺利完成" }),
          );
        } catch (e) {
          expected(e, "booking.changed", "booking.reviewed");
        }
        m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
      },
      async advance() {
        clock.advance(r.pick([HOUR, 6 * HOUR, DAY, 3 * DAY, 8 * DAY]));
        await Actor.provide({ type: "system", name: "sim" }, async () => {
          await Market.completeDue();
          await maybeAmbiguous(() => Sale.releaseDue());
        });
      },
      async payout() {
        // a run: the one in progress (its outcomes were still out), or a new one
        const active = (await as(trained.ops.actor, () => Payout.runs({}))).items.find((x) => x.phase !== "done");
        const run = active ?? (await as(trained.ops.actor, () => Payout.start({})));
        count(active ? "payout:resumed" : "payout:started");
        for (let k = r.int(0, 6); k > 0; k--)
          provider.plan(r.pick(["pending", "succeed", "timeout", "lost", "system_error", { fail: "PAYEE_NOT_EXIST" }] as const));
        // killed at a random step boundary (or not), then resumed, like a Lambda dying mid-step
        const killAt = r.chance(0.6) ? r.int(1, 30) : 0;
        let n = 0;
        Payout.onBoundary((label) => {
          if (++n === killAt) throw Object.assign(new Error(`simulated: killed at ${label}`), { name: "SimulatedAmbiguousFailure" });
        });
        try {
          for (let round = 0; round < 4; round++) {
            let next: string;
            try {
              next = await maybeAmbiguous(() => Actor.provide({ type: "system", name: "sim" }, () => Payout.drive(run.runID)));
            } catch (e) {
              if (!isSimulated(e)) throw e;
              count("payout:killed");
              continue;
            }
            if (next === "done") break;
            // the provider decides some of what's pending; the rest waits for a later step
            for (const t of provider.list())
              if (t.state === "pending" && r.chance(0.7)) provider.decide(t.reference, r.chance(0.8) ? "succeed" : { fail: "PAYEE_USER_INFO_ERROR" });
          }
        } finally {
          Payout.onBoundary(undefined);
        }
        // ops retry a refused payout now and then (a new attempt, only once the old one is known to have failed)
        const failed = (await as(trained.ops.actor, () => Payout.run({ runID: run.runID }))).failures;
        if (failed.length && r.chance(0.4)) {
          try {
            await as(trained.ops.actor, () => Payout.retry({ runID: run.runID, payeeID: (failed[0] as { payeeID: string }).payeeID }));
            count("payout:retried");
          } catch (e) {
            expected(e, "payout.balance_changed", "payout.changed");
          }
        }
      },
      async deliver() {
        // booking.completed reaches the slot-fee subscriber late, twice, or twice at once
        const due = bookings.filter((x) => x.booking.status === "completed" || x.booking.status === "booked");
        for (const m of due) {
          m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
          if (m.booking.status !== "completed") continue;
          const n = r.int(1, 3);
          // the deliveries race; any of them may be the one whose write commits unseen, and retries
          if (r.chance(0.3)) fault.arm(1);
          const deliver = () =>
            Sale.settleSlotFee(m.booking.bookingID).catch((e: unknown) => {
              if (!isSimulated(e)) throw e;
              count("ambiguous");
              return Sale.settleSlotFee(m.booking.bookingID);
            });
          const results = await Promise.all(Array.from({ length: n }, deliver)).finally(() => fault.disarm());
          m.settled += results.filter((x) => x === "posted").length;
        }
      },
    };
    const weights: [string, number][] = [
      ["topUp", 8],
      ["book", 18],
      ["changeTerms", 7],
      ["cancel", 5],
      ["noShow", 3],
      ["sell", 25],
      ["complete", 8],
      ["advance", 14],
      ["deliver", 8],
      ["payout", 7],
    ];
    const total = weights.reduce((s, [, w]) => s + w, 0);
    const choose = () => {
      let x = r.next() * total;
      for (const [name, w] of weights) {
        x -= w;
        if (x < 0) return name;
      }
      return "advance";
    };
    function pickBooking(ok: (m: ModelBooking) => boolean): ModelBooking | undefined {
      const found = bookings.filter(ok);
      return found.length ? r.pick(found) : undefined;
    }
    function dayIn(days: number) {
      return new Date(clock.now() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
    }

    for (let step = 1; step <= ops; step++) {
      const name = choose();
      count(name);
      try {
        await steps[name]?.();
        for (const m of bookings) m.booking = (await Market.loadBooking(m.booking.bookingID)) as Booking;
        await verify({ bookings, brands: brands.map((b) => b.org.orgID), topUps, hosts: hosts.map((h) => h.personID) });
        await verifyPayouts(payees, provider, clock.now());
      } catch (e) {
        throw new SimFailure(`seed ${seed}, step ${step} (${name}): ${(e as Error).message}\n  reproduce: pnpm sim --seed ${seed} --ops ${step}`, { cause: e });
      }
      opts.log?.(`  step ${step} ${name} ok`);
    }
    const checked = await Ledger.check();
    // what the run exercised, by the ledger's own entries
    const memos: Record<string, number> = {};
    for (const a of await Ledger.accounts()) {
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof Ledger.lines>> = await Ledger.lines(a.accountID, { cursor, limit: 1000 });
        for (const l of page.items) if (l.side === "credit" && l.memo) memos[l.memo] = (memos[l.memo] ?? 0) + 1;
        cursor = page.cursor;
      } while (cursor);
    }
    return {
      memos,
      seed,
      ops,
      counts,
      ambiguous: fault.fired,
      accounts: checked.accounts,
      bookings: bookings.length,
      lines: bookings.reduce((s, m) => s + m.lines.size, 0),
    };
  } finally {
    fault.disarm();
    Payout.onBoundary(undefined);
    Clock.reset();
    rmSync(payoutDir, { recursive: true, force: true });
  }
}

/**
 * Payouts move a payee's money between its own accounts (available → in flight → paid out, or
 * back), never create or lose any: nobody is paid twice for the same funds (the provider paid
 * exactly what the ledger paid out, one success per reference), in-flight is zero once every
 * answer is in, and each payee's statement closes on the ledger's balance and opens on last month's close.
 */
async function verifyPayouts(payees: string[], provider: Payout.LocalPayoutProvider, nowMs: number): Promise<void> {
  const transfers = provider.list();
  const allAnswered = transfers.every((t) => t.state !== "pending");
  for (const id of payees) {
    const [earned, inflight, paid] = await Promise.all([
      Ledger.balance(Payee.earnedOf(id), { missing: "zero" }),
      Ledger.balance(Payout.inflightOf(id), { missing: "zero" }),
      Ledger.balance(Payout.paidOf(id), { missing: "zero" }),
    ]);
    const mine = transfers.filter((t) => t.reference.includes(id.slice(4)));
    const succeeded = mine.filter((t) => t.state === "succeeded").reduce((a, t) => a + t.amountFen, 0);
    // the ledger pays out only what the provider paid; what the provider paid is paid out or still in flight (its answer not yet recorded)
    if (paid.available > succeeded) fail(`${id}: paid out ${paid.available} but the provider paid ${succeeded}`);
    if (succeeded > paid.available + inflight.available)
      fail(`${id}: the provider paid ${succeeded}, more than paid out ${paid.available} + in flight ${inflight.available}`);
    if (inflight.available < 0 || paid.available < 0) fail(`${id}: negative in flight or paid out`);
    if (new Set(mine.map((t) => t.reference)).size !== mine.length) fail(`${id}: a reference was paid twice`);
    if (allAnswered && !(await activeRun()) && inflight.available !== 0) fail(`${id}: ${inflight.available} still in flight with every answer in`);
    // statements: this month closes on the ledger's posted balance; last month's close opens it
    const month = Statement.monthOf(nowMs);
    const [prev, cur] = await Promise.all([
      Statement.compute(id, Statement.monthOf(Date.parse(Statement.bounds(month).from) - 1)),
      Statement.compute(id, month),
    ]);
    const a = (x: Statement.Info) => x.accounts.find((y) => y.role === "available") as Statement.AccountStatement;
    eq(a(cur).closingFen, earned.creditsPosted - earned.debitsPosted, `${id}'s statement closing`);
    eq(a(cur).openingFen, a(prev).closingFen, `${id}'s statement opening`);
  }
}

const activeRun = async () => (await Payout.activeRun()) !== undefined;

const fail = (what: string): never => {
  throw new Error(what);
};
const eq = (a: unknown, b: unknown, what: string) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) fail(`${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
};

/** Every invariant, against the model and the ledger's own entries. */
async function verify(w: { bookings: ModelBooking[]; brands: string[]; topUps: number[]; hosts: string[] }): Promise<void> {
  // the ledger: every balance equals its entries, and the total is zero
  const checked = await Ledger.check();
  if (checked.differences.length) fail(`balances differ from their entries: ${JSON.stringify(checked.differences[0])}`);
  const t = checked.total;
  if (t.debitsPosted !== t.creditsPosted || t.debitsPending !== t.creditsPending) fail(`the ledger doesn't sum to zero: ${JSON.stringify(t)}`);
  // no negative balance without a clawback entry; pending and wallets never negative
  for (const a of await Ledger.accounts()) {
    if (a.ownerID === Payee.PLATFORM || a.kind === "provider_clearing") continue;
    if (a.available >= 0) continue;
    if (!a.kind.endsWith("_earned")) fail(`${a.accountID} (${a.kind}) is negative: ${a.available}`);
    const lines = await Ledger.lines(a.accountID, { limit: 1000 });
    if (!lines.items.some((l) => l.memo === "clawback")) fail(`${a.accountID} is negative without a clawback`);
  }
  // per booking: lines as the model has them, commission = the pure function, the ledger per payee = the money record
  const byRef = new Map<string, Map<string, number>>();
  const payeeAccounts = new Set<string>();
  for (const m of w.bookings) {
    const b = m.booking;
    for (const id of [b.hostID, b.money?.agency?.agencyID, Payee.PLATFORM].filter(Boolean) as string[]) {
      payeeAccounts.add(Payee.pendingOf(id));
      payeeAccounts.add(Payee.earnedOf(id));
    }
  }
  for (const account of payeeAccounts) {
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof Ledger.lines>> = await Ledger.lines(account, { cursor, limit: 1000 });
      for (const l of page.items) {
        if (!l.ref) continue;
        const key = `${account}|${l.memo === "slot_fee" ? "slot" : "commission"}`;
        const m = byRef.get(l.ref) ?? new Map<string, number>();
        m.set(key, (m.get(key) ?? 0) + (l.side === "credit" ? l.amount : -l.amount));
        byRef.set(l.ref, m);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  let walletExpected = w.topUps.map((x) => x);
  for (const m of w.bookings) {
    const b = m.booking;
    const id = b.bookingID;
    const lines = await Sale.linesOf(id);
    const model = [...m.lines.values()].map((l) => [`${l.order}-${l.sku}`, l.paidFen, l.refundFen]).sort();
    eq(lines.map((l) => [l.lineID, l.paidFen, l.refundedFen]).sort(), model, `${id}'s lines`);
    const money = await Sale.readMoney(id);
    const posted = byRef.get(id) ?? new Map<string, number>();
    const payees = { host: b.hostID, agency: b.money?.agency?.agencyID, platform: Payee.PLATFORM };
    if (money && !money.shortFen) {
      eq(money.commissionFen, Sale.commissionOf(lines, b.contracts), `${id}'s commission`);
      const target = Sale.targets(lines, b.contracts, b.money ?? { platformFeeBps: Payee.DEFAULT_PLATFORM_FEE_BPS }, money.updatedAt);
      eq([target.pending, target.released], [money.pending, money.released], `${id}'s money record`);
    }
    for (const [p, payee] of Object.entries(payees) as [keyof typeof payees, string | undefined][]) {
      if (!payee) continue;
      eq(posted.get(`${Payee.pendingOf(payee)}|commission`) ?? 0, money?.pending[p] ?? 0, `${id}'s pending for ${p}`);
      eq(posted.get(`${Payee.earnedOf(payee)}|commission`) ?? 0, money?.released[p] ?? 0, `${id}'s released for ${p}`);
    }
    // the slot fee: held while booked, voided when cancelled or a no-show, posted once when completed
    const hold = b.money?.hold;
    const slotPosted = [...posted.entries()].filter(([k]) => k.endsWith("|slot")).reduce((s, [, v]) => s + v, 0);
    if (m.settled > 1) fail(`${id}'s slot fee posted ${m.settled} times`);
    const settledFee = money?.slotFee ? money.slotFee.host + money.slotFee.agency + money.slotFee.platform : 0;
    if (money?.slotFee && settledFee !== hold?.amountFen) fail(`${id}'s slot fee posted ${settledFee}, held ${hold?.amountFen}`);
    eq(slotPosted, settledFee, `${id}'s slot fee on the payees' accounts`);
    const commission = money ? Object.values(money.pending).reduce((s, x) => s + x, 0) + Object.values(money.released).reduce((s, x) => s + x, 0) : 0;
    const held = b.status === "booked" ? (hold?.amountFen ?? 0) : 0;
    const spent = b.status === "completed" && money?.slotFee ? settledFee : b.status === "completed" && hold ? hold.amountFen : 0;
    walletExpected = walletExpected.map((x, i) => (i === m.brand ? x - held - spent - commission : x));
  }
  for (const [i, brandID] of w.brands.entries()) {
    const wallet = await Ledger.balance(Wallet.accountOf(brandID), { missing: "zero" });
    // a completed booking whose slot fee hasn't posted yet still holds it: count it as spent either way
    eq(wallet.available, walletExpected[i], `${brandID}'s wallet`);
    if (wallet.available < 0) fail(`${brandID}'s wallet is negative`);
  }
}
