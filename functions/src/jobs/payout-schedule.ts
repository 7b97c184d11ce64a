import { Actor } from "@zhubo/core/actor";
import { Payout } from "@zhubo/core/payout";

/** Mondays 10:00 China time: the week's payout run (its id is the week's, so a repeated firing starts it once; skipped while another runs). */
export async function handler(): Promise<{ runID?: string }> {
  const run = await Actor.provide({ type: "system", name: "payout-schedule" }, () => Payout.scheduled());
  console.log(JSON.stringify({ level: "info", job: "payout.schedule", runID: run?.runID ?? null, skipped: !run }));
  return { runID: run?.runID };
}
