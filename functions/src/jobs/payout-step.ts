import { Actor } from "@zhubo/core/actor";
import { Payout } from "@zhubo/core/payout";
import { createAlipayProvider } from "@zhubo/core/payout/alipay";
import { loadSecrets } from "../api/secrets.js";

/** The stage's Alipay app: its id and key pair (SST secrets; `sst secrets set ALIPAY_APP_PRIVATE_KEY …`). */
export const ALIPAY_SECRETS = ["ALIPAY_APP_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"] as const;

let configured: Promise<void> | undefined;
async function configure(): Promise<void> {
  await loadSecrets([...ALIPAY_SECRETS]);
  Payout.useProvider(
    createAlipayProvider({
      appID: process.env.ALIPAY_APP_ID as string,
      privateKeyPem: process.env.ALIPAY_APP_PRIVATE_KEY as string,
      alipayPublicKeyPem: process.env.ALIPAY_PUBLIC_KEY as string,
      gateway: process.env.ALIPAY_GATEWAY || undefined,
    }),
  );
}

const RUN_ID = /^prn_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * One step of a payout run, as the state machine (infra/payouts.ts) calls it: a page of planning,
 * a chunk of payouts, or a round of queries; it answers what to do next ("continue", "wait",
 * "done"). A step that dies is retried by the state machine and resumes where the table says.
 */
export async function handler(input: { runID?: unknown }): Promise<{ runID: string; next: "continue" | "wait" | "done" }> {
  if (typeof input?.runID !== "string" || !RUN_ID.test(input.runID)) throw new Error("payout step: input.runID is not a payout run id");
  const runID = input.runID;
  configured ??= configure().catch((e) => {
    configured = undefined;
    throw e;
  });
  await configured;
  const { next, run } = await Actor.provide({ type: "system", name: "payout-run" }, () => Payout.advance(runID));
  console.log(JSON.stringify({ level: "info", job: "payout.step", runID, next, phase: run.phase, planned: run.planned, paid: run.paid, failed: run.failed }));
  return { runID, next };
}
