import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Money } from "../money/index.js";
import type { Outcome, Provider, QueryOutcome, TransferRequest } from "./provider.js";

/*
 * The laptop's payout provider: every transfer is a file shaped like the Alipay request it stands
 * for (<dir>/<reference>.json), and a tester decides its outcome in the web app's provider console
 * (/dev/payouts), with `pnpm payouts`, or ahead of time (`plan`). Files, so the dev stack, the CLI
 * and a test see the same transfers.
 */

/** What the next transfer call does: wait for the tester (default), answer at once, or lose the answer. */
export type Behaviour =
  | "pending"
  | "succeed"
  | { fail: string }
  /** Recorded, but the caller hears nothing (a timeout after the provider got it): a query tells the truth. */
  | "timeout"
  /** Never arrives (a timeout before the provider got it): a query says not found. */
  | "lost"
  /** A system error after recording (Alipay's 20000 / SYSTEM_ERROR). */
  | "system_error";

export interface LocalTransfer {
  reference: string;
  /** As Alipay's alipay.fund.trans.uni.transfer would receive it. */
  request: {
    method: "alipay.fund.trans.uni.transfer";
    biz_content: {
      out_biz_no: string;
      trans_amount: string;
      product_code: "TRANS_ACCOUNT_NO_PWD";
      biz_scene: "DIRECT_TRANSFER";
      order_title: string;
      payee_info: { identity: string; identity_type: "ALIPAY_LOGON_ID"; name: string };
    };
  };
  amountFen: number;
  state: "pending" | "succeeded" | "failed";
  code?: string;
  reason?: string;
  providerID?: string;
  at: string;
  decidedAt?: string;
  /** How many times it was sent (a resend under the same reference never pays twice). */
  calls: number;
}

/** Reasons for the failure codes a tester can pick (Alipay's sub_codes). */
export const FAILURES: Record<string, string> = {
  PAYEE_NOT_EXIST: "收款账号不存在 · The payee's Alipay account doesn't exist",
  PAYEE_USER_INFO_ERROR: "收款人姓名与账号不符 · The name doesn't match the Alipay account",
  PAYEE_ACCOUNT_STATUS_ERROR: "收款账号状态异常 · The payee's Alipay account is frozen or closed",
  EXCEED_LIMIT_PERSONAL_SM_AMOUNT: "超出收款人单笔限额 · Over the payee's single-transfer limit",
};

export interface LocalPayoutProvider extends Provider {
  readonly dir: string;
  list(): LocalTransfer[];
  get(reference: string): LocalTransfer | undefined;
  /** The tester's decision on a pending transfer. */
  decide(reference: string, decision: "succeed" | { fail: string; reason?: string }): LocalTransfer;
  /** Queues behaviours for the next transfer calls (first in, first used). */
  plan(...behaviours: Behaviour[]): void;
}

export function createLocalPayoutProvider(dir: string): LocalPayoutProvider {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileOf = (reference: string) => join(dir, `${reference.replace(/[^A-Za-z0-9_]/g, "")}.json`);
  const queueFile = join(dir, "_next.json");
  const save = (t: LocalTransfer) => {
    const tmp = `${fileOf(t.reference)}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(t, null, 2)}\n`);
    renameSync(tmp, fileOf(t.reference));
  };
  const load = (reference: string): LocalTransfer | undefined =>
    existsSync(fileOf(reference)) ? (JSON.parse(readFileSync(fileOf(reference), "utf8")) as LocalTransfer) : undefined;
  const queue = (): Behaviour[] => (existsSync(queueFile) ? (JSON.parse(readFileSync(queueFile, "utf8")) as Behaviour[]) : []);
  const setQueue = (q: Behaviour[]) => writeFileSync(queueFile, JSON.stringify(q));
  const outcomeOf = (t: LocalTransfer): Outcome =>
    t.state === "succeeded"
      ? { status: "succeeded", providerID: t.providerID as string, at: t.decidedAt as string }
      : t.state === "failed"
        ? { status: "failed", code: t.code as string, reason: t.reason as string }
        : { status: "processing", providerID: t.providerID };
  let n = 0;
  const decideOn = (t: LocalTransfer, decision: "succeed" | { fail: string; reason?: string }) => {
    t.decidedAt = new Date().toISOString();
    if (decision === "succeed") t.state = "succeeded";
    else {
      t.state = "failed";
      t.code = decision.fail;
      t.reason = decision.reason ?? FAILURES[decision.fail] ?? decision.fail;
    }
  };
  return {
    name: "local",
    dir,
    list() {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
        .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as LocalTransfer)
        .sort((a, b) => b.at.localeCompare(a.at));
    },
    get: load,
    decide(reference, decision) {
      const t = load(reference);
      if (!t) throw new Error(`no transfer ${reference}`);
      if (t.state !== "pending") throw new Error(`transfer ${reference} is ${t.state} already`);
      decideOn(t, decision);
      save(t);
      return t;
    },
    plan(...behaviours) {
      setQueue([...queue(), ...behaviours]);
    },
    async transfer(request: TransferRequest): Promise<Outcome> {
      const earlier = load(request.reference);
      if (earlier) {
        // the same reference again: the same transfer, never a second payment
        earlier.calls += 1;
        save(earlier);
        return outcomeOf(earlier);
      }
      const [behaviour = "pending", ...rest] = queue();
      setQueue(rest);
      if (behaviour === "lost") return { status: "unknown", detail: "timeout: no answer from the provider (local: the request never arrived)" };
      const t: LocalTransfer = {
        reference: request.reference,
        request: {
          method: "alipay.fund.trans.uni.transfer",
          biz_content: {
            out_biz_no: request.reference,
            trans_amount: Money.toDecimalString(request.amountFen),
            product_code: "TRANS_ACCOUNT_NO_PWD",
            biz_scene: "DIRECT_TRANSFER",
            order_title: request.title,
            payee_info: { identity: request.destination.account, identity_type: "ALIPAY_LOGON_ID", name: request.destination.name },
          },
        },
        amountFen: request.amountFen,
        state: "pending",
        providerID: `LOCAL${Date.now()}${(n++).toString().padStart(4, "0")}`,
        at: new Date().toISOString(),
        calls: 1,
      };
      if (behaviour === "succeed") decideOn(t, "succeed");
      if (typeof behaviour === "object") decideOn(t, behaviour);
      save(t);
      if (behaviour === "timeout") return { status: "unknown", detail: "timeout: no answer from the provider" };
      if (behaviour === "system_error") return { status: "unknown", detail: "SYSTEM_ERROR: the provider had a system error" };
      return outcomeOf(t);
    },
    async query(reference: string): Promise<QueryOutcome> {
      const t = load(reference);
      return t ? outcomeOf(t) : { status: "not_found" };
    },
  };
}
