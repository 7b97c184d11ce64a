import { describe, expect, it } from "vitest";
import { expectLedgerSound } from "../../test/ledger-sound.js";
import type { VisibleError } from "../error/index.js";
import { Id } from "../id/index.js";
import { Ledger } from "./index.js";

const reject = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected an error"),
    (e: unknown) => e as VisibleError,
  );

let n = 0;
/** A brand wallet funded from the provider's clearing account, a host account and the platform fee account, all new. */
async function accounts(funded = 10_000) {
  const tag = `${Date.now().toString(36)}${n++}`;
  const clearing = await Ledger.open({ accountID: `clearing-${tag}`, kind: "provider_clearing", ownerID: "zhubo", normal: "debit", overdraft: "always" });
  const wallet = await Ledger.open({ accountID: `wallet-${tag}`, kind: "brand_wallet", ownerID: "brd_x", normal: "credit", overdraft: "never" });
  const host = await Ledger.open({ accountID: `host-${tag}`, kind: "host", ownerID: "prs_x", normal: "credit", overdraft: "clawback" });
  const platform = await Ledger.open({ accountID: `platform-${tag}`, kind: "platform_fee", ownerID: "zhubo", normal: "credit", overdraft: "never", shards: 4 });
  if (funded) await Ledger.post({ commandID: `topup-${tag}`, transfers: [{ debit: clearing.accountID, credit: wallet.accountID, amount: funded }] });
  return { clearing: clearing.accountID, wallet: wallet.accountID, host: host.accountID, platform: platform.accountID };
}

const cmd = () => Id.create("request");

describe("the ledger", () => {
  it("posts a command's transfers together: balances move, every balance equals its entries and the ledger sums to zero", async () => {
    const a = await accounts();
    await Ledger.post({
      commandID: cmd(),
      transfers: [
        { debit: a.wallet, credit: a.host, amount: 8_500 },
        { debit: a.wallet, credit: a.platform, amount: 1_500 },
      ],
    });
    expect(await Ledger.balance(a.wallet)).toMatchObject({ available: 0, debitsPosted: 10_000, creditsPosted: 10_000 });
    expect((await Ledger.balance(a.host)).available).toBe(8_500);
    expect((await Ledger.balance(a.platform)).available).toBe(1_500);
    expect((await Ledger.balance(a.clearing)).available).toBe(10_000);
    await expectLedgerSound();
  });

  it("returns the first result for a retried command, refuses its id for other content, and posts once however many retries race", async () => {
    const a = await accounts();
    const command = { commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 700 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => Ledger.post(command)));
    expect(new Set(results.map((r) => r.postingID)).size).toBe(1);
    // the caller saw an error after the write happened: it retries later and gets the same posting
    expect(await Ledger.post(command)).toEqual(results[0]);
    expect((await Ledger.balance(a.host)).available).toBe(700);
    const other = await reject(Ledger.post({ ...command, transfers: [{ debit: a.wallet, credit: a.host, amount: 701 }] }));
    expect(other.code).toBe("ledger.command_conflict");
    await expectLedgerSound();
  });

  it("never overdraws an account that doesn't allow it, even when withdrawals race: 10 of 20 tens from 100 succeed, the rest write nothing", async () => {
    const a = await accounts(100);
    const big = await reject(Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 101 }] }));
    expect(big).toMatchObject({ code: "ledger.insufficient_funds", fields: { account: a.wallet } });
    const tries = await Promise.allSettled(
      Array.from({ length: 20 }, () => Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 10 }] })),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(10);
    expect(await Ledger.balance(a.wallet)).toMatchObject({ available: 0 });
    expect((await Ledger.balance(a.host)).available).toBe(100);
    await expectLedgerSound();
  });

  it("holds in two phases: the payer's available shrinks at once, and the hold is posted or voided exactly once, even when both race", async () => {
    const a = await accounts(1_000);
    const hold = await Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 600, pending: true }] });
    const pendingID = hold.transferIDs[0] as string;
    expect(await Ledger.balance(a.wallet)).toMatchObject({ available: 400, debitsPending: 600 });
    expect(await Ledger.balance(a.host)).toMatchObject({ available: 0, creditsPending: 600 });
    // the held money can't be spent twice
    expect((await reject(Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 401 }] }))).code).toBe(
      "ledger.insufficient_funds",
    );
    const race = await Promise.allSettled([
      Ledger.settle({ commandID: cmd(), pendingID, action: "post" }),
      Ledger.settle({ commandID: cmd(), pendingID, action: "void" }),
      Ledger.settle({ commandID: cmd(), pendingID, action: "post" }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(race.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as VisibleError).code)).toEqual([
      "ledger.already_settled",
      "ledger.already_settled",
    ]);
    const wallet = await Ledger.balance(a.wallet);
    expect(wallet.debitsPending).toBe(0);
    expect([400, 1_000]).toContain(wallet.available);
    await expectLedgerSound();

    const second = await Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 100, pending: true }] });
    const voidIt = { commandID: cmd(), pendingID: second.transferIDs[0] as string, action: "void" as const };
    await Ledger.settle(voidIt);
    expect(await Ledger.settle(voidIt)).toMatchObject({ commandID: voidIt.commandID });
    expect((await Ledger.balance(a.wallet)).available).toBe(wallet.available);
    await expectLedgerSound();
  });

  it("lets a payee's account go negative only through a clawback posting", async () => {
    const a = await accounts();
    await Ledger.post({ commandID: cmd(), transfers: [{ debit: a.wallet, credit: a.host, amount: 300 }] });
    const refund = { commandID: cmd(), transfers: [{ debit: a.host, credit: a.wallet, amount: 500 }] };
    expect((await reject(Ledger.post(refund))).code).toBe("ledger.insufficient_funds");
    await Ledger.post({ ...refund, clawback: true });
    expect((await Ledger.balance(a.host)).available).toBe(-200);
    await expectLedgerSound();
  });

  it("spreads a hot account over shards: 50 simultaneous postings to the platform fee lose nothing and post nothing twice", async () => {
    const a = await accounts(0);
    const income = await Ledger.open({
      accountID: `income-${a.platform}`,
      kind: "provider_clearing",
      ownerID: "zhubo",
      normal: "debit",
      overdraft: "always",
      shards: 8,
    });
    const commands = Array.from({ length: 50 }, (_, i) => ({
      commandID: cmd(),
      transfers: [{ debit: income.accountID, credit: a.platform, amount: 100 + i }],
    }));
    await Promise.all([...commands, ...commands.slice(0, 10)].map((c) => Ledger.post(c)));
    const expected = commands.reduce((s, c) => s + (c.transfers[0]?.amount ?? 0), 0);
    expect((await Ledger.balance(a.platform)).available).toBe(expected);
    expect((await Ledger.balance(income.accountID)).available).toBe(expected);
    await expectLedgerSound();
  });

  it("refuses bad commands field by field and writes nothing", async () => {
    const a = await accounts();
    for (const transfers of [
      [],
      [{ debit: a.wallet, credit: a.host, amount: 0 }],
      [{ debit: a.wallet, credit: a.wallet, amount: 5 }],
      [{ debit: a.wallet, credit: a.host, amount: 1.5 }],
      [{ debit: "nobody", credit: a.host, amount: 5 }],
    ]) {
      const e = await reject(Ledger.post({ commandID: cmd(), transfers }));
      expect(e.kind).toBe("input");
      expect(e.fields).toHaveProperty("transfers");
    }
    expect((await Ledger.balance(a.host)).available).toBe(0);
    expect((await reject(Ledger.settle({ commandID: cmd(), pendingID: "trf_nope", action: "post" }))).kind).toBe("not_found");
  });
});
