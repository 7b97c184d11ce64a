import { Practice } from "@zhubo/core/practice";
import { useIvsFromEnv } from "../streaming.js";

useIvsFromEnv();

/** Every few minutes: end due practice leases (stop the stream, retire the key) and close lost sessions. */
export async function handler(): Promise<{ ended: number }> {
  const ended = await Practice.expireDue();
  console.log(JSON.stringify({ level: "info", job: "practice.expire", ended }));
  return { ended };
}
