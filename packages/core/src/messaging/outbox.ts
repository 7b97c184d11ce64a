import { randomUUID } from "node:crypto";
import type { Adapter, Rendered } from "./index.js";

export interface Sent extends Rendered {
  id: string;
  sentAt: string;
}

/** The local adapter: keeps what was sent (newest first) for the dev page, the console and tests. */
export interface Outbox extends Adapter {
  readonly kind: "local";
  /** Newest first. */
  list(): Sent[];
  /** The newest message to a login ("email:a@b.cn" or the Login itself), optionally of one template. */
  latest(to: { kind: string; value: string }, template?: Rendered["template"]): Sent | undefined;
}

export function createOutbox(opts: { keep?: number; onSend?: (message: Sent) => void } = {}): Outbox {
  const keep = opts.keep ?? 200;
  const sent: Sent[] = [];
  return {
    kind: "local",
    async deliver(message) {
      const item: Sent = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
      sent.unshift(item);
      sent.length = Math.min(sent.length, keep);
      opts.onSend?.(item);
    },
    list: () => [...sent],
    latest: (to, template) => sent.find((m) => m.to.kind === to.kind && m.to.value === to.value && (!template || m.template === template)),
  };
}
