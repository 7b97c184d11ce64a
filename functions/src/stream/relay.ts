import { Event } from "@zhubo/core/event";
import { createEventBridgeBus } from "@zhubo/core/event/eventbridge";
import { EVENT_SOURCE } from "../events/registry.js";

/**
 * The table's stream consumer (infra/events.ts): outbox INSERTs go to the stage's EventBridge
 * bus. Only outbox INSERTs reach it (the event source mapping filters), and a batch PutEvents
 * refused partly reports the first refused record, so Lambda retries from there (bisecting a
 * batch that keeps failing; what never goes through lands in the relay's dead-letter queue).
 */
const bus = createEventBridgeBus({ busName: process.env.ZHUBO_BUS_NAME ?? "", source: EVENT_SOURCE });

export async function handler(event: { Records?: Event.StreamRecord[] }): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const records = event.Records ?? [];
  const failed = await Event.relay(records, bus);
  console.log(JSON.stringify({ level: failed === undefined ? "info" : "warn", message: "relayed", records: records.length, failedFrom: failed }));
  return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }] };
}
