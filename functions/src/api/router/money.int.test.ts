import type { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Clock } from "@zhubo/core/clock";
import { Market } from "@zhubo/core/market";
import { afterEach, describe, expect, it } from "vitest";
import { as as asActor, bank, brand, cardInput, certified, gigInput, PASSWORD, people } from "../../../../packages/core/test/factory.js";
import { app } from "../app.js";
import { earningsRouter, saleRouter, walletRouter } from "./money.js";
import { caller, failure, recording } from "./testing.js";

/**
 * Every money procedure's happy path through the router, as the role that uses it (the last test
 * fails when one has none), tenancy, per-field errors that write nothing, and a tRPC batch of
 * top-ups that credits once.
 */
const answered = new Set<string>();
type Routers = Pick<ReturnType<typeof caller>, "wallet" | "sale" | "earnings">;
const as = <K extends keyof Routers>(router: K, actor: Actor.Info): Routers[K] => recording(answered, router, actor);

afterEach(() => Clock.reset());

async function bookedSession() {
  const c = await certified(1);
  const host = c.hosts[0] as Actor.PersonActor;
  await asActor(host, () => Market.saveCard(cardInput()));
  const b = await brand("徐州老城牛肉月饼", { fundFen: 1_000_000 });
  const gig = await asActor(b.actor, () => Market.create(gigInput(b.org.orgID)));
  await asActor(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 50_000, commissionBps: 2000, tiers: [] } }));
  const booking = await asActor(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
  return { ...c, host, brand: b, booking };
}

describe("money routers", () => {
  it("a brand tops up and sees its wallet; a brand member previews and imports a session's sales; host, agency and ops see their money", async () => {
    const s = await bookedSession();
    const brandID = s.brand.org.orgID;
    const reference = bank().start(200_000);
    bank().complete(reference);
    expect(await as("wallet", s.brand.actor).topUp({ brandID, reference })).toMatchObject({ credited: 200_000, available: 1_150_000, held: 50_000 });
    expect(await as("wallet", s.brand.actor).balance({ brandID })).toMatchObject({ available: 1_150_000, held: 50_000 });
    const moves = await as("wallet", s.brand.actor).movements({ brandID });
    expect(moves.items.map((m) => m.memo)).toEqual(["top_up", "slot_fee_hold", "top_up"]);

    Clock.use(Clock.fixed(Date.parse(s.booking.startsAt) + 3_600_000));
    const rows = [{ orderID: "A1", lineID: "A1-1", paidFen: 100_000, paidAt: new Date(Date.parse(s.booking.startsAt) + 60_000).toISOString() }];
    const input = { bookingID: s.booking.bookingID, platform: "douyin" as const, rows };
    expect(await as("sale", s.brand.actor).preview(input)).toMatchObject({ new: 1, commissionAfterFen: 20_000 });
    expect(await as("sale", s.brand.actor).import(input)).toMatchObject({ imported: 1, commissionFen: 20_000 });
    expect((await as("sale", s.host).ofBooking({ bookingID: s.booking.bookingID })).money.commissionFen).toBe(20_000);

    const mine = await as("earnings", s.host).mine({});
    expect(mine.balances).toMatchObject({ pendingFen: 18_000, availableFen: 0 });
    expect(mine.items.map((b) => b.bookingID)).toEqual([s.booking.bookingID]);
    expect((await as("earnings", s.host).movements({})).items).toEqual([]);
    expect((await as("earnings", s.host).series({ days: 30 })).days).toEqual([]);

    // the agency asks for a share, ops approve it; its page and the ops overview
    const agencyID = s.org.orgID;
    const asked = await as("earnings", s.admin.actor).proposeShare({ agencyID, shareBps: 1000, months: 12 });
    expect((await as("earnings", s.ops.actor).waitingShares({})).items.map((x) => x.agencyID)).toContain(agencyID);
    await as("earnings", s.ops.actor).decideShare({ agencyID, approve: true, proposedAt: asked.proposed?.at as string });
    expect((await as("earnings", s.admin.actor).share({ agencyID })).approved).toMatchObject({ shareBps: 1000, months: 12 });
    expect((await as("earnings", s.admin.actor).ofAgency({ agencyID })).items).toEqual([]);
    expect(await as("earnings", s.ops.actor).platformFee()).toEqual({ platformFeeBps: 1000 });
    expect(await as("earnings", s.ops.actor).setPlatformFee({ platformFeeBps: 800 })).toEqual({ platformFeeBps: 800 });
    const overview = await as("earnings", s.ops.actor).overview({});
    expect(overview.platform.pendingFen).toBeGreaterThanOrEqual(2_000);
    expect(overview.heldFen).toBeGreaterThanOrEqual(50_000);
    const checked = await as("earnings", s.ops.actor).check({});
    expect([checked.differences, checked.balanced]).toEqual([[], true]);
  }, 180_000);

  it("shows each payee only its own money and refuses bad input field by field, writing nothing", async () => {
    const s = await bookedSession();
    const brandID = s.brand.org.orgID;
    const [stranger] = (await people(1)) as [Actor.PersonActor];
    const other = await brand("苏州丝绸", { fundFen: 0 });
    for (const who of [stranger, other.actor, s.host]) {
      expect((await failure(caller(who).wallet.balance({ brandID }))).code).toBe("NOT_FOUND");
      expect((await failure(caller(who).sale.import({ bookingID: s.booking.bookingID, platform: "douyin", rows: [] }))).code).toBe("NOT_FOUND");
    }
    for (const who of [stranger, other.actor]) expect((await failure(caller(who).sale.ofBooking({ bookingID: s.booking.bookingID }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(s.host).earnings.ofAgency({ agencyID: s.org.orgID }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(s.admin.actor).earnings.overview({}))).code).toBe("FORBIDDEN");
    expect((await failure(caller(s.host).earnings.movements({ platform: true }))).code).toBe("FORBIDDEN");

    const before = await caller(s.brand.actor).wallet.balance({ brandID });
    const bad = await failure(caller(s.brand.actor).wallet.topUp({ brandID, reference: "no spaces allowed" }));
    expect([bad.code, Object.keys(bad.fields)]).toEqual(["BAD_REQUEST", ["reference"]]);
    const share = await failure(caller(s.admin.actor).earnings.proposeShare({ agencyID: s.org.orgID, shareBps: 5_000, months: 0 }));
    expect(Object.keys(share.fields).sort()).toEqual(["months", "shareBps"]);
    expect((await caller(s.admin.actor).earnings.share({ agencyID: s.org.orgID })).proposed).toBeUndefined();
    const fee = await failure(caller(s.ops.actor).earnings.setPlatformFee({ platformFeeBps: 9_000 }));
    expect(Object.keys(fee.fields)).toEqual(["platformFeeBps"]);
    const cursor = await failure(caller(s.brand.actor).wallet.movements({ brandID, cursor: "not-a-cursor" }));
    expect(Object.keys(cursor.fields)).toEqual(["cursor"]);
    Clock.use(Clock.fixed(Date.parse(s.booking.startsAt) + 3_600_000));
    const rows = await failure(
      caller(s.brand.actor).sale.import({
        bookingID: s.booking.bookingID,
        platform: "douyin",
        rows: [{ orderID: "A1", lineID: "A1-1", paidFen: 100, refundedFen: 200, paidAt: "2026-02-30T20:00:00+08:00" }],
      }),
    );
    expect(rows.fields).toEqual({ "rows.1.refundedFen": expect.stringContaining("larger") });
    expect((await caller(s.brand.actor).sale.ofBooking({ bookingID: s.booking.bookingID })).lineCount).toBe(0);
    expect(await caller(s.brand.actor).wallet.balance({ brandID })).toEqual(before);
  }, 180_000);

  it("credits a top-up once when ten of it come in one tRPC batch", async () => {
    const b = await brand("徐州老城牛肉月饼", { fundFen: 0 });
    const tokens = await Auth.signIn({ login: b.admin.login, password: PASSWORD });
    const reference = bank().start(300_000);
    bank().complete(reference);
    const calls = Array.from({ length: 10 }, () => "wallet.topUp");
    const res = await app.request(`/trpc/${calls.join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.accessToken}` },
      body: JSON.stringify(Object.fromEntries(calls.map((_, i) => [i, { brandID: b.org.orgID, reference }]))),
    });
    const results = (await res.json()) as { result?: { data: { credited: number } } }[];
    // every call answers; one of them credited the payment, the others say nothing more was added
    expect(results.map((r) => r.result?.data.credited).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 300_000]);
    expect(await caller(b.actor).wallet.balance({ brandID: b.org.orgID })).toMatchObject({ available: 300_000, received: 300_000 });
  }, 120_000);

  it("has answered every money procedure at least once", () => {
    const procedures = Object.entries({ wallet: walletRouter, sale: saleRouter, earnings: earningsRouter }).flatMap(([name, r]) =>
      Object.keys(r._def.procedures).map((p) => `${name}.${p}`),
    );
    expect(procedures.length).toBe(18);
    expect(procedures.filter((p) => !answered.has(p))).toEqual([]);
  });
});
