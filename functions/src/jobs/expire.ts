import { Market } from "@zhubo/core/market";
import { Practice } from "@zhubo/core/practice";
import { useIvsFromEnv } from "../streaming.js";

useIvsFromEnv();
// Sessions closed here credit practice, which can complete a learner's evidence.
Market.wire();

/** Every few minutes: end due practice leases (stop the stream, retire the key) and close lost sessions. */
export async function handler(): Promise<{ ended: number }> {
  const ended = await Practice.expireDue();
  console.log(JSON.stringify({ level: "info", job: "practice.expire", ended }));
  return { ended };
}
