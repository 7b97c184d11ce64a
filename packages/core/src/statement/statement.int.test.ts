import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { as, brand, org, PASSWORD, people } from "../../test/factory.js";
import { clawBack, earn } from "../../test/payees.js";
import type { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import type { VisibleError } from "../error/index.js";
import { Ledger } from "../ledger/index.js";
import { Payee } from "../payee/index.js";
import { Payout } from "../payout/index.js";
import { Statement } from "./index.js";

afterEach(() => Clock.reset());
const at = (iso: string) => Clock.use(Clock.fixed(Date.parse(iso)));
const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("statements", () => {
  it("opens each month with the last one's closing balance, lists every movement, and closes on the ledger's balance at the cut-off", async () => {
    const provider = Payout.createLocalPayoutProvider(mkdtempSync(join(tmpdir(), "zhubo-statement-")));
    Payout.useProvider(provider);
    at("2026-10-15T02:00:00Z");
    const [host] = (await people(1, "主播")) as Actor.PersonActor[];
    const id = (host as Actor.PersonActor).personID;
    await as(host as Actor.PersonActor, () => Payout.setMethod({ payeeID: id, account: "13900001111", name: "李娜", password: PASSWORD }));
    await earn(id, 10_000);
    at("2026-10-25T02:00:00Z");
    await clawBack(id, 2_000);
    // 23:30 on 31 October China time is still October
    at("2026-10-31T15:30:00Z");
    await earn(id, 500);
    const octoberEnd = (await Ledger.balance(Payee.earnedOf(id))).available;
    at("2026-11-03T02:00:00Z");
    await earn(id, 5_000);
    at("2026-11-10T02:00:00Z");
    provider.plan("succeed");
    const ops = (await org("agency", "常州主播学院")).ops;
    const run = await as(ops.actor, () => Payout.start({}));
    expect(await Payout.drive(run.runID)).toBe("done");
    at("2026-11-20T02:00:00Z");
    await earn(id, 1_000);
    at("2026-12-01T02:00:00Z");

    const october = await as(host as Actor.PersonActor, () => Statement.of({ ownerID: id, month: "2026-10" }));
    const available = (s: Statement.Info) => s.accounts.find((a) => a.role === "available") as Statement.AccountStatement;
    expect(available(october)).toMatchObject({ openingFen: 0, closingFen: octoberEnd, inFen: 10_500, outFen: 2_000 });
    expect(available(october).movements.map((m) => [m.memo, m.amountFen, m.balanceFen])).toEqual([
      ["release", 10_000, 10_000],
      ["clawback", -2_000, 8_000],
      ["release", 500, 8_500],
    ]);
    expect(october.partial).toBe(false);

    const november = await as(host as Actor.PersonActor, () => Statement.of({ ownerID: id, month: "2026-11" }));
    expect(available(november)).toMatchObject({ openingFen: 8_500, closingFen: 1_000, inFen: 6_000, outFen: 13_500 });
    expect(available(november).movements.map((m) => m.memo)).toEqual(["release", "payout", "release"]);
    expect(available(november).closingFen).toBe((await Ledger.balance(Payee.earnedOf(id))).available);

    const december = await as(host as Actor.PersonActor, () => Statement.of({ ownerID: id, month: "2026-12" }));
    expect(december.partial).toBe(true);
    expect(available(december)).toMatchObject({ openingFen: 1_000, closingFen: 1_000, movements: [] });

    const csv = Statement.csv(november);
    expect(csv.startsWith("\uFEFF时间,账户,类型,说明,关联,收入(元),支出(元),冻结变动(元),余额(元)\r\n")).toBe(true);
    const rows = csv.slice(1).trimEnd().split("\r\n");
    expect(rows[1]).toBe("2026-11-01 00:00,可提现,期初余额,,,,,,85.00");
    expect(rows[3]).toBe(`2026-11-10 10:00,可提现,提现（处理中）,,${run.runID},,135.00,,0.00`);
    expect(rows[5]).toBe("2026-12-01 00:00,可提现,期末余额,,,60.00,135.00,,10.00");
    expect(Statement.csv(november, "en")).toContain("Available,Closing balance,,,60.00,135.00,,10.00");
  });

  it("gives brands their wallet's statement with holds, and shows nobody else's", async () => {
    at("2026-11-05T02:00:00Z");
    const b = await brand("无锡水蜜桃", { fundFen: 300_000 });
    at("2026-12-01T02:00:00Z");
    const s = await as(b.actor, () => Statement.of({ ownerID: b.org.orgID, month: "2026-11" }));
    expect(s.ownerKind).toBe("brand");
    expect(s.accounts[0]).toMatchObject({ role: "wallet", openingFen: 0, closingFen: 300_000, inFen: 300_000 });
    expect(s.accounts[0]?.movements[0]).toMatchObject({ memo: "top_up", amountFen: 300_000 });

    const [stranger] = (await people(1, "路人")) as Actor.PersonActor[];
    expect((await reject(as(stranger as Actor.PersonActor, () => Statement.of({ ownerID: b.org.orgID, month: "2026-11" })))).code).toBe("brand.not_found");
    expect((await reject(as(stranger as Actor.PersonActor, () => Statement.of({ ownerID: b.admin.personID, month: "2026-11" })))).code).toBe("payee.not_found");
    const future = await reject(as(b.actor, () => Statement.of({ ownerID: b.org.orgID, month: "2027-01" })));
    expect(future.fields).toEqual({ month: "No statement for that month" });
    const bad = await reject(as(b.actor, () => Statement.of({ ownerID: b.org.orgID, month: "2026-13" })));
    expect(bad.fields).toEqual({ month: "A month like 2026-11" });
  });
});
