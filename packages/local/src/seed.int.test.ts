import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Earnings } from "@zhubo/core/earnings";
import { Enrolment } from "@zhubo/core/enrolment";
import { Market } from "@zhubo/core/market";
import { Org } from "@zhubo/core/org";
import { Payout } from "@zhubo/core/payout";
import { Statement } from "@zhubo/core/statement";
import { Wallet } from "@zhubo/core/wallet";
import { describe, expect, it } from "vitest";
import { actorOf, as } from "../../core/test/factory.js";
import { expectLedgerSound } from "../../core/test/ledger-sound.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "./seed.js";

const signIn = async (login: string) => {
  const tokens = await Auth.signIn({ login, password: DEMO_PASSWORD });
  return actorOf(tokens);
};

describe("demo data", () => {
  it("has a running Suzhou cohort whose instructor sees learners at different stages, and seeds only once", async () => {
    expect(await seed()).toBe(true);
    expect(await seed()).toBe(false);

    const instructor = await signIn(DEMO_ACCOUNTS.instructor.login);
    const teaching = await as(instructor, () => Cohort.teaching({}));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const running = teaching.items.find((c) => c.startDate <= today && c.endDate >= today);
    expect(running?.city).toBe("suzhou");
    const roster = await as(instructor, () => Enrolment.roster({ cohortID: running?.cohortID as string }));
    const percents = roster.items.map((r) => r.progress.percent);
    expect(roster.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(percents).size).toBeGreaterThanOrEqual(4);

    const catalogue = await Course.browse({ category: "local_speciality" });
    expect(catalogue.items[0]?.title).toContain("直播带货");

    // certificates: issued, expiring within 30 days, revoked; one learner a lesson short; a proposal waiting for ops
    const statusOf = async (login: string) => (await as(await signIn(login), () => Certification.mine({}))).certificates.map((c) => [c.status, c.notice?.kind]);
    expect(await statusOf(DEMO_ACCOUNTS.hostSuqian.login)).toEqual([["active", undefined]]);
    expect(await statusOf("learner1@zhubo.local")).toEqual([["active", "expiring"]]);
    expect(await statusOf("learner4@zhubo.local")).toEqual([["revoked", undefined]]);
    const almost = await as(await signIn("learner2@zhubo.local"), () => Certification.mine({}));
    expect(almost.certificates).toEqual([]);
    expect(almost.working[0]?.checks.filter((c) => !c.met).map((c) => c.requirement)).toEqual(["lessonsPercent"]);
    const operator = await signIn(DEMO_ACCOUNTS.ops.login);
    expect((await as(operator, () => Certification.listByStatus({ status: "pending" }))).items.map((d) => d.name)).toEqual(["苏式糕点直播讲解员"]);

    // the marketplace looks alive: the brand's certification-gated Xuzhou gig ranks the certified Xuzhou host first
    const brandActor = await signIn(DEMO_ACCOUNTS.brand.login);
    const [brandOrg] = await as(brandActor, () => Org.mine());
    const gigs = await as(brandActor, () => Market.ofBrandList({ brandID: brandOrg?.orgID as string, status: "open" }));
    expect(gigs.items.length).toBeGreaterThanOrEqual(2);
    const gated = gigs.items.find((g) => g.requiredCertifications.length > 0 && g.city === "xuzhou");
    const ranked = await as(brandActor, () => Market.candidates({ gigID: gated?.gigID as string }));
    const zhangke = await signIn(DEMO_ACCOUNTS.hostXuzhou.login);
    expect(ranked.items[0]?.hostID).toBe(zhangke.personID);
    const open = await as(brandActor, () => Market.candidates({ gigID: gigs.items.find((g) => g.requiredCertifications.length === 0)?.gigID as string }));
    expect(open.items.length).toBeGreaterThanOrEqual(2);

    const brand = await signIn(DEMO_ACCOUNTS.brand.login);
    const [mooncakes] = await as(brand, () => Org.mine());
    expect(mooncakes).toMatchObject({ kind: "brand", city: "xuzhou", status: "active" });
    expect(mooncakes?.description).toContain("牛肉月饼");

    // money: a funded wallet with a held fee, a host with pending and available commission and one clawback
    const wallet = await as(brand, () => Wallet.balance({ brandID: mooncakes?.orgID as string }));
    expect(wallet).toMatchObject({ held: 80_000 });
    expect(wallet.available).toBeGreaterThan(4_000_000);
    const earnings = await as(zhangke, () => Earnings.mine({}));
    expect(earnings.balances.pendingFen).toBeGreaterThan(0);
    expect(earnings.balances.availableFen).toBeGreaterThan(0);
    expect(earnings.items).toHaveLength(2);
    const moves = await as(zhangke, () => Earnings.movements({}));
    expect(moves.items.filter((m) => m.memo === "clawback")).toHaveLength(1);
    expect(moves.items.filter((m) => m.memo === "slot_fee")).toHaveLength(2);

    // payouts: the week's scheduled run refused the host's transfer (a typo in the name) and returned it; ops' run the day after the correction paid it
    const ops = await signIn(DEMO_ACCOUNTS.ops.login);
    const [run, weekly] = (await as(ops, () => Payout.runs({}))).items;
    expect(weekly).toMatchObject({ phase: "done", trigger: "schedule", planned: 1, paid: 0, failed: 1 });
    expect(run).toMatchObject({ phase: "done", trigger: "ops", planned: 1, paid: 1, failed: 0 });
    const detail = await as(ops, () => Payout.run({ runID: weekly?.runID as string }));
    expect(detail.failures.map((f) => [f.code, f.name])).toEqual([["PAYEE_USER_INFO_ERROR", "*珂"]]);
    const paid = await as(zhangke, () => Payout.mine({ payeeID: zhangke.personID }));
    expect(paid.items.map((p) => p.status)).toEqual(["paid", "failed"]);
    expect(paid.paidOutFen).toBeGreaterThan(0);
    const statement = await as(zhangke, () => Statement.of({ ownerID: zhangke.personID, month: Statement.monthOf(Date.parse(run?.startedAt as string)) }));
    expect(statement.accounts.find((a) => a.role === "available")?.movements.map((m) => m.memo)).toContain("payout");
    await expectLedgerSound();
  }, 300_000);
});
