import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Bus, Envelope } from "./index.js";

const sdk = () => import("@aws-sdk/client-eventbridge");

/** PutEvents takes 10 entries (and 256 KB) per call; envelopes are ids and facts, far below that. */
const PER_CALL = 10;

export interface EventBridgeBusOptions {
  busName: string;
  source: string;
  region?: string;
  /** An existing client (tests); otherwise made on first publish. */
  client?: EventBridgeClient;
}

/**
 * The bus in AWS: each envelope is one EventBridge event, `detail-type` its type and `detail`
 * the envelope, so rules match on the type and subscribers read the envelope back. PutEvents can
 * take some entries of a call and refuse others: those come back as failed, to be retried.
 */
export function createEventBridgeBus(options: EventBridgeBusOptions): Bus {
  let client: Promise<EventBridgeClient> | undefined = options.client ? Promise.resolve(options.client) : undefined;
  return {
    async publish(envelopes: Envelope[]) {
      const { EventBridgeClient, PutEventsCommand } = await sdk();
      client ??= Promise.resolve(new EventBridgeClient(options.region ? { region: options.region } : {}));
      const c = await client;
      const failed: number[] = [];
      for (let start = 0; start < envelopes.length; start += PER_CALL) {
        const chunk = envelopes.slice(start, start + PER_CALL);
        try {
          const out = await c.send(
            new PutEventsCommand({
              Entries: chunk.map((e) => ({
                EventBusName: options.busName,
                Source: options.source,
                DetailType: e.type,
                Detail: JSON.stringify(e),
                Time: new Date(e.at),
              })),
            }),
          );
          (out.Entries ?? []).forEach((entry, i) => {
            if (entry.ErrorCode || !entry.EventId) failed.push(start + i);
          });
          if ((out.Entries ?? []).length < chunk.length) for (let i = (out.Entries ?? []).length; i < chunk.length; i++) failed.push(start + i);
        } catch {
          for (let i = 0; i < chunk.length; i++) failed.push(start + i);
        }
      }
      return failed;
    },
  };
}
