import type { Event } from "@zhubo/core/event";
import { useMessagingFromEnv } from "./messaging.js";

/** What EventBridge hands a rule's Lambda target: the envelope is the event's `detail`. */
export interface BusEvent {
  id?: string;
  "detail-type"?: string;
  detail?: unknown;
}

/**
 * A subscriber as a Lambda entry. It throws on failure, so Lambda's asynchronous retries and then
 * the on-failure destination (the subscribers' dead-letter queue) take over. One JSON log line
 * per delivery, with ids only.
 */
export function lambda(subscriber: Event.Subscriber, o: { sends?: boolean } = {}) {
  // a subscriber that sends SMS/email (registry: messaging) gets SES and SNS from its environment
  if (o.sends) useMessagingFromEnv();
  return async (event: BusEvent): Promise<{ outcome: "done" | "duplicate" }> => {
    const started = Date.now();
    const envelope = event.detail as Event.Envelope;
    const fields = { subscriber: subscriber.name, eventID: envelope?.id, type: event["detail-type"] };
    try {
      const outcome = await subscriber.handle(envelope);
      console.log(JSON.stringify({ level: "info", message: "event handled", ...fields, outcome, ms: Date.now() - started }));
      return { outcome };
    } catch (e) {
      console.error(JSON.stringify({ level: "error", message: "event failed", ...fields, error: (e as Error)?.name ?? "unknown" }));
      throw e;
    }
  };
}
