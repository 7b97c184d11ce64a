/**
 * Every subscriber to zhubo's domain events: its file in this folder (`<name>.ts`, exporting
 * `subscriber` and `handler`) and the event types it reacts to. Pure data with no imports:
 * infra/events.ts registers each file by path with an EventBridge rule, a retry policy and a
 * dead-letter queue; the laptop stack's bus invokes the same files with the same retries. A test
 * (functions/src/events/registry.test.ts) holds each file's own declaration to this list.
 */
export const SUBSCRIBERS = [
  { name: "enrolment-evidence-changed", events: ["enrolment.evidence_changed"] },
  { name: "certificate-changed", events: ["certificate.issued", "certificate.renewed", "certificate.revoked"] },
  { name: "booking-closed", events: ["booking.completed", "booking.no_show"] },
  { name: "slot-fee", events: ["booking.completed"] },
  {
    name: "notify",
    events: [
      "offer.made",
      "offer.countered",
      "offer.declined",
      "booking.confirmed",
      "booking.cancelled",
      "booking.no_show",
      "booking.completed",
      "certificate.issued",
      "certificate.renewed",
      "certificate.revoked",
      "membership.invited",
    ],
    /** Sends SMS/email: the messaging adapter's environment and its two statements. */
    messaging: true,
  },
] as const;

export type SubscriberName = (typeof SUBSCRIBERS)[number]["name"];

/** The EventBridge `source` of every domain event; the bus is the stage's own. */
export const EVENT_SOURCE = "zhubo";

/**
 * How hard delivery tries before an event lands in the dead-letter list, in the cloud and on a
 * laptop alike. A subscriber's own failures: Lambda's asynchronous invocation retries twice
 * (three attempts), then its on-failure destination; EventBridge's failures to hand the event to
 * Lambda at all (throttling, a missing function): retried up to a day, then the target's DLQ.
 */
export const DELIVERY = {
  attempts: 3,
  maxEventAgeSeconds: 6 * 3600,
  handoffRetries: 185,
  handoffMaxAgeSeconds: 24 * 3600,
} as const;
