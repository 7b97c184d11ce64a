import { describe, expect, it } from "vitest";
import { as, bank, brand, people } from "../../test/factory.js";
import type { Actor } from "../actor/index.js";
import type { VisibleError } from "../error/index.js";
import { Wallet } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

describe("brand wallets", () => {
  it("credit a confirmed top-up exactly once, however often and simultaneously it is recorded", async () => {
    const b = await brand("徐州老城牛肉月饼", { fundFen: 0 });
    const reference = bank().start(500_000);
    expect((await reject(as(b.actor, () => Wallet.topUp({ brandID: b.org.orgID, reference })))).code).toBe("payment.pending");
    bank().complete(reference);
    const recorded = await Promise.all(Array.from({ length: 8 }, () => as(b.actor, () => Wallet.topUp({ brandID: b.org.orgID, reference }))));
    expect(recorded.map((r) => r.credited).sort((x, y) => x - y)).toEqual([0, 0, 0, 0, 0, 0, 0, 500_000]);
    expect(await as(b.actor, () => Wallet.balance({ brandID: b.org.orgID }))).toEqual({ available: 500_000, held: 0, spent: 0, received: 500_000 });
  });

  it("refuse failed and unknown payments, a reference credited to another brand, and everyone but the brand's admins", async () => {
    const [mine, other] = [await brand("徐州老城牛肉月饼", { fundFen: 0 }), await brand("苏州丝绸", { fundFen: 0 })];
    const failed = bank().start(1_000);
    bank().complete(failed, "failed");
    expect((await reject(as(mine.actor, () => Wallet.topUp({ brandID: mine.org.orgID, reference: failed })))).code).toBe("payment.failed");
    expect((await reject(as(mine.actor, () => Wallet.topUp({ brandID: mine.org.orgID, reference: "NOPE1234" })))).fields).toHaveProperty("reference");
    expect((await reject(as(mine.actor, () => Wallet.topUp({ brandID: mine.org.orgID, reference: "bad ref!" })))).fields).toHaveProperty("reference");
    const used = bank().start(2_000);
    bank().complete(used);
    await as(mine.actor, () => Wallet.topUp({ brandID: mine.org.orgID, reference: used }));
    expect((await reject(as(other.actor, () => Wallet.topUp({ brandID: other.org.orgID, reference: used })))).code).toBe("payment.used");
    const [stranger] = (await people(1)) as [Actor.PersonActor];
    expect((await reject(as(stranger, () => Wallet.balance({ brandID: mine.org.orgID })))).kind).toBe("not_found");
    expect((await reject(as(other.actor, () => Wallet.topUp({ brandID: mine.org.orgID, reference: used })))).kind).toBe("not_found");
    expect((await as(mine.actor, () => Wallet.balance({ brandID: mine.org.orgID }))).available).toBe(2_000);
    expect((await as(other.actor, () => Wallet.balance({ brandID: other.org.orgID }))).available).toBe(0);
  });
});
