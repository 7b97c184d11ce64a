import { Event } from "@zhubo/core/event";
import type { BusEvent } from "../bus.js";

/**
 * Drains the subscribers' dead-letter queue into the table's dead-letter list, where ops see and
 * replay failed deliveries (the ops events page, `ops.deadLetters` / `ops.replay`). A message is
 * one of two shapes: Lambda's on-failure record (the subscriber failed every attempt) or an
 * EventBridge target's dead letter (the bus could not invoke the subscriber at all).
 * `ZHUBO_SUBSCRIBER_FUNCTIONS` maps each subscriber's function name to the subscriber's name.
 */
interface SqsRecord {
  messageId: string;
  body: string;
  messageAttributes?: Record<string, { stringValue?: string } | undefined>;
}

interface Failure {
  subscriber: string;
  envelope: Event.Envelope;
  error: string;
  attempts: number;
}

const functionName = (arn: string | undefined) => arn?.split(":")[6] ?? "";

export function parse(record: SqsRecord, subscribers: Record<string, string>): Failure {
  const body = JSON.parse(record.body) as {
    requestContext?: { functionArn?: string; condition?: string; approximateInvokeCount?: number };
    requestPayload?: BusEvent;
    responsePayload?: { errorType?: string; errorMessage?: string };
  } & BusEvent;
  if (body.requestContext && body.requestPayload) {
    const fn = functionName(body.requestContext.functionArn);
    const error = body.responsePayload?.errorType ?? body.requestContext.condition ?? "unknown";
    return {
      subscriber: subscribers[fn] ?? fn,
      envelope: body.requestPayload.detail as Event.Envelope,
      error: `${error}${body.responsePayload?.errorMessage ? `: ${body.responsePayload.errorMessage}` : ""}`,
      attempts: body.requestContext.approximateInvokeCount ?? 0,
    };
  }
  const attributes = record.messageAttributes ?? {};
  const fn = functionName(attributes.TARGET_ARN?.stringValue);
  return {
    subscriber: subscribers[fn] ?? fn,
    envelope: body.detail as Event.Envelope,
    error: `${attributes.ERROR_CODE?.stringValue ?? "delivery failed"}${attributes.ERROR_MESSAGE?.stringValue ? `: ${attributes.ERROR_MESSAGE.stringValue}` : ""}`,
    attempts: 0,
  };
}

const subscribers = (): Record<string, string> => JSON.parse(process.env.ZHUBO_SUBSCRIBER_FUNCTIONS ?? "{}") as Record<string, string>;

export async function handler(event: { Records?: SqsRecord[] }): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const map = subscribers();
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records ?? []) {
    try {
      await Event.deadLetter(parse(record, map));
    } catch (e) {
      console.error(JSON.stringify({ level: "error", message: "dead letter not recorded", messageId: record.messageId, error: (e as Error)?.name }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
