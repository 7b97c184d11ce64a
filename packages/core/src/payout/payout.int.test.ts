import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { as, org, PASSWORD, people, recordedEvents } from "../../test/factory.js";
import { expectLedgerSound } from "../../test/ledger-sound.js";
import { clawBack, earn } from "../../test/payees.js";
import type { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import type { VisibleError } from "../error/index.js";
import { Ledger } from "../ledger/index.js";
import { Payee } from "../payee/index.js";
import { type LocalPayoutProvider, Payout } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

let provider: LocalPayoutProvider;
beforeAll(() => {
  provider = Payout.createLocalPayoutProvider(mkdtempSync(join(tmpdir(), "zhubo-payouts-")));
  Payout.useProvider(provider);
});
afterEach(() => {
  Clock.reset();
  Payout.onBoundary(undefined);
});

let ops: Awaited<ReturnType<typeof org>>["ops"];
const opsActor = async () => {
  ops ??= (await org("agency", "苏州主播学院")).ops;
  return ops.actor;
};

/** Hosts with an Alipay method each (set as they would: password again), `fen` available each. */
async function payees(n: number, fen = 10_000) {
  const hosts = await people(n, "主播");
  for (const [i, h] of hosts.entries()) {
    await as(h, () => Payout.setMethod({ payeeID: h.personID, account: `1380000${String(1000 + i).slice(-4)}`, name: "王小明", password: PASSWORD }));
    if (fen) await earn(h.personID, fen);
  }
  return hosts as Actor.PersonActor[];
}

const balances = async (id: string) => ({
  available: (await Ledger.balance(Payee.earnedOf(id), { missing: "zero" })).available,
  inflight: (await Ledger.balance(Payout.inflightOf(id), { missing: "zero" })).available,
  paid: (await Ledger.balance(Payout.paidOf(id), { missing: "zero" })).available,
});

/** Drives a run to its end, answering each transfer still pending at the provider by `decide` (by payee). */
async function finish(runID: string, decide: (reference: string) => "succeed" | { fail: string } = () => "succeed") {
  for (let round = 0; round < 20; round++) {
    const next = await Payout.drive(runID);
    if (next === "done") return;
    for (const t of provider.list())
      if (t.state === "pending" && t.reference.startsWith(`ZB${runID.slice(4)}`)) provider.decide(t.reference, decide(t.reference));
  }
  throw new Error(`run ${runID} did not finish`);
}

async function startRun() {
  const actor = await opsActor();
  return as(actor, () => Payout.start({}));
}

describe("payout settings", () => {
  it("saves an Alipay method masked, needs the password again, and pauses payouts for 24 hours after a change", async () => {
    const [host] = (await people(1, "主播")) as Actor.PersonActor[];
    const id = (host as Actor.PersonActor).personID;
    const wrong = await reject(
      as(host as Actor.PersonActor, () => Payout.setMethod({ payeeID: id, account: "13812345678", name: "王小明", password: "not it" })),
    );
    expect(wrong.fields).toEqual({ password: "Wrong password" });
    expect((await as(host as Actor.PersonActor, () => Payout.settings({ payeeID: id }))).method).toBeUndefined();

    const saved = await as(host as Actor.PersonActor, () => Payout.setMethod({ payeeID: id, account: "13812345678", name: "王小明", password: PASSWORD }));
    expect(saved.method).toMatchObject({ type: "alipay", account: "138****5678", name: "**明" });
    expect(saved.pausedUntil).toBeUndefined();
    expect(saved.minimumFen).toBe(1_000);

    const changed = await as(host as Actor.PersonActor, () =>
      Payout.setMethod({ payeeID: id, account: "Wang.Ming@Example.com", name: "王小明", password: PASSWORD }),
    );
    expect(changed.method?.account).toBe("w***@example.com");
    expect(Date.parse(changed.pausedUntil as string) - Clock.now()).toBeGreaterThan(23.9 * 3_600_000);
    const minimum = await as(host as Actor.PersonActor, () => Payout.setMinimum({ payeeID: id, minimumFen: 5_000 }));
    expect(minimum).toMatchObject({ minimumFen: 5_000, method: { account: "w***@example.com" } });
  });

  it("gives per-field errors for an account of the wrong shape, a name with digits and a minimum below ¥1, and writes nothing", async () => {
    const [host] = (await people(1, "主播")) as Actor.PersonActor[];
    const id = (host as Actor.PersonActor).personID;
    const bad = await reject(as(host as Actor.PersonActor, () => Payout.setMethod({ payeeID: id, account: "12345", name: "王小明2", password: PASSWORD })));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["account", "name"]);
    const low = await reject(as(host as Actor.PersonActor, () => Payout.setMinimum({ payeeID: id, minimumFen: 99 })));
    expect(low.fields).toEqual({ minimumFen: "At least ¥1" });
    const fraction = await reject(as(host as Actor.PersonActor, () => Payout.setMinimum({ payeeID: id, minimumFen: 150.5 })));
    expect(Object.keys(fraction.fields ?? {})).toEqual(["minimumFen"]);
    expect(await as(host as Actor.PersonActor, () => Payout.settings({ payeeID: id }))).toMatchObject({ method: undefined, minimumFen: 1_000, version: 0 });
  });

  it("shows a payee's settings and payouts only to the payee (an agency's to its admins)", async () => {
    const [a, b] = (await people(2, "主播")) as Actor.PersonActor[];
    const agency = await org("agency", "无锡主播学院");
    const calls: (() => Promise<unknown>)[] = [
      () => Payout.settings({ payeeID: (b as Actor.PersonActor).personID }),
      () => Payout.mine({ payeeID: (b as Actor.PersonActor).personID }),
      () => Payout.setMinimum({ payeeID: agency.org.orgID, minimumFen: 2_000 }),
    ];
    for (const call of calls) expect((await reject(as(a as Actor.PersonActor, call))).code).toBe("payee.not_found");
    const saved = await as(agency.admin.actor, () =>
      Payout.setMethod({ payeeID: agency.org.orgID, account: "finance@wuxi.example.cn", name: "无锡主播学院", password: PASSWORD }),
    );
    expect(saved.payeeKind).toBe("agency");
    expect((await reject(as(a as Actor.PersonActor, () => Payout.start({})))).code).toBe("ops.only");
  });
});

describe("payout runs", () => {
  it("pays payable payees once, returns a failure to available with the provider's reason, and skips the rest", async () => {
    const [paid, failing, small, clawed] = await payees(4);
    const [noMethod] = (await people(1, "主播")) as Actor.PersonActor[];
    await earn((noMethod as Actor.PersonActor).personID, 50_000);
    await clawBack((small as Actor.PersonActor).personID, 9_500); // 500 left: under the ¥10 minimum
    await clawBack((clawed as Actor.PersonActor).personID, 15_000); // −5,000: owes, isn't paid
    const ids = [paid, failing, small, clawed].map((h) => (h as Actor.PersonActor).personID);

    const run = await startRun();
    expect((await recordedEvents("payout.run_requested")).map((e) => e.properties)).toContainEqual({ runID: run.runID, cause: "start" });
    await finish(run.runID, (ref) => (ref.includes(ids[1]?.slice(4) as string) ? { fail: "PAYEE_NOT_EXIST" } : "succeed"));

    expect(await balances(ids[0] as string)).toEqual({ available: 0, inflight: 0, paid: 10_000 });
    expect(await balances(ids[1] as string)).toEqual({ available: 10_000, inflight: 0, paid: 0 });
    expect((await balances(ids[2] as string)).available).toBe(500);
    expect((await balances(ids[3] as string)).available).toBe(-5_000);
    expect((await balances((noMethod as Actor.PersonActor).personID)).paid).toBe(0);

    const actor = await opsActor();
    const seen = await as(actor, () => Payout.run({ runID: run.runID }));
    expect(seen.run).toMatchObject({ phase: "done", planned: 2, paid: 1, paidFen: 10_000, failed: 1, failedFen: 10_000, chunks: 1, chunksPaid: 1 });
    expect(seen.failures).toMatchObject([{ payeeID: ids[1], code: "PAYEE_NOT_EXIST", reason: expect.stringContaining("doesn't exist") }]);
    const mine = await as(failing as Actor.PersonActor, () => Payout.mine({ payeeID: ids[1] as string }));
    expect(mine.items[0]).toMatchObject({ status: "failed", code: "PAYEE_NOT_EXIST", account: "138****1001" });
    expect(provider.list().filter((t) => t.reference.startsWith(`ZB${run.runID.slice(4)}`))).toHaveLength(2);
    expect((await as(actor, () => Payout.check({ runID: run.runID }))).problems).toEqual([]);
    await expectLedgerSound();

    // ops retry after the payee's account is fixed: a new attempt under a new reference, once the old one failed
    const retried = await as(actor, () => Payout.retry({ runID: run.runID, payeeID: ids[1] as string }));
    expect(retried).toMatchObject({ status: "reserved", attempt: 2 });
    expect((await reject(as(actor, () => Payout.retry({ runID: run.runID, payeeID: ids[1] as string })))).code).toBe("payout.not_failed");
    await finish(run.runID);
    expect(await balances(ids[1] as string)).toEqual({ available: 0, inflight: 0, paid: 10_000 });
    expect((await as(actor, () => Payout.run({ runID: run.runID }))).run).toMatchObject({ phase: "done", paid: 2, failed: 0 });

    // the next run pays nobody twice: nothing is available, the clawed-back payee still owes
    const next = await startRun();
    await finish(next.runID);
    expect((await as(actor, () => Payout.run({ runID: next.runID }))).run).toMatchObject({ planned: 0, phase: "done" });
  });

  it("asks about an unknown outcome before anything else, and resends only what the provider never got, under the same reference", async () => {
    const hosts = await payees(3);
    // timeout after recording, a request that never arrived, a system error after recording
    provider.plan("timeout", "lost", "system_error");
    const run = await startRun();
    const first = await Payout.drive(run.runID);
    expect(first).toBe("wait");
    const mine = provider.list().filter((t) => t.reference.startsWith(`ZB${run.runID.slice(4)}`));
    // the lost one was sent again under its reference once the provider said it had never heard of it
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((t) => t.reference)).size).toBe(3);
    await finish(run.runID);
    for (const h of hosts) expect(await balances(h.personID)).toEqual({ available: 0, inflight: 0, paid: 10_000 });
    expect(provider.list().filter((t) => t.reference.startsWith(`ZB${run.runID.slice(4)}`) && t.state === "succeeded")).toHaveLength(3);
    await expectLedgerSound();
  });

  it("allows one run at a time, and a run driven twice at once pays each payee once", async () => {
    const hosts = await payees(3);
    const [first, second] = await Promise.allSettled([startRun(), startRun()]);
    const started = [first, second].filter((r) => r.status === "fulfilled");
    expect(started).toHaveLength(1);
    expect(([first, second].find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("payout.run_active");
    const runID = (started[0] as PromiseFulfilledResult<{ runID: string }>).value.runID;
    provider.plan("succeed", "succeed", "succeed");
    await Promise.all([Payout.drive(runID), Payout.drive(runID)]);
    await finish(runID);
    for (const h of hosts) expect(await balances(h.personID)).toEqual({ available: 0, inflight: 0, paid: 10_000 });
    await expectLedgerSound();
  });

  it("resumes a run killed at every step boundary in turn to the same end: nobody paid twice, nobody skipped", async () => {
    const hosts = await payees(3, 0);
    const ids = hosts.map((h) => h.personID);
    const decide = (ref: string) => (ref.includes(ids[1]?.slice(4) as string) ? { fail: "PAYEE_USER_INFO_ERROR" } : ("succeed" as const));
    // a clean run counts the boundaries
    const labels: string[] = [];
    for (const id of ids) await earn(id, 10_000);
    provider.plan("pending", "pending", "timeout");
    Payout.onBoundary((label) => void labels.push(label));
    const clean = await startRun();
    await finish(clean.runID, decide);
    Payout.onBoundary(undefined);
    expect(labels.length).toBeGreaterThan(12);
    expect(await balances(ids[0] as string)).toEqual({ available: 0, inflight: 0, paid: 10_000 });

    let paidSoFar = 10_000;
    for (let k = 1; k <= labels.length; k++) {
      // the failed payee's money came back; the others earn again
      await earn(ids[0] as string, 10_000);
      await earn(ids[2] as string, 10_000);
      provider.plan("pending", "pending", "timeout");
      let n = 0;
      Payout.onBoundary((label) => {
        if (++n === k) throw new Error(`killed at ${label}`);
      });
      let runID: string | undefined;
      for (let attempt = 0; attempt < 3 && !runID; attempt++) runID = (await startRun().catch(() => undefined))?.runID;
      let finished = false;
      for (let resume = 0; resume < 5 && !finished; resume++) {
        try {
          await finish(runID as string, decide);
          finished = true;
        } catch (e) {
          if (!String((e as Error).message).startsWith("killed at")) throw e;
        }
      }
      Payout.onBoundary(undefined);
      paidSoFar += 10_000;
      expect({ k, ...(await balances(ids[0] as string)) }).toEqual({ k, available: 0, inflight: 0, paid: paidSoFar });
      expect({ k, ...(await balances(ids[1] as string)) }).toEqual({ k, available: 10_000, inflight: 0, paid: 0 });
      expect({ k, ...(await balances(ids[2] as string)) }).toEqual({ k, available: 0, inflight: 0, paid: paidSoFar });
      const sent = provider.list().filter((t) => t.reference.startsWith(`ZB${(runID as string).slice(4)}`));
      expect({ k, transfers: sent.length }).toEqual({ k, transfers: 3 });
    }
    await expectLedgerSound();
  }, 300_000);
});
