import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Payout } from "@zhubo/core/payout";
import { beforeAll, describe, expect, it } from "vitest";
import { as as asActor, ops as opsPerson, org, PASSWORD, people } from "../../../../packages/core/test/factory.js";
import { earn } from "../../../../packages/core/test/payees.js";
import { app } from "../app.js";
import { payoutRouter, statementRouter } from "./payout.js";
import { caller, failure, recording } from "./testing.js";

/**
 * Every payout and statement procedure's happy path as the role that uses it (the last test fails
 * when one has none), tenancy, per-field errors that write nothing, and tRPC batches of starts and
 * retries that act once.
 */
const answered = new Set<string>();
type Routers = Pick<ReturnType<typeof caller>, "payout" | "statement">;
const as = <K extends keyof Routers>(router: K, actor: Actor.Info): Routers[K] => recording(answered, router, actor);

let provider: Payout.LocalPayoutProvider;
beforeAll(() => {
  provider = Payout.createLocalPayoutProvider(mkdtempSync(join(tmpdir(), "zhubo-payout-router-")));
  Payout.useProvider(provider);
});

/** Runs a run to its end, the provider answering as planned. */
async function drain(runID: string) {
  for (let i = 0; i < 10; i++) if ((await Payout.drive(runID)) === "done") return;
  throw new Error("run did not finish");
}

describe("payout routers", () => {
  it("a host sets a method and sees payouts and statements; an agency admin the agency's; ops run, retry and check", async () => {
    const [host] = (await people(1, "主播")) as Actor.PersonActor[];
    const hostID = (host as Actor.PersonActor).personID;
    const agency = await org("agency", "南通主播学院");
    const ops = agency.ops.actor;
    const agencyID = agency.org.orgID;

    expect(await as("payout", host as Actor.PersonActor).settings({ payeeID: hostID })).toMatchObject({ method: undefined, minimumFen: 1_000 });
    expect(
      await as("payout", host as Actor.PersonActor).setMethod({ payeeID: hostID, account: "13700002222", name: "陈静", password: PASSWORD }),
    ).toMatchObject({
      method: { account: "137****2222", name: "*静" },
    });
    expect(await as("payout", host as Actor.PersonActor).setMinimum({ payeeID: hostID, minimumFen: 2_000 })).toMatchObject({ minimumFen: 2_000 });
    await as("payout", agency.admin.actor).setMethod({ payeeID: agencyID, account: "pay@nantong.example.cn", name: "南通主播学院", password: PASSWORD });
    await earn(hostID, 30_000);
    await earn(agencyID, 12_000);

    provider.plan("succeed", { fail: "PAYEE_USER_INFO_ERROR" });
    const run = await as("payout", ops).start({});
    await drain(run.runID);
    expect((await as("payout", ops).runs({})).items.map((r) => r.runID)).toContain(run.runID);
    const seen = await as("payout", ops).run({ runID: run.runID });
    expect(seen.run).toMatchObject({ phase: "done", planned: 2, paid: 1, failed: 1 });
    expect((await as("payout", ops).payouts({ runID: run.runID })).items).toHaveLength(2);
    const failed = seen.failures[0];
    expect(failed?.code).toBe("PAYEE_USER_INFO_ERROR");

    const mine = await as("payout", host as Actor.PersonActor).mine({ payeeID: hostID });
    const theirs = await caller(agency.admin.actor).payout.mine({ payeeID: agencyID });
    const [paidOne, failedOne] = failed?.payeeID === agencyID ? [mine, theirs] : [theirs, mine];
    expect(paidOne.items[0]?.status).toBe("paid");
    expect(failedOne.items[0]).toMatchObject({ status: "failed", reason: expect.stringContaining("doesn't match") });

    expect(await as("payout", ops).retry({ runID: run.runID, payeeID: failed?.payeeID as string })).toMatchObject({ status: "reserved", attempt: 2 });
    provider.plan("succeed");
    await drain(run.runID);
    expect(await as("payout", ops).check({ runID: run.runID })).toMatchObject({ ok: true, problems: [], paidFen: 42_000, inflightFen: 0 });

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const statement = await as("statement", host as Actor.PersonActor).of({ ownerID: hostID, month });
    // the host's own payout was either paid at once or refused, returned and paid on the retry
    const hostFailed = failed?.payeeID === hostID;
    expect(statement.accounts.find((a) => a.role === "available")?.movements.map((m) => m.memo)).toEqual(
      hostFailed ? ["release", "payout", "payout_returned", "payout"] : ["release", "payout"],
    );
    const csv = await as("statement", host as Actor.PersonActor).download({ ownerID: hostID, month, locale: "en" });
    expect(csv.filename).toBe(`zhubo-statement-${hostID}-${month}.csv`);
    expect(csv.text.startsWith("\uFEFFTime,Account,Type")).toBe(true);
  }, 120_000);

  it("hides other payees' settings, payouts and statements, refuses runs to non-ops, and writes nothing on bad input", async () => {
    const [a, b] = (await people(2, "主播")) as Actor.PersonActor[];
    const bID = (b as Actor.PersonActor).personID;
    for (const call of [
      () => caller(a).payout.settings({ payeeID: bID }),
      () => caller(a).payout.mine({ payeeID: bID }),
      () => caller(a).payout.setMinimum({ payeeID: bID, minimumFen: 5_000 }),
      () => caller(a).statement.of({ ownerID: bID, month: "2026-11" }),
    ])
      expect((await failure(call())).code).toBe("NOT_FOUND");
    for (const call of [() => caller(a).payout.start({}), () => caller(a).payout.runs({})]) expect((await failure(call())).code).toBe("FORBIDDEN");
    const bad = await failure(caller(b).payout.setMethod({ payeeID: bID, account: "not an account", name: "Li 4", password: PASSWORD }));
    expect(Object.keys(bad.fields).sort()).toEqual(["account", "name"]);
    const low = await failure(caller(b).payout.setMinimum({ payeeID: bID, minimumFen: 50 }));
    expect(low.fields).toEqual({ minimumFen: "At least ¥1" });
    const cursor = await failure(caller(b).payout.mine({ payeeID: bID, cursor: "forged" }));
    expect(Object.keys(cursor.fields)).toEqual(["cursor"]);
    expect(await caller(b).payout.settings({ payeeID: bID })).toMatchObject({ method: undefined, minimumFen: 1_000, version: 0 });
  });

  it("starts one run when ten starts come in one tRPC batch", async () => {
    const operator = await opsPerson();
    const [host] = (await people(1, "主播")) as Actor.PersonActor[];
    await asActor(host as Actor.PersonActor, () =>
      Payout.setMethod({ payeeID: (host as Actor.PersonActor).personID, account: "13600003333", name: "周杰", password: PASSWORD }),
    );
    await earn((host as Actor.PersonActor).personID, 5_000);
    const tokens = await Auth.signIn({ login: operator.login, password: PASSWORD });
    const calls = Array.from({ length: 10 }, () => "payout.start");
    const res = await app.request(`/trpc/${calls.join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.accessToken}` },
      body: JSON.stringify(Object.fromEntries(calls.map((_, i) => [i, {}]))),
    });
    const results = (await res.json()) as { result?: { data: { runID: string } }; error?: { data?: { code?: string } } }[];
    const started = results.filter((r) => r.result).map((r) => r.result?.data.runID);
    expect(new Set(started).size).toBe(1);
    expect(results.filter((r) => r.error).map((r) => r.error?.data?.code)).toEqual(Array(9).fill("payout.run_active"));
    provider.plan("succeed");
    await drain(started[0] as string);
  }, 120_000);

  it("has answered every payout and statement procedure at least once", () => {
    const procedures = Object.entries({ payout: payoutRouter, statement: statementRouter }).flatMap(([name, r]) =>
      Object.keys(r._def.procedures).map((p) => `${name}.${p}`),
    );
    expect(procedures.length).toBe(12);
    expect(procedures.filter((p) => !answered.has(p))).toEqual([]);
  });
});
