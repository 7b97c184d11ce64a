import { Event } from "@zhubo/core/event";
import { DELIVERY, SUBSCRIBERS } from "@zhubo/functions/events/registry";

/**
 * The laptop's EventBridge: the stream reader publishes outbox events here and each subscriber
 * whose types match is invoked, with the cloud's delivery semantics — DELIVERY.attempts tries
 * with backoff, then the dead-letter list (Event.deadLetter, the same list the cloud's recorder
 * fills) where ops see and replay it. `publish` resolves when every delivery has succeeded or
 * been dead-lettered, so the reader advances its checkpoint only past events that are settled.
 */
export interface LocalBusOptions {
  subscribers: Event.Subscriber[];
  attempts?: number;
  /** Wait before retry `attempt` (1-based). Lambda waits about a minute, then two; locally far less. */
  backoffMs?: (attempt: number) => number;
  log?: (line: string) => void;
}

export function createLocalBus(options: LocalBusOptions): Event.Bus {
  const attempts = options.attempts ?? DELIVERY.attempts;
  const backoff = options.backoffMs ?? ((attempt: number) => 200 * 2 ** (attempt - 1));
  async function deliver(subscriber: Event.Subscriber, envelope: Event.Envelope): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await subscriber.handle(envelope);
        return;
      } catch (e) {
        if (attempt >= attempts) {
          const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          await Event.deadLetter({ subscriber: subscriber.name, envelope, error, attempts });
          options.log?.(`event ${envelope.type} ${envelope.id}: ${subscriber.name} failed ${attempts} times; dead-lettered`);
          return;
        }
        await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
  }
  return {
    async publish(envelopes) {
      await Promise.all(envelopes.flatMap((e) => options.subscribers.filter((s) => s.types.includes(e.type)).map((s) => deliver(s, e))));
      return [];
    },
  };
}

/** Every subscriber file functions/src/events/registry.ts lists, loaded as the cloud deploys them. */
export async function loadSubscribers(): Promise<Event.Subscriber[]> {
  return Promise.all(SUBSCRIBERS.map(async ({ name }) => ((await import(`@zhubo/functions/events/${name}`)) as { subscriber: Event.Subscriber }).subscriber));
}
